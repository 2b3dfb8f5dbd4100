import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateValue, isIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";

const optionalDate = z.string().refine(isIsoDate).optional().catch(undefined);

export const auditFilterSchema = z.object({
  entity: z.string().trim().max(50).optional().catch(undefined),
  action: z.string().trim().max(50).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/**
 * The audit trail the caller may read: everything for ADMIN; for regulators, the rows about mines
 * in their jurisdiction (a national regulator also sees rows with no region).
 */
export async function listAudit(caller: Caller, filter: AuditFilter, opts: { db?: Db; pageSize?: number } = {}) {
  const db = opts.db ?? defaultDb;
  const pageSize = opts.pageSize ?? 50;
  if (!can(caller.role, "audit.read")) return null;
  const and: Prisma.AuditLogWhereInput[] = [];
  if (caller.role !== "ADMIN" && caller.jurisdiction !== "")
    and.push({ regionCode: { startsWith: caller.jurisdiction } });
  if (filter.entity) and.push({ entity: filter.entity });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.actor) and.push({ actor: { email: { contains: filter.actor.toLowerCase() } } });
  if (filter.from) and.push({ at: { gte: dateValue(filter.from) } });
  if (filter.to) and.push({ at: { lt: new Date(dateValue(filter.to).getTime() + 86_400_000) } });
  const where: Prisma.AuditLogWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
      include: { actor: { select: { email: true, name: true } } },
    }),
  ]);
  return { total, pageSize, items: rows.map((r) => ({ ...r, id: r.id.toString() })) };
}
