import "server-only";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL (npm run dev/start sets one up)" }),
  AUTH_SECRET: z.string().min(16).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The environment, validated with zod on first use (not at import, so `next build` needs no database). */
export function env(): Env {
  parsed ??= schema.parse(process.env);
  return parsed;
}
