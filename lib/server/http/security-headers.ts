// Security headers for every response. The Content-Security-Policy carries a fresh nonce per request
// (proxy.ts), which Next.js reads from the request's CSP header and puts on its own scripts; the
// other headers are fixed and are also sent for static files (next.config.ts). No server-only
// import: next.config.ts loads this file outside the server bundle.

/** Fixed headers sent with every response. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * The files served from public/ and the metadata routes (app/manifest.ts, app/robots.ts): no
 * database, no session, no page. proxy.ts leaves them out (its matcher lists them too), and
 * next.config.ts sends them the fixed headers with PUBLIC_FILE_CSP.
 */
export const PUBLIC_FILES = [
  "/favicon.ico",
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/apple-touch-icon.png",
  "/manifest.webmanifest",
  "/robots.txt",
] as const;

/**
 * The service worker's script (app/serwist/[path]/route.ts, lib/pwa/sw.ts). proxy.ts leaves it out
 * too (no database, no session) and next.config.ts gives it the fixed headers with SERVICE_WORKER_CSP.
 */
export const SERVICE_WORKER_FILE = "/serwist/sw.js";

/**
 * A worker's own fetches obey the CSP its script was served with: this one may fetch from this
 * origin only (the shell, the precache) and load nothing else.
 */
export const SERVICE_WORKER_CSP = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";

/**
 * The field app's capture page (lib/field/contract.ts FIELD_PATH) may use the camera of this origin;
 * every other response keeps STATIC_SECURITY_HEADERS' denial.
 */
export const FIELD_PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=()";

/** The Permissions-Policy for a page's path: the camera for FIELD_PATH only. */
export function permissionsPolicyFor(pathname: string, fieldPath: string): string {
  return pathname === fieldPath ? FIELD_PERMISSIONS_POLICY : STATIC_SECURITY_HEADERS["Permissions-Policy"];
}

/** Nothing in these files may load or run anything (an SVG opened on its own could try). */
export const PUBLIC_FILE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** 128 random bits, base64: unpredictable and new for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for a request. Scripts: only those carrying the nonce, and what they
 * load ('strict-dynamic'). Styles allow inline ones because Next.js and recharts write style
 * attributes. No upgrade-insecure-requests: the portal is also served over plain HTTP on
 * 127.0.0.1 (tests, the demo), where it would break every subresource; HSTS covers HTTPS sites.
 * In development React needs eval for its debugging stacks.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (its script is same-origin; 'strict-dynamic' would ignore 'self' in script-src).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sets the CSP and the fixed headers on a response's headers. */
export function setSecurityHeaders(headers: Headers, csp: string): void {
  headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) headers.set(name, value);
}

/** A response with the security headers, copied first when its headers are immutable (e.g. Response.redirect). */
export function withSecurityHeaders(response: Response, csp: string): Response {
  try {
    setSecurityHeaders(response.headers, csp);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    setSecurityHeaders(copy.headers, csp);
    return copy;
  }
}

/** The request headers a page renders with: the CSP (Next.js takes the nonce from it) and x-nonce. */
export function requestHeadersWithNonce(headers: Headers, nonce: string, csp: string): Headers {
  const out = new Headers(headers);
  out.set("x-nonce", nonce);
  out.set("Content-Security-Policy", csp);
  return out;
}
