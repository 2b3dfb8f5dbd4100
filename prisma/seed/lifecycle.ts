// A mine's grade history, replayed from its production-status history and the decisions and
// accidents placed on it so far. Randomness is stateless (hashRand keyed on the mine and the day
// concerned), so adding a decision on day E changes nothing before E.
import type { DecisionType, GradeEndReason } from "../../lib/generated/prisma/enums";
import { addMonths, addYears, dayOf, ymd } from "./days";
import { producingOn, nextProducing, T0, type MineSim } from "./mines";
import { hashRand } from "./prng";

export interface Incident {
  /** Effective day of a confirmed decision. */
  day: number;
  type: DecisionType;
  toLevel: number | null;
  decision: number;
}

export interface AccidentFact {
  day: number;
  deaths: number;
}

export interface AppPlan {
  submitted: number;
  announce: number;
  appliedLevel: number;
  /** 0: the level reached is one the province does not grant, so the application fails. */
  resultLevel: number;
  /** Superseding re-review (复查) rather than a first grading. */
  review: boolean;
}

export interface LifeGrade {
  level: number;
  announcedOn: number;
  validUntil: number;
  endedOn: number | null;
  endReason: GradeEndReason | null;
  endedByDecision: number | null;
  fromDecision: number | null;
  app: AppPlan | null;
}

export interface Life {
  grades: LifeGrade[];
  /** An application submitted on or before today whose announcement falls after today. */
  pending: AppPlan | null;
}

/** Announcements are published in batches on the 10th and the 25th of each month, by every authority. */
export const BATCH_DAYS = [10, 25];

function snapForward(d: number): number {
  for (let k = 0; k < 20; k++) if (BATCH_DAYS.includes(ymd(d + k).dd)) return d + k;
  return d;
}

function snapBack(d: number): number {
  for (let k = 0; k < 20; k++) if (BATCH_DAYS.includes(ymd(d - k).dd)) return d - k;
  return d;
}

export function gradeEnd(g: LifeGrade): number {
  return g.endedOn === null ? g.validUntil : Math.min(g.endedOn, g.validUntil);
}

/**
 * isInForce (lib/domain/grade-validity.ts) on the simulation's day numbers, which it uses instead of
 * date strings for speed at national scale; tests/integration/metrics.test.ts checks the seeded
 * figures against the product's definition.
 */
export function inForceOnDay(g: LifeGrade, d: number): boolean {
  return g.announcedOn <= d && d < gradeEnd(g);
}

export function gradeOn(life: Life, d: number): LifeGrade | null {
  for (let i = life.grades.length - 1; i >= 0; i--) {
    const g = life.grades[i];
    if (inForceOnDay(g, d)) return g;
    if (g.announcedOn <= d) return null;
  }
  return null;
}

const LEVEL1_AT = 0.78;
const LEVEL2_AT = 0.24;

/** The level a mine is assessed at on day d: its quality, a slow national improvement and some noise; vetoes cap Level 1. */
export function assessLevel(m: MineSim, d: number, accidents: AccidentFact[], decisionDays: number[]): number {
  if (m.special === "manager") return 1;
  if (m.special === "guizhou") return 2;
  const years = (d - T0) / 365.25;
  const s = m.tier + 0.012 * years + (hashRand(m.id, "level", d) - 0.5) * 0.2;
  let level = s >= LEVEL1_AT ? 1 : s >= LEVEL2_AT ? 2 : 3;
  if (level === 1) {
    const vetoed =
      accidents.some(
        (a) => a.deaths > 0 && a.day <= d && d < addMonths(a.day, a.deaths >= 30 ? 36 : a.deaths >= 3 ? 24 : 12),
      ) || decisionDays.some((e) => e <= d && d < addMonths(e, 12));
    if (vetoed) level = 2;
  }
  return level;
}

/**
 * Replays the grades of a mine from 2017 to `today`:
 * - a producing mine without a grade applies (the 2017 wave: mines producing on 2017-01-01 are
 *   announced during 2017) and is announced 2–4 months later if it is still producing; announcements
 *   fall on the batch days;
 * - 130–190 days before a grade expires a producing mine applies for re-review and the new grade
 *   supersedes the old one; otherwise the grade lapses;
 * - a downgrade ends the grade and starts the lower one with the same valid-until; a revocation ends
 *   it and the mine may re-apply after 4–10 months of rectification;
 * - a level the province does not grant (`granted`, e.g. Shanxi: no Level 3) is not granted: the
 *   application fails and the mine stays ungraded (or its grade lapses) until it reaches a granted level.
 */
