import "server-only";
import type { FieldMine, FieldPack } from "@/lib/field/contract";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { gradeInForce } from "@/lib/server/data/mine-facts";
import { allRuleSets, ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";

/** Mines the pack offers as assigned, at most. */
export const MAX_ASSIGNED_MINES = 50;

/**
 * What the field app needs to open a spot-check offline (issue 16): the caller, today, every rule
 * version, and the mines: those in the caller's scope, producing, graded and not spot-checked this
 * year (by county, then code; at most MAX_ASSIGNED_MINES), then those of `recent` that are in scope
 * (others are left out, without a word). Null when the caller may not record spot-checks.
 */
export async function fieldPack(
  caller: Caller,
  recent: string[],
  opts: { db?: Db; today?: string; now?: Date } = {},
): Promise<FieldPack | null> {
  if (!can(caller.role, "spotCheck.record")) return null;
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const yearStart = dateValue(`${today.slice(0, 4)}-01-01`);
  const select = { id: true, code: true, name: true, nameEn: true, type: true, countyCode: true } as const;
  const assigned = await db.mine.findMany({
    where: {
      AND: [
        mineScope(caller),
        { status: "NORMAL_PRODUCTION" },
        { grades: { some: inForceOn(today) } },
        { spotChecks: { none: { checkedOn: { gte: yearStart } } } },
      ],
    },
    orderBy: [{ countyCode: "asc" }, { code: "asc" }],
    take: MAX_ASSIGNED_MINES,
    select,
  });
  const seen = new Set(assigned.map((m) => m.code));
  const wanted = recent.filter((c) => !seen.has(c));
  const recentMines = wanted.length
    ? await db.mine.findMany({ where: { AND: [{ code: { in: wanted } }, mineScope(caller)] }, select })
    : [];
  // In the order the client named them.
  recentMines.sort((a, b) => wanted.indexOf(a.code) - wanted.indexOf(b.code));

  const [ruleSets, inForce] = await Promise.all([allRuleSets({ db: opts.db }), ruleSetOn(today, { db: opts.db })]);
  const ruleVersionCode = inForce?.rules.code ?? "";
  const mines: FieldMine[] = [];
  for (const [reason, list] of [
    ["assigned", assigned],
    ["recent", recentMines],
  ] as const) {
    for (const m of list) {
      const g = await gradeInForce(db, m.id, today);
      mines.push({
        code: m.code,
        name: m.name,
        nameEn: m.nameEn,
        type: m.type,
        countyCode: m.countyCode,
        grade: g ? { id: g.id, level: g.level, validFrom: g.announcedOn, validUntil: g.validUntil } : null,
        ruleVersionCode,
        reason,
      });
    }
  }
  return {
    user: { id: caller.id, name: caller.name, jurisdiction: caller.jurisdiction },
    today,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    ruleSets,
    mines,
  };
}
