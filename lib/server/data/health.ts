import "server-only";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { logger } from "@/lib/server/log/logger";

export type Health = { status: "ok" } | { status: "error"; reason: string };

class HealthTimeout extends Error {}

// Monitors poll this every few seconds; during an outage one log line per 10 s is enough.
let lastLogged = 0;

/**
 * Whether the database answers `SELECT 1` through the portal's own pool within timeoutMs. A stopped
 * server refuses at once and an unreachable one is cut off by the timeout, so this never hangs. The
 * reason is public (the endpoint needs no login), so it names what failed, not hosts or messages;
 * those go to the server log.
 */
export async function checkHealth(db: Db = defaultDb, timeoutMs = 3000): Promise<Health> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new HealthTimeout()), timeoutMs);
      }),
    ]);
    return { status: "ok" };
  } catch (e) {
    if (e instanceof HealthTimeout)
      return { status: "error", reason: `database did not answer within ${timeoutMs} ms` };
    const detail = e instanceof Error ? e.message.trim().split("\n").at(-1)?.trim() || e.name : String(e);
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn({ reason: detail }, "health check failed");
    }
    return { status: "error", reason: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
}