export function simulateLife(
  m: MineSim,
  incidents: Incident[],
  accidents: AccidentFact[],
  today: number,
  granted: readonly number[],
): Life {
  const grades: LifeGrade[] = [];
  const decisionDays = incidents.map((i) => i.day);
  const sorted = [...incidents].sort((a, b) => a.day - b.day);
  let inc = 0;
  let cur: LifeGrade | null = null;
  let ungradedSince = T0;
  let cause: "initial" | "revoked" | "lapsed" = "initial";
  let pending: AppPlan | null = null;

  const grant = (app: AppPlan): LifeGrade => {
    const g: LifeGrade = {
      level: app.resultLevel,
      announcedOn: app.announce,
      validUntil: addYears(app.announce, 3),
      endedOn: null,
      endReason: null,
      endedByDecision: null,
      fromDecision: null,
      app,
    };
    grades.push(g);
    return g;
  };
  const plan = (submitted: number, rawAnnounce: number, review: boolean, back: boolean): AppPlan => {
    // The day first, then the level on that day: the timing never depends on events after it.
    const announce = back ? snapBack(rawAnnounce) : snapForward(rawAnnounce);
    const level = assessLevel(m, announce, accidents, decisionDays);
    // Some applicants aim one level higher than they reach (assessed at the next lower level).
    if (!granted.includes(level)) return { submitted, announce, appliedLevel: level, resultLevel: 0, review };
    const aimedHigher = level > 1 && granted.includes(level - 1) && hashRand(m.id, "aim", announce) < 0.08;
    return { submitted, announce, appliedLevel: aimedHigher ? level - 1 : level, resultLevel: level, review };
  };

  for (let guard = 0; guard < 1000; guard++) {
    if (cur === null) {
      // Ungraded: the next first grading.
      let from = ungradedSince;
      if (cause === "revoked") from += 120 + Math.floor(hashRand(m.id, "rectify", ungradedSince) * 180);
      const p = nextProducing(m, from);
      if (p === null || p > today) break;
      let submitted: number;
      let rawAnnounce: number;
      if (cause === "initial" && p === T0) {
        rawAnnounce = dayOf(2017, 3, 1) + Math.floor(hashRand(m.id, "wave") * 290);
        submitted = rawAnnounce - 60 - Math.floor(hashRand(m.id, "wave-sub") * 40);
      } else {
        submitted = p + 30 + Math.floor(hashRand(m.id, "apply", p) * 90);
        rawAnnounce = submitted + 60 + Math.floor(hashRand(m.id, "assess", submitted) * 60);
      }
      if (m.special && cause === "initial") {
        rawAnnounce = m.special === "manager" ? dayOf(2017, 6, 20) : dayOf(2017, 8, 5);
        submitted = rawAnnounce - 75;
      }
      const app = plan(submitted, rawAnnounce, false, false);
      if (submitted > today) break;
      if (!producingOn(m, submitted)) {
        ungradedSince = submitted + 1;
        cause = "lapsed";
        continue;
      }
      if (app.announce > today) {
        if (app.resultLevel !== 0) pending = app;
        break;
      }
      if (!producingOn(m, app.announce) || app.resultLevel === 0) {
        ungradedSince = app.announce + 1;
        cause = "lapsed";
        continue;
      }
      cur = grant(app);
      continue;
    }

    // Graded: the re-review plan of this grade (keyed on its valid-until, so a downgrade keeps it).
    const vu = cur.validUntil;
    const submitR = vu - 130 - Math.floor(hashRand(m.id, "review-sub", vu) * 60);
    const rawR = vu - 12 - Math.floor(hashRand(m.id, "review", vu) * 45);
    const review = producingOn(m, submitR) && producingOn(m, rawR) && producingOn(m, rawR - 30);
    const planned = review ? plan(submitR, rawR, true, true) : null;
    const reviewApp = planned && planned.resultLevel !== 0 ? planned : null;
    const nextInc = inc < sorted.length ? sorted[inc] : null;
    const endPlan = reviewApp ? reviewApp.announce : vu;
    if (nextInc && nextInc.day >= cur.announcedOn && nextInc.day < Math.min(endPlan, today + 1)) {
      inc++;
      cur.endedOn = nextInc.day;
      cur.endedByDecision = nextInc.decision;
      if (nextInc.type === "DOWNGRADE" && nextInc.toLevel !== null) {
        cur.endReason = "DOWNGRADED";
        const g: LifeGrade = {
          level: nextInc.toLevel,
          announcedOn: nextInc.day,
          validUntil: vu,
          endedOn: null,
          endReason: null,
          endedByDecision: null,
          fromDecision: nextInc.decision,
          app: null,
        };
        grades.push(g);
        cur = g;
      } else {
        cur.endReason = "REVOKED";
        cur = null;
        ungradedSince = nextInc.day;
        cause = "revoked";
      }
      continue;
    }
    if (nextInc && nextInc.day < cur.announcedOn) {
      inc++; // not applicable to this history any more (should not happen)
      continue;
    }
    if (reviewApp) {
      if (submitR > today) break;
      const app = reviewApp;
      if (app.announce > today) {
        pending = app;
        break;
      }
      cur.endedOn = app.announce;
      cur.endReason = "SUPERSEDED";
      cur = grant(app);
      continue;
    }
    if (vu > today) break;
    cur = null;
    ungradedSince = vu;
    cause = "lapsed";
  }
  return { grades, pending };
}
