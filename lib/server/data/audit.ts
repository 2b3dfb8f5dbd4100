import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateValue, isIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";
import { OBJECTION_AUDIT_ACTION } from "@/lib/server/objection-rate-limit";

/** The record types the services write audit rows about (AuditLog.entity); the filter offers these. */
export const AUDIT_ENTITIES = [
  "Accident",
  "CalendarDay",
  "CalendarYear",
  "Decision",
  "Grade",
  "GradeApplication",
  "HiddenDanger",
  "Objection",
  "Reply",
  "SpotCheck",
  "SpotCheckImport",
  "User",
  "Authority",
  "SpotCheckTarget",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** The actions the services record (AuditLog.action), in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  "spotCheck.record",
  "spotCheck.amend",
  "spotCheck.import",
  "accident.record",
  "hiddenDanger.selfReport",
  "decision.propose",
  "decision.confirm",
  "decision.withdraw",
  "finding.reply",
  "decision.reply",
  "application.submit",
  "application.passReview",
  "application.reject",
  "application.assess",
  "application.startNotice",
  "application.announce",
  "application.withdraw",
  "grade.announce",
  "objection.lodge",
  "objection.resolve",
  "calendar.addDay",
  "calendar.changeDay",
  "calendar.removeDay",
  "calendar.coverYear",
  "user.create",
  "user.update",
  "user.disable",
  "user.enable",
  "user.resetPassword",
  "user.liftLockout",
  "user.endSessions",
  "user.linkMine",
  "user.changePassword",
  "authority.create",
  "authority.update",
  "target.create",
  "target.update",
] as const;

const optionalDate = z.string().refine(isIsoDate).optional().catch(undefined);

export const auditFilterSchema = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
  action: z.string().trim().max(50).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Who did it: a user, a member of the public (an objection needs no login), or the system (a trigger, a scan). */
export type AuditActor = { kind: "USER"; name: string; email: string } | { kind: "PUBLIC" } | { kind: "SYSTEM" };

function actorOf(user: { id: number; name: string; email: string } | null, action: string): AuditActor {
  // The scheduled jobs' reserved account (lib/server/jobs/system-actor.ts) is the system too.
  if (user?.id === SYSTEM_ACTOR_ID) return { kind: "SYSTEM" };
  if (user) return { kind: "USER", name: user.name, email: user.email };
  // An objection is lodged without a login; every other row without a user is the system's own work.
  return action === OBJECTION_AUDIT_ACTION ? { kind: "PUBLIC" } : { kind: "SYSTEM" };
}

type RegionName = { nameZh: string; nameEn: string | null };

/**
 * The audit trail the caller may read: everything for ADMIN; for regulators, the rows about mines
 * in their jurisdiction (a national regulator also sees rows with no region). Each row comes with what
 * a reader needs instead of codes: who acted, the region's names (province to county), and the page
 * of the record it is about (null when it has none).
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
      include: { actor: { select: { id: true, email: true, name: true } } },
    }),
  ]);
  const [links, regions] = await Promise.all([
    recordLinks(db, rows),
    regionNames(
      db,
      rows.map((r) => r.regionCode),
    ),
  ]);
  return {
    total,
    pageSize,
    items: rows.map(({ actor, ...r }) => ({
      ...r,
      id: r.id.toString(),
      actor: actorOf(actor, r.action),
      href: links.get(`${r.entity}:${r.entityId}`) ?? null,
      region: regions.get(r.regionCode) ?? [],
    })),
  };
}

export type AuditRow = NonNullable<Awaited<ReturnType<typeof listAudit>>>["items"][number];

function idsOf(rows: { entity: string; entityId: string }[], entity: AuditEntity): number[] {
  return [
    ...new Set(rows.filter((r) => r.entity === entity && /^\d{1,9}$/.test(r.entityId)).map((r) => Number(r.entityId))),
  ];
}

const mineHref = (code: string) => `/mines/${encodeURIComponent(code)}`;
const spotCheckHref = (code: string, id: number) => `${mineHref(code)}/spot-checks/${id}`;
const mineCode = { mine: { select: { code: true } } } as const;

/**
 * The page of each row's record ("Entity:id" → path), looked up for one page of rows at once. A
 * record's own page where it has one (a spot-check, an application), else its mine's profile, which
 * lists grades, decisions, accidents and self-reported dangers. Those pages check the reader's scope
 * again; an audit row is only readable within the same scope anyway.
 */
async function recordLinks(db: Db, rows: { entity: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (e: AuditEntity) => ({ id: { in: idsOf(rows, e) } });
  const [spotChecks, accidents, dangers, decisions, grades, objections, replies] = await Promise.all([
    db.spotCheck.findMany({ where: ids("SpotCheck"), select: { id: true, ...mineCode } }),
    db.accident.findMany({ where: ids("Accident"), select: { id: true, ...mineCode } }),
    db.hiddenDanger.findMany({ where: ids("HiddenDanger"), select: { id: true, spotCheckId: true, ...mineCode } }),
    db.decision.findMany({ where: ids("Decision"), select: { id: true, ...mineCode } }),
    db.grade.findMany({ where: ids("Grade"), select: { id: true, ...mineCode } }),
    db.objection.findMany({ where: ids("Objection"), select: { id: true, applicationId: true } }),
    db.reply.findMany({
      where: ids("Reply"),
      select: {
        id: true,
        finding: { select: { spotCheckId: true, spotCheck: { select: mineCode } } },
        decision: { select: mineCode },
      },
    }),
  ]);
  const out = new Map<string, string>();
  for (const s of spotChecks) out.set(`SpotCheck:${s.id}`, spotCheckHref(s.mine.code, s.id));
  for (const a of accidents) out.set(`Accident:${a.id}`, mineHref(a.mine.code));
  for (const h of dangers)
    out.set(`HiddenDanger:${h.id}`, h.spotCheckId ? spotCheckHref(h.mine.code, h.spotCheckId) : mineHref(h.mine.code));
  for (const d of decisions) out.set(`Decision:${d.id}`, mineHref(d.mine.code));
  for (const g of grades) out.set(`Grade:${g.id}`, mineHref(g.mine.code));
  for (const o of objections) out.set(`Objection:${o.id}`, `/applications/${o.applicationId}`);
  for (const r of replies) {
    if (r.finding) out.set(`Reply:${r.id}`, spotCheckHref(r.finding.spotCheck.mine.code, r.finding.spotCheckId));
    else if (r.decision) out.set(`Reply:${r.id}`, mineHref(r.decision.mine.code));
  }
  for (const id of idsOf(rows, "GradeApplication")) out.set(`GradeApplication:${id}`, `/applications/${id}`);
  return out;
}

/** Each region code's names from the province down to it (a county has three, a province one). */
async function regionNames(db: Db, codes: string[]): Promise<Map<string, RegionName[]>> {
  const wanted = [...new Set(codes.filter((c) => c !== ""))];
  const name = { nameZh: true, nameEn: true } as const;
  const found = await db.region.findMany({
    where: { code: { in: wanted } },
    select: { code: true, ...name, parent: { select: { ...name, parent: { select: name } } } },
  });
  return new Map(
    found.map((r) => {
      const chain: RegionName[] = [];
      if (r.parent?.parent) chain.push(r.parent.parent);
      if (r.parent) chain.push({ nameZh: r.parent.nameZh, nameEn: r.parent.nameEn });
      chain.push({ nameZh: r.nameZh, nameEn: r.nameEn });
      return [r.code, chain];
    }),
  );
}
