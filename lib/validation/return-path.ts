// Where to go after signing in: the page a signed-out visitor asked for, carried through the
// sign-in page as `?next=`. Anyone can write that link, so only a path on this site is followed
// (an open redirect would lend the portal's name to a phishing page).

const BASE = "http://portal.invalid";

/** Where sign-in must never lead back to: the sign-in page itself (a loop) and the API. */
const NOT_A_DESTINATION = /^\/(login|api)(\/|\?|#|$)/;

/**
 * The same-origin path (path, query, fragment) `raw` names, or null when it is not one: not a
 * string, not starting with one "/" (`//evil.example` and `https://…` leave the site), or holding
 * a backslash or a control character, which browsers read as "/" or drop (`/\evil.example`,
 * `/\t/evil.example` would both become `//evil.example`).
 */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return NOT_A_DESTINATION.test(path) ? null : path;
}
