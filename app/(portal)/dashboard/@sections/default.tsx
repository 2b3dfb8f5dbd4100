/** Nothing in the sections slot on a route below /dashboard that has no sections of its own. */
export default function SectionsDefault() {
  return null;
}
