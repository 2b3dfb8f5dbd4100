// How long a session lasts: pure, so the rules are tested at their boundaries (tests/unit/lockout.test.ts).
// Claims are in seconds since the epoch, like the JWT's own `iat` and `exp`.

/** The session cookie's and the JWT's lifetime; renewed on activity (Auth.js re-signs on each read). */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;
/** Signed out after this long without a request. */
export const IDLE_TIMEOUT_S = 30 * 60;
/** Signed out this long after signing in, however active: `signedInAt` is never refreshed. */
export const ABSOLUTE_LIFETIME_S = 12 * 60 * 60;
/** `lastSeen` is rewritten at most this often, so a burst of requests does not rewrite the cookie each time. */
export const LAST_SEEN_RESOLUTION_S = 60;

export interface SessionClaims {
  signedInAt?: unknown;
  lastSeen?: unknown;
  [claim: string]: unknown;
}

export type SessionState = "active" | "idle" | "expired" | "invalid";

function seconds(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Whether a session may go on at `nowS`: "idle" after IDLE_TIMEOUT_S without activity, "expired"
 * ABSOLUTE_LIFETIME_S after signing in, "invalid" without the claims (a token from before these
 * rules, or one not made by the portal). A claim in the future is invalid too.
 */
export function sessionState(claims: SessionClaims, nowS: number): SessionState {
  const signedInAt = seconds(claims.signedInAt);
  const lastSeen = seconds(claims.lastSeen);
  if (signedInAt === null || lastSeen === null) return "invalid";
  if (signedInAt > nowS + LAST_SEEN_RESOLUTION_S || lastSeen > nowS + LAST_SEEN_RESOLUTION_S || lastSeen < signedInAt)
    return "invalid";
  if (nowS - signedInAt >= ABSOLUTE_LIFETIME_S) return "expired";
  if (nowS - lastSeen >= IDLE_TIMEOUT_S) return "idle";
  return "active";
}

/** The claims after a request at `nowS` on an active session. */
export function touched<T extends SessionClaims>(claims: T, nowS: number): T {
  const lastSeen = seconds(claims.lastSeen) ?? 0;
  return nowS - lastSeen >= LAST_SEEN_RESOLUTION_S ? { ...claims, lastSeen: nowS } : claims;
}

export function nowSeconds(now = Date.now()): number {
  return Math.floor(now / 1000);
}
