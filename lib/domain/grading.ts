// The grading engine (domain.md "Scoring" and "Levels"): pure functions, no I/O, no clock.
// Every number that a regulator may change (weights, thresholds, veto windows) is read from the
// RuleSet; nothing here knows 90/85/80/70 or 12/24/36 months.
//
// Arithmetic is exact: scores, weights and thresholds are decimal numbers, so they are turned into
// BigInt fractions (value = n / 10^e, read from the number's shortest decimal form) and every
// comparison "score >= required" is done on integers. Scores of exactly 90 on every element give
// exactly 90, and 89.95 is below 90. The numeric scores returned are the exact weighted averages
// truncated (towards zero) to 12 decimals, so a reported score is never above the exact one and a
// THRESHOLD_MISSED reason never shows a score equal to the required one. Round for display only,
// with roundForDisplay.
import {
  accidentClass,
  elementsFor,
  LEVELS,
  type AccidentClass,
  type Level,
  type MineType,
  type RuleElement,
  type RuleSet,
  type RuleThreshold,
  type RuleVeto,
  type VetoKind,
} from "./rules";

/** Every element is scored out of this (domain.md: "each out of 100"). */
export const MAX_ELEMENT_SCORE = 100;
export const MIN_ELEMENT_SCORE = 0;

/** A score, or null for "not applicable" (缺项): left out of both sums. */
export type ElementInput = number | null;

export interface VetoFacts {
  /** Accidents of the mine; `occurredOn` is YYYY-MM-DD. Accidents with 0 deaths never veto. */
  accidents: { occurredOn: string; deaths: number }[];
  /** Dates on which a Level-1 assessment of the mine was failed. */
  failedLevel1AssessmentsOn: string[];
  /** Effective dates of confirmed downgrade or revocation decisions. */
  decisionsOn: string[];
}

export type Reason =
  /** These elements were marked not applicable; the weights of the rest were renormalised. */
  | { code: "NOT_APPLICABLE_RENORMALISED"; elementCodes: string[] }
  /** The mine is open-pit: it was graded on the open-pit element set. */
  | { code: "OPEN_PIT_ELEMENT_SET" }
  /** partCode null = the total; non-null = a part floor; elementCode set = an element floor (2017). */
  | {
      code: "THRESHOLD_MET";
      level: Level;
      partCode: string | null;
      elementCode?: string;
      score: number;
      required: number;
    }
  | {
      code: "THRESHOLD_MISSED";
      level: Level;
      partCode: string | null;
      elementCode?: string;
      score: number;
      required: number;
    }
  /**
   * A floor could not be checked because there is no score: every element of the part (or, with
   * partCode null, of the whole sheet) is not applicable, or the part has no element for this mine
   * type. It counts as missed.
   */
  | { code: "PART_NOT_ASSESSED"; level: Level; partCode: string | null; required: number }
  /**
   * An event excludes `level`. `until` is the first day on which this event no longer vetoes
   * (exclusive end: eventOn <= asOf < until). accidentClass is set for FATAL_ACCIDENT only.
   */
  | {
      code: "VETO";
      level: Level;
      kind: VetoKind;
      accidentClass: AccidentClass | null;
      eventOn: string;
      windowMonths: number;
      until: string;
    }
  /** The rule set defines no threshold for this level, so it cannot be granted. */
  | { code: "LEVEL_NOT_DEFINED"; level: Level }
  | { code: "LEVEL_REACHED"; level: Level }
  | { code: "NO_LEVEL_REACHED" };

export type ReasonCode = Reason["code"];

export interface PartResult {
  code: string;
  /** Weighted average over the part's applicable elements; null when none is applicable. */
  score: number | null;
  /** Sum of the RuleSet weights of the part's applicable elements (not renormalised). */
  weight: number;
  applicableElements: number;
}

export interface GradeResult {
  total: number | null;
  parts: PartResult[];
  /** The grade: highest level whose thresholds are all met and that no veto excludes. */
  level: Level | null;
  /** In the order the levels were examined; see Reason. */
  reasons: Reason[];
  /** The highest level whose thresholds are all met, ignoring vetoes. */
  levelsByScore: Level | null;
}

export type ScoreProblem = "MISSING" | "UNKNOWN_ELEMENT" | "OUT_OF_RANGE" | "NOT_A_NUMBER";
export interface ScoreIssue {
  elementCode: string;
  problem: ScoreProblem;
}

