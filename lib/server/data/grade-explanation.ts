import "server-only";
import { dateValue, daysBetween, isoDate, todayInChina } from "@/lib/domain/dates";
import {
  distanceToDowngrade,
  explainGrade,
  weakestPartFloor,
  type DistanceItem,
  type GradeExplanation,
} from "@/lib/domain/explain";
import { gradeEnd } from "@/lib/domain/grade-validity";
import { ScoreInputError, type ElementInput, type VetoFacts } from "@/lib/domain/grading";
import {
  elementsFor,
  type Level,
  type MineType,
  type RuleElement,
  type RulePart,
  type RuleSet,
} from "@/lib/domain/rules";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { accidentFacts, hiddenDangerFacts, statusPeriodFacts, vetoFacts } from "./mine-facts";
import { inForceOn } from "@/lib/server/grade-in-force";
import { loadRuleSet, ruleSetOn } from "./rules";

/** Where the scores behind an explanation come from. */
export type ExplanationSourceKind = "ASSESSMENT" | "SPOT_CHECK";

export interface ExplanationSource {
  kind: ExplanationSourceKind;
  /** The assessment date (application moved to ASSESSED) or the spot-check date. */
  date: string;
  /** The application id (ASSESSMENT) or the spot-check id (SPOT_CHECK). */
  id: number;
  scoresheetId: number;
  ruleVersionCode: string;
}

export interface ExplainedGrade {
  id: number;
  level: Level;
  announcementNo: string;
  announcedOn: string;
  validUntil: string;
  /** The earliest of validUntil and endedOn: the last day it is in force is the day before. */
  end: string;
  daysRemaining: number;
}

export interface GradeExplanationView {
  mine: { id: number; code: string; type: MineType };
  today: string;
  grade: ExplainedGrade | null;
  source: ExplanationSource | null;
  /** The engine's explanation of the source's scores on `today` with today's veto facts; null without a source. */
  explanation: GradeExplanation | null;
  /** The source's scores do not fit its rule version (the engine refused them), so there is no explanation. */
  invalidSheet: boolean;
  /** Names of the parts and elements of the source's rule version for its mine type (empty without a source). */
  parts: RulePart[];
  elements: RuleElement[];
  /**
   * distanceToDowngrade under the rules in force today; null when no rule version is in force. `basis`
   * is the score sheet its management-slide item measures: the latest of the grade's assessment and the
   * completed spot-checks since the grade's announcement (null when there is none).
   */
  distance: {
    items: DistanceItem[];
    ruleVersionCode: string;
    parts: RulePart[];
    basis: ExplanationSource | null;
  } | null;
  /** Re-review is due at the latest when the grade's validity ends (every 3 years): derived, never stored. */
  nextReReview: string | null;
}

type Sheet = {
  id: number;
  ruleVersionId: number;
  mineType: MineType;
  scores: { elementCode: string; score: unknown; notApplicable: boolean }[];
};

const sheetSelect = {
  id: true,
  ruleVersionId: true,
  mineType: true,
  scores: { select: { elementCode: true, score: true, notApplicable: true } },
} as const;

function scoresOf(sheet: Sheet): Record<string, ElementInput> {
  return Object.fromEntries(
    sheet.scores.map((s) => [s.elementCode, s.notApplicable || s.score === null ? null : Number(s.score)]),
  );
}

/**
 * The latest COMPLETED spot-check of the mine dated from `from` (the grade's announcement: within its
 * validity, which lies after today for a grade in force) up to today; without `from`, any date up to today.
 */
async function latestSpotCheck(
  db: Db,
  mineId: number,
  from: string | null,
  today: string,
): Promise<{ source: ExplanationSource; sheet: Sheet } | null> {
  const checkedOn = from ? { gte: dateValue(from), lte: dateValue(today) } : { lte: dateValue(today) };
  const check = await db.spotCheck.findFirst({
    where: { mineId, status: "COMPLETED", checkedOn },
    orderBy: [{ checkedOn: "desc" }, { id: "desc" }],
    select: {
      id: true,
      checkedOn: true,
      scoresheet: { select: { ...sheetSelect, ruleVersion: { select: { code: true } } } },
    },
  });
  if (!check) return null;
  return {
    source: {
      kind: "SPOT_CHECK",
      date: isoDate(check.checkedOn),
      id: check.id,
      scoresheetId: check.scoresheet.id,
      ruleVersionCode: check.scoresheet.ruleVersion.code,
    },
    sheet: check.scoresheet,
  };
}

/** The part scores the engine gives a sheet, or null when its scores do not fit its rule version. */
function partsOf(rules: RuleSet, sheet: Sheet, today: string, facts: VetoFacts): GradeExplanation["parts"] | null {
  try {
    return explainGrade(rules, sheet.mineType, scoresOf(sheet), today, facts).parts;
  } catch (e) {
    if (!(e instanceof ScoreInputError)) throw e;
    return null;
  }
}

/** The China calendar date of a timestamp (application events are timed, grades dated). */
function chinaDate(d: Date): string {
  return todayInChina(d);
}

/**
 * "Why this grade" and "distance to downgrade" for one mine, or null when the mine does not exist or
 * lies outside the caller's scope.
 *
 * The scores explained are, for a mine holding a grade today: the assessed score sheet of the
 * grade's application when there is one, else the latest COMPLETED spot-check dated within the
 * grade's validity and not after today, else none. For a mine holding no grade, the latest of its
 * assessed applications and completed spot-checks up to today, so the page can show why its scores
 * do not (or no longer) carry a grade. The explanation runs the engine on `today` with today's veto
 * facts, so a fatal accident since the assessment shows as a veto even before a decision is taken.
 */
