// A path whose percent-encoding does not decode ("/decisions/%/letter", "/mines/%E4"): Next.js's
// router fails on such a dynamic segment with a bare 500 before any route runs, so proxy.ts answers
// it first, with a 400 and the security headers.

export function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
