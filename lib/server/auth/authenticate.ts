import "server-only";
import type { Db } from "@/lib/server/db";
import { verifyPassword } from "./password";
import { isLoginBlocked, recordLoginAttempt } from "./rate-limit";

export type AuthenticateResult =
  { ok: true; user: { id: number; email: string; name: string } } | { ok: false; reason: "invalid" | "rate_limited" };

// A fixed hash to compare against when the email is unknown, so both paths cost the same time.
const DUMMY_HASH = "$2b$10$QXSvIwX0sRwpZsg6TUI7su1Jl.IsKfeRc3M.xFLX4RUz22eIsejji";

/** Checks credentials with the login rate limit; every attempt is recorded. */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  ip: string,
): Promise<AuthenticateResult> {
  const email = rawEmail.trim().toLowerCase();
  if (await isLoginBlocked(db, email, ip)) return { ok: false, reason: "rate_limited" };
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user && user.active && valid);
  await recordLoginAttempt(db, email, ip, ok);
  if (!ok || !user) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