/** Thrown by scoreSheet and computeGrade when the score sheet does not fit the rule set and mine type. */
export class ScoreInputError extends Error {
  readonly problems: ScoreIssue[];
  constructor(problems: ScoreIssue[]) {
    super(`Invalid score sheet: ${problems.map((p) => `${p.elementCode} ${p.problem}`).join(", ")}`);
    this.name = "ScoreInputError";
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Exact decimal arithmetic

/** value = n / 10^e, e >= 0. */
interface Dec {
  n: bigint;
  e: number;
}

/**
 * Powers of ten up to 10^POW10_TABLE_SIZE-1, made once: scores and weights have a few decimals. A
 * larger power (a number such as 1e-300) is computed each time rather than kept, so what this module
 * holds does not grow with the inputs it has seen.
 */
export const POW10_TABLE_SIZE = 64;
const POW10 = Array.from({ length: POW10_TABLE_SIZE }, (_, k) => 10n ** BigInt(k));
export function pow10(k: number): bigint {
  return k < POW10_TABLE_SIZE ? POW10[k] : 10n ** BigInt(k);
}

/** The exact value of a finite number's shortest decimal representation (what String(x) prints). */
function toDec(x: number): Dec {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`Cannot read number: ${x}`);
  const [, sign, int, frac = "", exp = "0"] = m;
  let n = BigInt(int + frac);
  let e = frac.length - Number(exp);
  if (e < 0) {
    n *= pow10(-e);
    e = 0;
  }
  return { n: sign === "-" ? -n : n, e };
}

/** num / den with den > 0. */
interface Ratio {
  num: bigint;
  den: bigint;
}

const OUTPUT_DECIMALS = 12;

/** Truncated towards zero to OUTPUT_DECIMALS decimals; exact decimals such as 84.99 come back as the literal 84.99. */
function ratioToNumber(r: Ratio): number {
  const scale = pow10(OUTPUT_DECIMALS);
  return Number((r.num * scale) / r.den) / Number(scale);
}

/** r >= d, exactly. */
function ratioAtLeast(r: Ratio, d: Dec): boolean {
  return r.num * pow10(d.e) >= d.n * r.den;
}

/** Weighted average Σ(score × weight) / Σ(weight), exactly; null when Σ(weight) is 0 (nothing applicable). */
function weightedAverage(items: { score: number; weight: number }[]): { average: Ratio | null; weightSum: Ratio } {
  const scores = items.map((i) => toDec(i.score));
  const weights = items.map((i) => toDec(i.weight));
  const p = Math.max(0, ...scores.map((s) => s.e));
  const q = Math.max(0, ...weights.map((w) => w.e));
  let num = 0n;
  let wsum = 0n;
  for (let i = 0; i < items.length; i++) {
    const a = scores[i].n * pow10(p - scores[i].e);
    const b = weights[i].n * pow10(q - weights[i].e);
    num += a * b;
    wsum += b;
  }
  const weightSum = { num: wsum, den: pow10(q) };
  if (wsum <= 0n) return { average: null, weightSum };
  return { average: { num, den: wsum * pow10(p) }, weightSum };
}

/** Round half away from zero to `decimals` (default 1) decimals, on the number's decimal form: 89.95 → 90, 84.94 → 84.9. Display only. */
export function roundForDisplay(n: number, decimals = 1): number {
  if (!Number.isFinite(n)) return n;
  const d = toDec(n);
  if (d.e <= decimals) return n;
  const drop = pow10(d.e - decimals);
  const neg = d.n < 0n;
  const abs = neg ? -d.n : d.n;
  let q = abs / drop;
  if ((abs % drop) * 2n >= drop) q += 1n;
  const v = Number(q) / Number(pow10(decimals));
  return neg && v !== 0 ? -v : v;
}

// ---------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, calendar dates without time zone)

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // month 1..12; day 0 of the next month is the last day of this one (UTC, no DST).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`Not a calendar date: ${date}`);
  return { y, m, d };
}

/** True when `date` is a valid YYYY-MM-DD calendar date (one definition, in dates.ts). */
export { isIsoDate } from "./dates";

/** Adds calendar months (may be negative); the day is clamped to the target month: 2020-01-31 + 1 = 2020-02-29. */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const { y, m, d } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (ny < 0 || ny > 9999) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(nd).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Problems with a score sheet, for forms: every element of the mine type must be present, as a
 * number within [MIN_ELEMENT_SCORE, MAX_ELEMENT_SCORE] or null (not applicable); no other key is
 * allowed (an underground element on an open-pit sheet is UNKNOWN_ELEMENT). NaN and non-numbers
 * (including numeric strings) are NOT_A_NUMBER; ±Infinity is OUT_OF_RANGE. An empty list means valid.
 */
