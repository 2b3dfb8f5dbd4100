import "server-only";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { gradeEnd } from "@/lib/domain/grade-validity";
import type {
  DecisionReason,
  DecisionStatus,
  DecisionType,
  GradeEndReason,
  ProductionStatus,
  SpotCheckConclusion,
  SpotCheckType,
} from "@/lib/generated/prisma/enums";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";

interface Named {
  nameZh: string;
  nameEn: string;
}

/** How a grade started: announced after an application, or by a downgrade decision. */
export type GradeStartVia = "ANNOUNCEMENT" | "DOWNGRADE";
/** How a grade ended: the stored end reason, or EXPIRED when its validity simply ran out (derived). */
export type GradeEndVia = GradeEndReason | "EXPIRED";

export type TimelineEvent =
  | {
      kind: "GRADE_START";
      date: string;
      gradeId: number;
      level: number;
      via: GradeStartVia;
      announcementNo: string;
      /** The downgrade decision's number when via is DOWNGRADE. */
      decisionNumber: string | null;
      validUntil: string;
      authority: Named;
      ruleVersionCode: string;
    }
  | {
      kind: "GRADE_END";
      date: string;
      gradeId: number;
      level: number;
      via: GradeEndVia;
      announcementNo: string;
      /** The downgrade or revocation decision that ended it. */
      decisionNumber: string | null;
      /** The announcement of the grade that superseded it. */
      supersededByNo: string | null;
    }
  | {
      kind: "DECISION";
      date: string;
      decisionId: number;
      /** Which step of the decision this event is (managers see CONFIRMED only). */
      stage: DecisionStatus;
      type: DecisionType;
      reason: DecisionReason;
      fromLevel: number;
      toLevel: number | null;
      number: string | null;
      legalBasis: string | null;
      withdrawnReason: string | null;
      authority: Named | null;
    }
  | {
      kind: "SPOT_CHECK";
      date: string;
      spotCheckId: number;
      type: SpotCheckType;
      conclusion: SpotCheckConclusion;
      total: number;
      level: number | null;
      authority: Named;
      findings: number;
    }
  | { kind: "ACCIDENT"; date: string; accidentId: number; deaths: number; injuries: number; description: string }
  | { kind: "STATUS_CHANGE"; date: string; periodId: number; from: ProductionStatus | null; to: ProductionStatus };

export type TimelineKind = TimelineEvent["kind"];

/**
 * Order of events on the same day, so a day reads as cause then effect: the production status, an
 * accident, a spot-check, the decision it led to, then the grade that ends and the one that starts.
 */
const SAME_DAY_ORDER: Record<TimelineKind, number> = {
  STATUS_CHANGE: 0,
  ACCIDENT: 1,
  SPOT_CHECK: 2,
  DECISION: 3,
  GRADE_END: 4,
  GRADE_START: 5,
};
const STAGE_ORDER: Record<DecisionStatus, number> = { PROPOSED: 0, WITHDRAWN: 1, CONFIRMED: 2 };

function idOf(e: TimelineEvent): number {
  switch (e.kind) {
    case "GRADE_START":
    case "GRADE_END":
      return e.gradeId;
    case "DECISION":
      return e.decisionId * 10 + STAGE_ORDER[e.stage];
    case "SPOT_CHECK":
      return e.spotCheckId;
    case "ACCIDENT":
      return e.accidentId;
    case "STATUS_CHANGE":
      return e.periodId;
  }
}

/** Oldest first; same day: SAME_DAY_ORDER, then by record id (decision steps in their order). */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return SAME_DAY_ORDER[a.kind] - SAME_DAY_ORDER[b.kind] || idOf(a) - idOf(b);
}

/**
 * Every grade (start and end), decision step, completed spot-check, accident and production-status
 * change of a mine, oldest first, or null when the mine does not exist or lies outside the caller's
 * scope. Mine managers see confirmed decisions only (as on the profile), and only their confirmation.
 * A grade's expiry is derived from its dates and listed once it has happened (end on or before today).
 */
