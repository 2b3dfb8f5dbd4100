import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { noteWrite } from "./log/write-log";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  /** County code of the mine concerned, so regional regulators can read their scope's audit. */
  regionCode?: string;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: Dates as ISO strings, Decimals and BigInts as strings. */
function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** Appends an audit row inside the caller's transaction, so it exists exactly when the write does. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      regionCode: entry.regionCode ?? "",
      before: json(entry.before),
      after: json(entry.after),
    },
  });
  noteWrite({ action: entry.action, userId: entry.actorId, entity: entry.entity, entityId: String(entry.entityId) });
}
