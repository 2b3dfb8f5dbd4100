import "server-only";
import { isoDate } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type DbOrTx } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";

/** Every rule version, drafts included, with how many score sheets use it (ADMIN: ruleVersion.manage). */
export async function listRuleVersions(caller: Caller, opts: { db?: DbOrTx } = {}) {
  if (!can(caller.role, "ruleVersion.manage")) throw forbidden();
  const db = opts.db ?? defaultDb;
  const rows = await db.ruleVersion.findMany({
    orderBy: [{ effectiveFrom: "asc" }, { id: "asc" }],
    select: {
      code: true,
      nameZh: true,
      nameEn: true,
      documentNo: true,
      effectiveFrom: true,
      publishedAt: true,
      _count: { select: { scoresheets: true } },
    },
  });
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    documentNo: r.documentNo,
    effectiveFrom: isoDate(r.effectiveFrom),
    published: r.publishedAt !== null,
    scoresheets: r._count.scoresheets,
  }));
}

/** One version with every parameter and its source (ADMIN); null when no version has the code. */
export async function ruleVersionDetail(caller: Caller, code: string, opts: { db?: DbOrTx } = {}) {
  if (!can(caller.role, "ruleVersion.manage")) throw forbidden();
  const db = opts.db ?? defaultDb;
  const v = await db.ruleVersion.findUnique({
    where: { code },
    include: {
      parts: { orderBy: { sortOrder: "asc" } },
      elements: { orderBy: [{ mineType: "asc" }, { sortOrder: "asc" }] },
      thresholds: { orderBy: [{ level: "asc" }, { id: "asc" }] },
      vetoes: { orderBy: [{ level: "asc" }, { id: "asc" }] },
      basicConditions: { orderBy: { sortOrder: "asc" } },
      sources: true,
      _count: { select: { scoresheets: true } },
    },
  });
  if (!v) return null;
  return {
    ...v,
    effectiveFrom: isoDate(v.effectiveFrom),
    published: v.publishedAt !== null,
    scoresheets: v._count.scoresheets,
    elements: v.elements.map((e) => ({ ...e, weight: Number(e.weight) })),
    thresholds: v.thresholds.map((t) => ({ ...t, minScore: Number(t.minScore) })),
    sources: Object.fromEntries(v.sources.map((s) => [s.parameter, { source: s.source, status: s.status }])),
  };
}
export type RuleVersionDetail = NonNullable<Awaited<ReturnType<typeof ruleVersionDetail>>>;