export async function mineTimeline(caller: Caller, code: string, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "mine.read")) return null;
  const manager = caller.role === "MINE_MANAGER";
  const mine = await db.mine.findFirst({
    where: { AND: [{ code }, mineScope(caller)] },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      grades: {
        select: {
          id: true,
          level: true,
          announcementNo: true,
          announcedOn: true,
          validUntil: true,
          endedOn: true,
          endReason: true,
          authority: { select: { nameZh: true, nameEn: true } },
          ruleVersion: { select: { code: true } },
          fromDecision: { select: { number: true, status: true } },
          endedByDecision: { select: { number: true, status: true } },
        },
      },
      decisions: {
        where: manager ? { status: "CONFIRMED" } : {},
        select: {
          id: true,
          type: true,
          reason: true,
          status: true,
          fromLevel: true,
          toLevel: true,
          number: true,
          legalBasis: true,
          withdrawnReason: true,
          effectiveOn: true,
          proposedAt: true,
          decidedAt: true,
          authority: { select: { nameZh: true, nameEn: true } },
        },
      },
      spotChecks: {
        where: { status: "COMPLETED" },
        select: {
          id: true,
          checkedOn: true,
          type: true,
          conclusion: true,
          authority: { select: { nameZh: true, nameEn: true } },
          scoresheet: { select: { total: true, level: true } },
          _count: { select: { findings: true } },
        },
      },
      accidents: { select: { id: true, occurredOn: true, deaths: true, injuries: true, description: true } },
      statusPeriods: { orderBy: [{ startedOn: "asc" }, { id: "asc" }] },
    },
  });
  if (!mine) return null;

  const events: TimelineEvent[] = [];
  // A decision number is shown to a manager only once the decision is confirmed.
  const visibleNumber = (d: { number: string | null; status: DecisionStatus } | null) =>
    d && (!manager || d.status === "CONFIRMED") ? d.number : null;

  for (const g of mine.grades) {
    const announcedOn = isoDate(g.announcedOn);
    events.push({
      kind: "GRADE_START",
      date: announcedOn,
      gradeId: g.id,
      level: g.level,
      via: g.fromDecision ? "DOWNGRADE" : "ANNOUNCEMENT",
      announcementNo: g.announcementNo,
      decisionNumber: visibleNumber(g.fromDecision),
      validUntil: isoDate(g.validUntil),
      authority: g.authority,
      ruleVersionCode: g.ruleVersion.code,
    });
    const end = gradeEnd(g);
    const endedEarly = g.endedOn !== null && isoDate(g.endedOn) < isoDate(g.validUntil);
    if (!endedEarly && end > today) continue; // still in force: its expiry has not happened yet
    const via: GradeEndVia = endedEarly && g.endReason ? g.endReason : "EXPIRED";
    const successor =
      via === "SUPERSEDED"
        ? mine.grades.find((n) => n.id !== g.id && isoDate(n.announcedOn) === end && !n.fromDecision)
        : undefined;
    events.push({
      kind: "GRADE_END",
      date: end,
      gradeId: g.id,
      level: g.level,
      via,
      announcementNo: g.announcementNo,
      decisionNumber: via === "DOWNGRADED" || via === "REVOKED" ? visibleNumber(g.endedByDecision) : null,
      supersededByNo: successor?.announcementNo ?? null,
    });
  }

  for (const d of mine.decisions) {
    const base = {
      kind: "DECISION" as const,
      decisionId: d.id,
      type: d.type,
      reason: d.reason,
      fromLevel: d.fromLevel,
      toLevel: d.toLevel,
      number: d.number,
      legalBasis: d.legalBasis,
      withdrawnReason: null,
      authority: d.authority,
    };
    if (!manager) events.push({ ...base, stage: "PROPOSED", date: todayInChina(d.proposedAt), number: null });
    if (d.status === "CONFIRMED") {
      const date = d.effectiveOn ? isoDate(d.effectiveOn) : todayInChina(d.decidedAt ?? d.proposedAt);
      events.push({ ...base, stage: "CONFIRMED", date });
    } else if (d.status === "WITHDRAWN" && !manager) {
      const date = todayInChina(d.decidedAt ?? d.proposedAt);
      events.push({ ...base, stage: "WITHDRAWN", date, number: null, withdrawnReason: d.withdrawnReason });
    }
  }

  for (const s of mine.spotChecks) {
    events.push({
      kind: "SPOT_CHECK",
      date: isoDate(s.checkedOn),
      spotCheckId: s.id,
      type: s.type,
      conclusion: s.conclusion,
      total: Number(s.scoresheet.total),
      level: s.scoresheet.level,
      authority: s.authority,
      findings: s._count.findings,
    });
  }

  for (const a of mine.accidents) {
    events.push({
      kind: "ACCIDENT",
      date: isoDate(a.occurredOn),
      accidentId: a.id,
      deaths: a.deaths,
      injuries: a.injuries,
      description: a.description,
    });
  }

  let previous: ProductionStatus | null = null;
  for (const p of mine.statusPeriods) {
    events.push({ kind: "STATUS_CHANGE", date: isoDate(p.startedOn), periodId: p.id, from: previous, to: p.status });
    previous = p.status;
  }

  events.sort(compareEvents);
  return { mine: { id: mine.id, code: mine.code, name: mine.name, nameEn: mine.nameEn }, today, events };
}

export type MineTimeline = NonNullable<Awaited<ReturnType<typeof mineTimeline>>>;
