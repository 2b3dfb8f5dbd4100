import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/server/auth/config";
import { nowSeconds, sessionState, touched } from "@/lib/server/auth/session-policy";
import { REQUEST_URL_HEADER, unavailableResponse } from "@/lib/server/http/availability";
import { hasMalformedEncoding } from "@/lib/server/http/path-encoding";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/server/log/request-id";
import { FIELD_PATH } from "@/lib/field/contract";
import {
  contentSecurityPolicy,
  permissionsPolicyFor,
  createNonce,
  requestHeadersWithNonce,
  withSecurityHeaders,
} from "@/lib/server/http/security-headers";

// Runs before every matched request. It is not a security boundary (authorization lives in the
// data layer); it answers 503 while the database is down, sets the security headers with a fresh
// CSP nonce, gives the request its id for the logs (lib/server/log/request-id.ts), and renews the
// session cookie so that activity keeps a session from going idle.

// Auth.js without the credentials provider: it only reads the session cookie, applies the session
// rules (lib/server/auth/config.ts: idle and absolute timeouts) and re-signs it, or clears it.
const { auth: withSession } = NextAuth(authConfig);
const renewSession = withSession(() => undefined);

/**
 * Navigations and reads renew the session; writes (server actions, sign-in and sign-out) and
 * prefetches do not. The cookie is rewritten only when lastSeen has aged (at most once a minute)
 * or the session has ended, so a response still in flight when the user signs out can hardly
 * bring the cookie back.
 */
async function sessionCookies(request: NextRequest): Promise<string[]> {
  if (request.method !== "GET" && request.method !== "HEAD") return [];
  if (request.nextUrl.pathname.startsWith("/api/auth")) return [];
  if (request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch") return [];
  const cookies = request.cookies.getAll().filter((c) => c.name.includes("authjs.session-token"));
  if (!cookies.length) return [];
  if (!(await needsRenewal(cookies))) return [];
  const response = await renewSession(request as Parameters<typeof renewSession>[0], {
    params: Promise.resolve({}),
  });
  return response instanceof Response ? response.headers.getSetCookie() : [];
}

async function needsRenewal(cookies: { name: string; value: string }[]): Promise<boolean> {
  const secret = process.env.AUTH_SECRET;
  const [cookie] = cookies;
  // Chunked or several cookies, or no secret to read them with: let Auth.js sort it out.
  if (cookies.length !== 1 || !secret || !cookie.name.endsWith("authjs.session-token")) return true;
  try {
    const claims = await decode({ token: cookie.value, secret, salt: cookie.name });
    return !claims || touched(claims, nowSeconds()) !== claims || sessionState(claims, nowSeconds()) !== "active";
  } catch {
    return true; // expired or not ours: Auth.js clears it
  }
}

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce);
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  if (hasMalformedEncoding(request.nextUrl.pathname)) {
    const response = withSecurityHeaders(new NextResponse("Bad Request", { status: 400 }), csp);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const unavailable = await unavailableResponse(request);
  if (unavailable) {
    const response = withSecurityHeaders(unavailable, csp);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const forwarded = requestHeadersWithNonce(request.headers, nonce, csp);
  forwarded.set(REQUEST_URL_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const cookie of await sessionCookies(request)) response.headers.append("Set-Cookie", cookie);
  withSecurityHeaders(response, csp);
  // The field app's capture page may use the camera (this origin only); no other page may.
  response.headers.set("Permissions-Policy", permissionsPolicyFor(request.nextUrl.pathname, FIELD_PATH));
  return response;
}

// Not for static assets, the files of PUBLIC_FILES and the service worker's script (SERVICE_WORKER_FILE,
// lib/server/http/security-headers.ts), which need neither the database nor a session;
// tests/unit/proxy-matcher.test.ts keeps the lists equal.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png|manifest.webmanifest|robots.txt|serwist/sw.js).*)",
  ],
};
