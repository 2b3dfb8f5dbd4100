import "server-only";

/**
 * The client's address as the proxy in front reports it: the first X-Forwarded-For entry, else
 * X-Real-IP; "" when neither is set. For the sign-in lockout and the objection limit.
 */
export function clientIp(headers: Headers | undefined): string {
  const forwarded = headers?.get("x-forwarded-for");
  return (forwarded?.split(",")[0]?.trim() || headers?.get("x-real-ip")?.trim() || "").slice(0, 100);
}
