// "Graded on D" (product.md, metric definitions), the one pure statement of the rule. Its two
// database twins, a Prisma `where` and an SQL fragment, are in lib/server/grade-in-force.ts;
// tests/integration/grade-in-force.test.ts proves the three agree on the same rows.
import { isoDate } from "./dates";

/** A date column as Prisma returns it (a UTC-midnight Date) or as the engine passes it ("YYYY-MM-DD"). */
type Day = Date | string;

export interface GradeDates {
  announcedOn: Day;
  validUntil: Day;
  endedOn: Day | null;
}

const iso = (d: Day): string => (typeof d === "string" ? d : isoDate(d));

/** A grade ends at the earliest of its valid-until date and the date a decision or a superseding grade ended it. */
export function gradeEnd(g: GradeDates): string {
  const validUntil = iso(g.validUntil);
  if (!g.endedOn) return validUntil;
  const ended = iso(g.endedOn);
  return ended < validUntil ? ended : validUntil;
}

/** In force on `date`: announcedOn ≤ date < end (product.md, "graded at level L on D"). */
export function isInForce(g: GradeDates, date: string): boolean {
  return iso(g.announcedOn) <= date && date < gradeEnd(g);
}

export type GradeState = "IN_FORCE" | "EXPIRED" | "ENDED" | "FUTURE";

export function gradeState(g: GradeDates, date: string): GradeState {
  if (iso(g.announcedOn) > date) return "FUTURE";
  if (isInForce(g, date)) return "IN_FORCE";
  return g.endedOn && iso(g.endedOn) <= iso(g.validUntil) ? "ENDED" : "EXPIRED";
}

/**
 * The last day a grade is valid, as people read "valid until": the stored validUntil (like a grade's end)
 * is exclusive, the first day it no longer holds, so the day before. Every page, export and the API show
 * this one meaning (README, "Dates"; the OpenAPI schema's validUntil).
 */
export function lastValidDay(end: Date | string): string {
  const d = new Date(`${typeof end === "string" ? end : isoDate(end)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
