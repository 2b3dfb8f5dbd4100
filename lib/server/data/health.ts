import "server-only";
import { db as defaultDb, type Db } from "@/lib/server/db";

export type Health = { status: "ok" } | { status: "error"; reason: string };

export async function checkHealth(db: Db = defaultDb, timeoutMs = 3000): Promise<Health> {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
    return { status: "ok" };
  } catch (e) {
    return {
      status: "error",
      reason: `database unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    };
  }
}
