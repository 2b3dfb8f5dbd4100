import "server-only";
import { isoDate } from "@/lib/domain/dates";
import type { Level } from "@/lib/domain/rules";
import type { CurrentGrade, HiddenDangerFact, StatusPeriod } from "@/lib/domain/triggers";
import type { Tx } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";

/** The grade in force on `date` (announcedOn ≤ date < earliest of validUntil and endedOn), in the engine's shape. */
export async function gradeInForce(tx: Tx, mineId: number, date: string): Promise<CurrentGrade | null> {
  const g = await tx.grade.findFirst({
    where: { mineId, ...inForceOn(date) },
    orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
  });
  return g
    ? { id: g.id, level: g.level as Level, announcedOn: isoDate(g.announcedOn), validUntil: isoDate(g.validUntil) }
    : null;
}

export async function hiddenDangerFacts(tx: Tx, mineId: number): Promise<HiddenDangerFact[]> {
  const rows = await tx.hiddenDanger.findMany({ where: { mineId }, select: { foundOn: true, source: true } });
  return rows.map((r) => ({ foundOn: isoDate(r.foundOn), source: r.source }));
}

export async function statusPeriodFacts(tx: Tx, mineId: number): Promise<StatusPeriod[]> {
  const rows = await tx.mineStatusPeriod.findMany({ where: { mineId }, orderBy: { startedOn: "asc" } });
  return rows.map((r) => ({
    status: r.status,
    startedOn: isoDate(r.startedOn),
    endedOn: r.endedOn ? isoDate(r.endedOn) : null,
  }));
}

export async function accidentFacts(tx: Tx, mineId: number) {
  const rows = await tx.accident.findMany({ where: { mineId }, select: { id: true, occurredOn: true, deaths: true } });
  return rows.map((r) => ({ id: r.id, occurredOn: isoDate(r.occurredOn), deaths: r.deaths }));
}

/** The facts that veto Level 1 (domain.md): fatal accidents, failed Level-1 assessments, confirmed decisions. */
export async function vetoFacts(tx: Tx, mineId: number) {
  // One after another: inside a transaction the queries share one connection.
  const accidents = await accidentFacts(tx, mineId);
  // A Level-1 assessment (考核) that did not reach Level 1, counted from the day of the assessment in
  // China (assessedOn), whatever became of the application afterwards; an initial-review rejection
  // was no assessment.
  const failed = await tx.gradeApplication.findMany({
    where: {
      mineId,
      appliedLevel: 1,
      assessedOn: { not: null },
      OR: [{ resultLevel: null }, { resultLevel: { not: 1 } }],
    },
    select: { assessedOn: true },
  });
  const decisions = await tx.decision.findMany({
    where: { mineId, status: "CONFIRMED" },
    select: { effectiveOn: true },
  });
  return {
    accidents,
    failedLevel1AssessmentsOn: failed.flatMap((a) => (a.assessedOn ? [isoDate(a.assessedOn)] : [])),
    decisionsOn: decisions.flatMap((d) => (d.effectiveOn ? [isoDate(d.effectiveOn)] : [])),
  };
}
