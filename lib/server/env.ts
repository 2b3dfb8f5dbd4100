import "server-only";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL (npm run dev/start sets one up)" }),
  AUTH_SECRET: z.string().min(16).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** "1" where the demo runs (npm run dev / npm start, the end-to-end tests): see isProductionMode. */
  DEMO_MODE: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The environment, validated with zod on first use (not at import, so `next build` needs no database). */
export function env(): Env {
  parsed ??= schema.parse(process.env);
  return parsed;
}

/**
 * Production mode: NODE_ENV=production without DEMO_MODE=1. Then the demo accounts cannot be
 * seeded and a sign-in whose password fails the policy (password-policy.ts) is refused.
 * Read at each call (not cached), so tests can switch it. prisma/seed/index.ts repeats this test
 * (it runs under tsx, where this server-only module cannot be imported).
 */
export function isProductionMode(vars: Record<string, string | undefined> = process.env): boolean {
  return vars.NODE_ENV === "production" && vars.DEMO_MODE !== "1";
}
