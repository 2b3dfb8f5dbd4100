// Row builders, one per entity, shared by the demo seed (rows.ts) and the test factories
// (tests/support/factories.ts): what a row derives from its inputs (a mine's current status, a score
// sheet's element rows, an application's steps and dates, a decision's version) is written once,
// so the rows the tests build cannot drift from the rows the demo holds. Dates are YYYY-MM-DD,
// timestamps "YYYY-MM-DD HH:MM:SS"; an id left null is drawn from the table's sequence.
import type {
  ApplicationState,
  CombustionClass,
  DecisionReason,
  DecisionStatus,
  DecisionType,
  FindingSeverity,
  GasGrade,
  GradeEndReason,
  HiddenDangerSource,
  HydroType,
  MineType,
  ProductionStatus,
  Role,
  ScoresheetKind,
  SpotCheckConclusion,
  SpotCheckStatus,
  SpotCheckType,
} from "../../lib/generated/prisma/enums";
import { iso } from "./days";
import { TABLES, type RowOf, type TableKey } from "./tables";

type Id = number | null;

const columnsOf = new Map<TableKey, string[]>();

/**
 * A row of `table` from the values its builder names: columns in the table's order, and null for a
 * column not given (an id: left to the sequence). Other properties of `values` are not columns and
 * are left out.
 */
function row<K extends TableKey>(table: K, values: { [C in keyof RowOf<K>]?: RowOf<K>[C] | undefined }): RowOf<K> {
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = Object.keys(TABLES[table].columns)));
  const given = values as Record<string, unknown>;
  return Object.fromEntries(columns.map((c) => [c, given[c] ?? null])) as RowOf<K>;
}

// ---------------------------------------------------------------------------------------------
// Mines

export interface StatusPeriodInput {
  id?: Id;
  status: ProductionStatus;
  startedOn: string;
  /** Exclusive; null while the period lasts. */
  endedOn: string | null;
}

export interface MineInput {
  id?: Id;
  code: string;
  name: string;
  nameEn?: string | null;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
  enterpriseId?: number | null;
  type: MineType;
  capacity: number;
  gasGrade: GasGrade;
  hydroType: HydroType;
  rockBurst?: boolean;
  combustionClass: CombustionClass;
  /** Its production-status history in date order; the mine's status is that of the last period. */
  periods: readonly StatusPeriodInput[];
  createdAt: string;
}

export function mineRows(m: MineInput): { mine: RowOf<"mines">; periods: RowOf<"statusPeriods">[] } {
  const current = m.periods[m.periods.length - 1];
  if (!current) throw new Error(`Mine ${m.code} needs at least one status period`);
  return {
    mine: row("mines", { ...m, rockBurst: m.rockBurst ?? false, status: current.status, version: 0 }),
    periods: m.periods.map((p) => row("statusPeriods", { ...p, mineId: m.id })),
  };
}

// ---------------------------------------------------------------------------------------------
// Users

export interface UserInput {
  id?: Id;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  /** GB/T 2260 prefix; "" for national users. */
  jurisdiction: string;
  mineId?: number | null;
  active?: boolean;
  createdAt: string;
}

export function userRow(u: UserInput): RowOf<"users"> {
  return row("users", { ...u, active: u.active ?? true });
}

// ---------------------------------------------------------------------------------------------
// Score sheets

export interface ScoresheetInput {
  id?: Id;
  mineId: number;
  ruleVersionId: number;
  kind: ScoresheetKind;
  mineType: MineType;
  /** Element code → score, null for not applicable (缺项). */
  scores: Readonly<Record<string, number | null>>;
  /** The total and level the grading engine gave the scores. */
  total: number;
  level: number | null;
  createdAt: string;
}

