import "server-only";
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/lib/server/db";

// Objections come from the public, without a login, so they are limited per client address. The
// count is read from the audit rows the objections wrote (action "objection.lodge"), which carry a
// hash of the address rather than the address itself: the limit holds across server processes and
// no extra table is needed.
export const OBJECTION_WINDOW_MS = 60 * 60 * 1000;
export const MAX_OBJECTIONS_PER_CLIENT = 5;
export const OBJECTION_AUDIT_ACTION = "objection.lodge";

/** A stable pseudonym for a client address (clients without a known address share one). */
export function clientKey(ip: string): string {
  return createHash("sha256").update(`objection-client:${ip.trim().toLowerCase()}`).digest("hex").slice(0, 32);
}

export async function isObjectionBlocked(db: DbOrTx, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - OBJECTION_WINDOW_MS);
  const recent = await db.auditLog.count({
    where: { action: OBJECTION_AUDIT_ACTION, at: { gte: since }, after: { path: ["client"], equals: clientKey(ip) } },
  });
  return recent >= MAX_OBJECTIONS_PER_CLIENT;
}
