/** The portal's public address for links in emails (PORTAL_URL, else AUTH_URL), without a trailing slash. */
export function portalUrl(): string {
  return (process.env.PORTAL_URL ?? process.env.AUTH_URL ?? "").replace(/\/+$/, "");
}