/** A score sheet and its element scores (scores to one decimal, 缺项 as not applicable). */
export function scoresheetRows(s: ScoresheetInput): {
  sheet: RowOf<"scoresheets">;
  scores: (id: number) => RowOf<"elementScores">[];
} {
  return {
    sheet: row("scoresheets", { ...s, total: s.total.toFixed(2) }),
    scores: (scoresheetId) =>
      Object.entries(s.scores).map(([elementCode, score]) => ({
        scoresheetId,
        elementCode,
        score: score === null ? null : score.toFixed(1),
        notApplicable: score === null,
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Grading applications

/** The dates of an application's procedure: initial review, assessment, public notice, announcement. */
export interface ApplicationDates {
  submitted: string;
  reviewed: string;
  assessed: string;
  noticeStarts: string;
  noticeEnds: string;
  announced: string;
}

/**
 * The procedure's dates for an application submitted on `sub` and announced on `ann`: the initial
 * review halfway through, the assessment five weeks before the announcement, then a public notice of
 * 17 days (at least 5 working days) that ends a week before the announcement batch.
 */
export function applicationDates(sub: number, ann: number): ApplicationDates {
  return {
    submitted: iso(sub),
    reviewed: iso(sub + Math.max(5, Math.round((ann - sub - 35) * 0.5))),
    assessed: iso(ann - 35),
    noticeStarts: iso(ann - 25),
    noticeEnds: iso(ann - 8),
    announced: iso(ann),
  };
}

/** The steps that lead to `state`, each [from, to, date], in order (SUBMITTED first). */
function applicationSteps(
  state: Exclude<ApplicationState, "DRAFT">,
  dates: ApplicationDates,
): [from: ApplicationState | null, to: ApplicationState, on: string][] {
  const steps: [ApplicationState | null, ApplicationState, string][] = [[null, "SUBMITTED", dates.submitted]];
  if (state === "REJECTED" || state === "WITHDRAWN") return [...steps, ["SUBMITTED", state, dates.reviewed]];
  const path: [ApplicationState, ApplicationState, string][] = [
    ["SUBMITTED", "INITIAL_REVIEW_PASSED", dates.reviewed],
    ["INITIAL_REVIEW_PASSED", "ASSESSED", dates.assessed],
    ["ASSESSED", "PUBLIC_NOTICE", dates.noticeStarts],
    ["PUBLIC_NOTICE", "ANNOUNCED", dates.announced],
  ];
  const reached = state === "SUBMITTED" ? 0 : path.findIndex(([, to]) => to === state) + 1;
  return [...steps, ...path.slice(0, reached)];
}

export interface ApplicationInput {
  id?: Id;
  mineId: number;
  ruleVersionId: number;
  appliedLevel: number;
  state: Exclude<ApplicationState, "DRAFT">;
  dates: ApplicationDates;
  selfScoresheetId: number | null;
  /** Set once assessed (ASSESSED, PUBLIC_NOTICE, ANNOUNCED); with it the result level. */
  assessedScoresheetId: number | null;
  resultLevel: number | null;
  rejectionReason?: string | null;
  /** Who submitted and who withdrew (the mine's manager), when known. */
  managerId?: number | null;
  /** Events are stamped no later than this day. */
  today: string;
}

/** An application, its notice dates and version from its steps, and one event per step. */
export function applicationRows(a: ApplicationInput): {
  application: RowOf<"applications">;
  events: (applicationId: number) => RowOf<"applicationEvents">[];
} {
  const steps = applicationSteps(a.state, a.dates);
  const inNotice = a.state === "PUBLIC_NOTICE" || a.state === "ANNOUNCED";
  return {
    application: row("applications", {
      ...a,
      resultLevel: a.assessedScoresheetId === null ? null : a.resultLevel,
      submittedOn: a.dates.submitted,
      noticeStartsOn: inNotice ? a.dates.noticeStarts : null,
      noticeEndsOn: inNotice ? a.dates.noticeEnds : null,
      assessedOn: a.assessedScoresheetId === null ? null : a.dates.assessed,
      version: steps.length - 1,
      createdAt: `${a.dates.submitted} 09:30:00`,
    }),
    events: (applicationId) =>
      steps.map(([fromState, toState, on]) =>
        row("applicationEvents", {
          applicationId,
          fromState,
          toState,
          actorId: toState === "SUBMITTED" || toState === "WITHDRAWN" ? a.managerId : null,
          at: `${on < a.today ? on : a.today} 10:00:00`,
        }),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Grades and decisions

export interface GradeInput {
  id?: Id;
  mineId: number;
  level: number;
  ruleVersionId: number;
  authorityId: number;
  announcementNo: string;
  announcedOn: string;
  validUntil: string;
  endedOn?: string | null;
  endReason?: GradeEndReason | null;
  applicationId?: number | null;
}

/** A grade; the decisions that ended or started it are linked afterwards (they refer to each other). */
export function gradeRow(g: GradeInput): RowOf<"grades"> {
  return row("grades", { ...g, createdAt: `${g.announcedOn} 16:00:00` });
}

export interface DecisionInput {
  id?: Id;
  mineId: number;
  gradeId: number;
  type: DecisionType;
  reason: DecisionReason;
  fromLevel: number;
  toLevel: number | null;
  status: DecisionStatus;
  triggerKey: string | null;
  evidence: Readonly<Record<string, unknown>>;
  legalBasis: string | null;
  /** The decision's number once confirmed. */
  number: string | null;
  authorityId: number;
  /** The configured proposer (ProvinceGradingConfig.proposerKind). */
  proposerAuthorityId?: number | null;
  effectiveOn: string | null;
  proposedEffectiveOn?: string | null;
  proposedAt: string;
  proposedById?: number | null;
  decidedAt?: string | null;
  decidedById?: number | null;
  withdrawnReason?: string | null;
}

/** A decision; one that was confirmed or withdrawn has been changed once since it was proposed. */
export function decisionRow(d: DecisionInput): RowOf<"decisions"> {
  return row("decisions", {
    ...d,
    evidence: JSON.stringify(d.evidence),
    version: d.status === "PROPOSED" ? 0 : 1,
  });
}

// ---------------------------------------------------------------------------------------------
// Events at a mine: accidents, spot-checks and their findings, hidden dangers, replies

export interface AccidentInput {
  id?: Id;
  mineId: number;
  occurredOn: string;
  deaths: number;
  injuries?: number;
  description: string;
  recordedById?: number | null;
  createdAt: string;
}

export function accidentRow(a: AccidentInput): RowOf<"accidents"> {
  return row("accidents", { ...a, injuries: a.injuries ?? 0 });
}

export interface SpotCheckInput {
  id?: Id;
  mineId: number;
  checkedOn: string;
  type: SpotCheckType;
  status: SpotCheckStatus;
  authorityId: number;
  team: string;
  scoresheetId: number;
  conclusion: SpotCheckConclusion;
  notes?: string | null;
  createdById?: number | null;
}

export function spotCheckRow(c: SpotCheckInput): RowOf<"spotChecks"> {
  return row("spotChecks", { ...c, createdAt: `${c.checkedOn} 18:00:00` });
}

export interface FindingInput {
  id?: Id;
  spotCheckId: number;
  elementCode: string;
  text: string;
  severity: FindingSeverity;
  rectifyBy: string | null;
  rectifiedOn?: string | null;
}

export function findingRow(f: FindingInput): RowOf<"findings"> {
  return row("findings", f);
}

export interface HiddenDangerInput {
  id?: Id;
  mineId: number;
  source: HiddenDangerSource;
  foundOn: string;
  description: string;
  spotCheckId?: number | null;
  rectifiedOn?: string | null;
  reportedById?: number | null;
}

export function hiddenDangerRow(h: HiddenDangerInput): RowOf<"hiddenDangers"> {
  return row("hiddenDangers", { ...h, createdAt: `${h.foundOn} 12:00:00` });
}