export function validateScores(rules: RuleSet, mineType: MineType, scores: Record<string, unknown>): ScoreIssue[] {
  const issues: ScoreIssue[] = [];
  const elements = elementsFor(rules, mineType);
  const known = new Set(elements.map((e) => e.code));
  for (const code of known) {
    const value = Object.prototype.hasOwnProperty.call(scores, code) ? scores[code] : undefined;
    if (value === undefined) issues.push({ elementCode: code, problem: "MISSING" });
    else if (value === null) continue;
    else if (typeof value !== "number" || Number.isNaN(value))
      issues.push({ elementCode: code, problem: "NOT_A_NUMBER" });
    else if (!Number.isFinite(value) || value < MIN_ELEMENT_SCORE || value > MAX_ELEMENT_SCORE)
      issues.push({ elementCode: code, problem: "OUT_OF_RANGE" });
  }
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) issues.push({ elementCode: code, problem: "UNKNOWN_ELEMENT" });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Scoring

interface ExactSheet {
  total: Ratio | null;
  parts: Map<string, Ratio | null>;
  result: { total: number | null; parts: PartResult[]; notApplicable: string[] };
}

function partCodesOf(rules: RuleSet, elements: RuleElement[]): string[] {
  const codes = rules.parts.map((p) => p.code);
  for (const e of elements) if (!codes.includes(e.partCode)) codes.push(e.partCode);
  return codes;
}

function scoreExact(rules: RuleSet, mineType: MineType, scores: Record<string, ElementInput>): ExactSheet {
  const problems = validateScores(rules, mineType, scores);
  if (problems.length > 0) throw new ScoreInputError(problems);
  const elements = elementsFor(rules, mineType);
  const notApplicable = elements.filter((e) => scores[e.code] === null).map((e) => e.code);
  const applicable = elements
    .filter((e) => scores[e.code] !== null)
    .map((e) => ({ partCode: e.partCode, score: scores[e.code] as number, weight: e.weight }));

  const total = weightedAverage(applicable).average;
  const partRatios = new Map<string, Ratio | null>();
  const parts: PartResult[] = [];
  for (const code of partCodesOf(rules, elements)) {
    const items = applicable.filter((a) => a.partCode === code);
    const { average, weightSum } = weightedAverage(items);
    partRatios.set(code, average);
    // Parts of the rule set are always listed; a part only known from elements is listed too.
    parts.push({
      code,
      score: average ? ratioToNumber(average) : null,
      weight: ratioToNumber(weightSum),
      applicableElements: items.length,
    });
  }
  return {
    total,
    parts: partRatios,
    result: { total: total ? ratioToNumber(total) : null, parts, notApplicable },
  };
}

/**
 * Total and part scores of a sheet. `parts` lists every part of the rule set (in its order), with
 * score null when none of its elements is applicable. Throws ScoreInputError when the sheet is invalid
 * (see validateScores).
 */
export function scoreSheet(
  rules: RuleSet,
  mineType: MineType,
  scores: Record<string, ElementInput>,
): { total: number | null; parts: PartResult[]; notApplicable: string[] } {
  return scoreExact(rules, mineType, scores).result;
}

// ---------------------------------------------------------------------------------------------
// Vetoes

/** The events of `facts` that fall under `veto` on `asOf`: eventOn <= asOf < addMonths(eventOn, windowMonths). */
export function vetoEvents(veto: RuleVeto, facts: VetoFacts, asOf: string): Extract<Reason, { code: "VETO" }>[] {
  let events: { on: string; cls: AccidentClass | null }[];
  switch (veto.kind) {
    case "FATAL_ACCIDENT":
      events = facts.accidents
        .map((a) => ({ on: a.occurredOn, cls: accidentClass(a.deaths) }))
        // Non-fatal accidents never veto; a veto without a class covers every fatal accident.
        .filter((a) => a.cls !== null && (veto.accidentClass === null || a.cls === veto.accidentClass));
      break;
    case "FAILED_ASSESSMENT":
      events = facts.failedLevel1AssessmentsOn.map((on) => ({ on, cls: null }));
      break;
    case "RECENT_DECISION":
      events = facts.decisionsOn.map((on) => ({ on, cls: null }));
      break;
  }
  const out: Extract<Reason, { code: "VETO" }>[] = [];
  for (const ev of events) {
    const until = addMonths(ev.on, veto.windowMonths);
    if (ev.on <= asOf && asOf < until) {
      out.push({
        code: "VETO",
        level: veto.level,
        kind: veto.kind,
        accidentClass: ev.cls,
        eventOn: ev.on,
        windowMonths: veto.windowMonths,
        until,
      });
    }
  }
  return out.sort((a, b) => (a.eventOn < b.eventOn ? -1 : a.eventOn > b.eventOn ? 1 : 0));
}