export async function gradeExplanation(
  caller: Caller,
  mineCode: string,
  opts: { db?: Db; today?: string } = {},
): Promise<GradeExplanationView | null> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "mine.read")) return null;
  const mine = await db.mine.findFirst({
    where: { AND: [{ code: mineCode }, mineScope(caller)] },
    select: { id: true, code: true, type: true },
  });
  if (!mine) return null;

  const gradeRow = await db.grade.findFirst({
    where: { mineId: mine.id, ...inForceOn(today) },
    orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
    select: {
      id: true,
      level: true,
      announcementNo: true,
      announcedOn: true,
      validUntil: true,
      endedOn: true,
      application: {
        select: {
          id: true,
          assessedScoresheet: { select: { ...sheetSelect, createdAt: true, ruleVersion: { select: { code: true } } } },
          events: { where: { toState: "ASSESSED" }, orderBy: { at: "desc" }, take: 1, select: { at: true } },
        },
      },
    },
  });
  const grade: ExplainedGrade | null = gradeRow
    ? {
        id: gradeRow.id,
        level: gradeRow.level as Level,
        announcementNo: gradeRow.announcementNo,
        announcedOn: isoDate(gradeRow.announcedOn),
        validUntil: isoDate(gradeRow.validUntil),
        end: gradeEnd(gradeRow),
        daysRemaining: daysBetween(today, gradeEnd(gradeRow)),
      }
    : null;

  let source: ExplanationSource | null = null;
  let sheet: Sheet | null = null;

  const assessed = gradeRow?.application?.assessedScoresheet ?? null;
  if (gradeRow?.application && assessed) {
    source = {
      kind: "ASSESSMENT",
      date: chinaDate(gradeRow.application.events[0]?.at ?? assessed.createdAt),
      id: gradeRow.application.id,
      scoresheetId: assessed.id,
      ruleVersionCode: assessed.ruleVersion.code,
    };
    sheet = assessed;
  } else {
    const check = await latestSpotCheck(db, mine.id, grade?.announcedOn ?? null, today);
    if (check) ({ source, sheet } = check);
    if (!grade) {
      const app = await db.gradeApplication.findFirst({
        where: { mineId: mine.id, assessedScoresheetId: { not: null } },
        orderBy: [{ id: "desc" }],
        select: {
          id: true,
          assessedScoresheet: { select: { ...sheetSelect, createdAt: true, ruleVersion: { select: { code: true } } } },
          events: { where: { toState: "ASSESSED" }, orderBy: { at: "desc" }, take: 1, select: { at: true } },
        },
      });
      const appSheet = app?.assessedScoresheet ?? null;
      const appDate = app && appSheet ? chinaDate(app.events[0]?.at ?? appSheet.createdAt) : null;
      if (app && appSheet && appDate && appDate <= today && (source === null || appDate > source.date)) {
        source = {
          kind: "ASSESSMENT",
          date: appDate,
          id: app.id,
          scoresheetId: appSheet.id,
          ruleVersionCode: appSheet.ruleVersion.code,
        };
        sheet = appSheet;
      }
    }
  }

  const [facts, dangers, accidents, statusPeriods, rulesToday, sheetRules] = await Promise.all([
    vetoFacts(db, mine.id),
    hiddenDangerFacts(db, mine.id),
    accidentFacts(db, mine.id),
    statusPeriodFacts(db, mine.id),
    ruleSetOn(today, { db }),
    sheet ? loadRuleSet({ id: sheet.ruleVersionId }, { db }) : Promise.resolve(null),
  ]);

  let explanation: GradeExplanation | null = null;
  let invalidSheet = false;
  if (sheet && sheetRules) {
    try {
      explanation = explainGrade(sheetRules.rules, sheet.mineType, scoresOf(sheet), today, facts);
    } catch (e) {
      if (!(e instanceof ScoreInputError)) throw e;
      invalidSheet = true;
    }
  }

  // "Why this grade" explains the scores the grade was given on; the distance to downgrade measures the
  // latest scores the mine has had while graded. A spot-check after the assessment (one that has just
  // proposed a downgrade, say) must show there at once, not the assessment it contradicts.
  let basis: { source: ExplanationSource; parts: GradeExplanation["parts"] | null } | null =
    source && grade ? { source, parts: explanation?.parts ?? null } : null;
  if (grade && source?.kind === "ASSESSMENT") {
    const check = await latestSpotCheck(db, mine.id, grade.announcedOn, today);
    if (check && check.source.date >= source.date) {
      const checkRules = await loadRuleSet({ id: check.sheet.ruleVersionId }, { db });
      basis = { source: check.source, parts: checkRules ? partsOf(checkRules.rules, check.sheet, today, facts) : null };
    }
  }

  const level = grade?.level ?? null;
  const distance = rulesToday
    ? {
        items: distanceToDowngrade(rulesToday.rules, {
          level,
          asOf: today,
          dangers,
          accidents,
          statusPeriods,
          lowestPart: basis?.parts ? weakestPartFloor(rulesToday.rules, level, basis.parts) : null,
        }).items,
        ruleVersionCode: rulesToday.rules.code,
        parts: rulesToday.rules.parts,
        basis: basis?.source ?? null,
      }
    : null;

  return {
    mine,
    today,
    grade,
    source,
    explanation,
    invalidSheet,
    parts: sheetRules?.rules.parts ?? [],
    elements: sheet && sheetRules ? elementsFor(sheetRules.rules, sheet.mineType) : [],
    distance,
    nextReReview: grade?.validUntil ?? null,
  };
}