const NO_FACTS: VetoFacts = { accidents: [], failedLevel1AssessmentsOn: [], decisionsOn: [] };

// ---------------------------------------------------------------------------------------------
// Grade

/**
 * The grade of a score sheet on `asOf` (YYYY-MM-DD).
 *
 * Levels are examined best first (1, 2, 3). For each examined level the reasons list, in order:
 * every threshold of that level (the total first, then the part floors in rule-set order) as
 * THRESHOLD_MET / THRESHOLD_MISSED / PART_NOT_ASSESSED, then one VETO per event that excludes the
 * level (listed even when a threshold was also missed). The first level with every threshold met
 * and no veto is the grade (LEVEL_REACHED) and examination stops; a vetoed level falls through to the
 * next. A level with no threshold in the rule set cannot be granted (LEVEL_NOT_DEFINED). Before the
 * levels: OPEN_PIT_ELEMENT_SET for open-pit mines and NOT_APPLICABLE_RENORMALISED when some elements
 * are N/A. Last, NO_LEVEL_REACHED when no level is reached.
 *
 * Throws ScoreInputError for an invalid sheet and RangeError for a malformed date.
 */
export function computeGrade(input: {
  rules: RuleSet;
  mineType: MineType;
  scores: Record<string, ElementInput>;
  asOf: string;
  facts?: VetoFacts;
}): GradeResult {
  const { rules, mineType, scores, asOf } = input;
  const facts = input.facts ?? NO_FACTS;
  parseDate(asOf);
  const sheet = scoreExact(rules, mineType, scores);
  const reasons: Reason[] = [];
  if (mineType === "OPEN_PIT") reasons.push({ code: "OPEN_PIT_ELEMENT_SET" });
  if (sheet.result.notApplicable.length > 0) {
    reasons.push({ code: "NOT_APPLICABLE_RENORMALISED", elementCodes: [...sheet.result.notApplicable] });
  }

  const typeCodes = new Set(elementsFor(rules, mineType).map((e) => e.code));
  // The total first, then the part floors, then the element floors, each in rule-set order.
  const rank = (t: RuleThreshold) => (t.elementCode ? 2 : t.partCode !== null ? 1 : 0);
  let level: Level | null = null;
  let levelsByScore: Level | null = null;
  for (const lv of [...LEVELS].sort((a, b) => a - b)) {
    const thresholds = rules.thresholds
      .filter((t) => t.level === lv)
      .map((t, i) => ({ t, i }))
      .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
      .map(({ t }) => t);
    if (thresholds.length === 0) {
      reasons.push({ code: "LEVEL_NOT_DEFINED", level: lv });
      continue;
    }
    let met = true;
    for (const t of thresholds) {
      let reason: Reason;
      if (t.elementCode) {
        // An element floor binds only an element the mine type has and that was scored (not 缺项).
        const score = scores[t.elementCode];
        if (!typeCodes.has(t.elementCode) || score === null || score === undefined) continue;
        const met = ratioAtLeast({ num: toDec(score).n, den: pow10(toDec(score).e) }, toDec(t.minScore));
        reason = {
          code: met ? "THRESHOLD_MET" : "THRESHOLD_MISSED",
          level: t.level,
          partCode: null,
          elementCode: t.elementCode,
          score,
          required: t.minScore,
        };
      } else {
        reason = checkThreshold(t, t.partCode === null ? sheet.total : (sheet.parts.get(t.partCode) ?? null));
      }
      if (reason.code !== "THRESHOLD_MET") met = false;
      reasons.push(reason);
    }
    const vetoes = rules.vetoes.filter((v) => v.level === lv).flatMap((v) => vetoEvents(v, facts, asOf));
    reasons.push(...vetoes);
    if (met && levelsByScore === null) levelsByScore = lv;
    if (met && vetoes.length === 0) {
      level = lv;
      reasons.push({ code: "LEVEL_REACHED", level: lv });
      break;
    }
  }
  if (level === null) reasons.push({ code: "NO_LEVEL_REACHED" });

  return { total: sheet.result.total, parts: sheet.result.parts, level, reasons, levelsByScore };
}

function checkThreshold(t: RuleThreshold, score: Ratio | null): Reason {
  if (score === null) return { code: "PART_NOT_ASSESSED", level: t.level, partCode: t.partCode, required: t.minScore };
  const met = ratioAtLeast(score, toDec(t.minScore));
  return {
    code: met ? "THRESHOLD_MET" : "THRESHOLD_MISSED",
    level: t.level,
    partCode: t.partCode,
    score: ratioToNumber(score),
    required: t.minScore,
  };
}
