// The tables the seed writes, their columns in insert order and the SQL type each value is cast to,
// and the row type each spec implies (enum columns take the schema's enum values). The seed's row
// builders (entities.ts) return these rows; write.ts inserts them.
import type * as Enums from "../../lib/generated/prisma/enums";

export type ColumnType =
  "int" | "bigint" | "text" | "date" | "timestamp" | "numeric" | "bool" | "jsonb" | `"${string}"`;

export interface TableSpec<C extends Record<string, ColumnType> = Record<string, ColumnType>> {
  table: string;
  columns: C;
}

function table<const C extends Record<string, ColumnType>>(name: string, columns: C): TableSpec<C> {
  return { table: name, columns };
}

type EnumValues<E extends string> = E extends keyof typeof Enums ? (typeof Enums)[E][keyof (typeof Enums)[E]] : never;

/**
 * The JavaScript value of a column as the seed writes it: dates as YYYY-MM-DD, timestamps as
 * "YYYY-MM-DD HH:MM:SS" (no time zone), numerics as decimal text, JSON as its text.
 */
type ValueOf<T> = T extends "int"
  ? number
  : T extends "bigint"
    ? number | string
    : T extends "bool"
      ? boolean
      : T extends `"${infer E}"`
        ? EnumValues<E>
        : string;

export const TABLES = {
  regions: table("Region", {
    code: "text",
    nameZh: "text",
    nameEn: "text",
    level: '"RegionLevel"',
    parentCode: "text",
  }),
  enterprises: table("Enterprise", { id: "int", name: "text", nameEn: "text" }),
  versions: table("RuleVersion", {
    id: "int",
    code: "text",
    nameZh: "text",
    nameEn: "text",
    documentNo: "text",
    effectiveFrom: "date",
    validityYears: "int",
    publicNoticeDays: "int",
    placeholderWeights: "bool",
    hiddenDangerWindowMonths: "int",
    stoppedMonthsLimit: "int",
    gradeRequiredToProduce: "bool",
    level1ShiftHeadcountCap: "int",
    directExtension: "bool",
    directExtensionWindowMonths: "int",
  }),
  parts: table("RulePart", {
    id: "int",
    ruleVersionId: "int",
    code: "text",
    nameZh: "text",
    nameEn: "text",
    sortOrder: "int",
  }),
  elements: table("RuleElement", {
    id: "int",
    ruleVersionId: "int",
    mineType: '"MineType"',
    code: "text",
    partCode: "text",
    nameZh: "text",
    nameEn: "text",
    weight: "numeric",
    sortOrder: "int",
  }),
  thresholds: table("RuleLevelThreshold", {
    id: "int",
    ruleVersionId: "int",
    level: "int",
    partCode: "text",
    elementCode: "text",
    minScore: "numeric",
  }),
  sources: table("RuleParameterSource", {
    id: "int",
    ruleVersionId: "int",
    parameter: "text",
    source: "text",
    status: '"ParameterStatus"',
  }),
  vetoes: table("RuleVeto", {
    id: "int",
    ruleVersionId: "int",
    level: "int",
    kind: '"VetoKind"',
    accidentClass: "text",
    windowMonths: "int",
  }),
  consequences: table("RuleConsequence", {
    id: "int",
    ruleVersionId: "int",
    provinceCode: "text",
    fromLevel: "int",
    trigger: '"ConsequenceTrigger"',
    toLevel: "int",
    effectiveFromEvent: "bool",
    source: "text",
    status: '"ParameterStatus"',
  }),
  basicConditions: table("RuleBasicCondition", {
    id: "int",
    ruleVersionId: "int",
    code: "text",
    textZh: "text",
    textEn: "text",
    sortOrder: "int",
    source: "text",
    status: '"ParameterStatus"',
  }),
  authorities: table("Authority", {
    id: "int",
    kind: '"AuthorityKind"',
    regionCode: "text",
    nameZh: "text",
    nameEn: "text",
  }),
  provinceRules: table("ProvinceRule", {
    provinceCode: "text",
    openMajorHiddenDangerBarsGrading: "bool",
    source: "text",
    status: '"ParameterStatus"',
  }),
  gradingConfig: table("ProvinceGradingConfig", {
    id: "int",
    provinceCode: "text",
    level: "int",
    granted: "bool",
    reviewerKind: '"AuthorityKind"',
    graderKind: '"AuthorityKind"',
    proposerKind: '"AuthorityKind"',
    confirmerKind: '"AuthorityKind"',
    publisherKind: '"AuthorityKind"',
    failedRoute: '"FailedApplicationRoute"',
    source: "text",
    status: '"ParameterStatus"',
    publicNoticeWorkingDays: "int",
    publicNoticeSource: "text",
    publicNoticeStatus: '"ParameterStatus"',
  }),
  targets: table("SpotCheckTarget", { id: "int", year: "int", regionCode: "text", level: "int", ratio: "numeric" }),
  mines: table("Mine", {
    id: "int",
    code: "text",
    name: "text",
    nameEn: "text",
    provinceCode: "text",
    prefectureCode: "text",
    countyCode: "text",
    enterpriseId: "int",
    type: '"MineType"',
    capacity: "int",
    gasGrade: '"GasGrade"',
    hydroType: '"HydroType"',
    rockBurst: "bool",
    combustionClass: '"CombustionClass"',
    status: '"ProductionStatus"',
    version: "int",
    createdAt: "timestamp",
  }),
  statusPeriods: table("MineStatusPeriod", {
    id: "int",
    mineId: "int",
    status: '"ProductionStatus"',
    startedOn: "date",
    endedOn: "date",
  }),
  users: table("User", {
    id: "int",
    email: "text",
    name: "text",
    passwordHash: "text",
    role: '"Role"',
    jurisdiction: "text",
    mineId: "int",
    active: "bool",
    createdAt: "timestamp",
  }),
  scoresheets: table("Scoresheet", {
    id: "int",
    mineId: "int",
    ruleVersionId: "int",
    kind: '"ScoresheetKind"',
    mineType: '"MineType"',
    total: "numeric",
    level: "int",
    createdAt: "timestamp",
  }),
  elementScores: table("ElementScore", {
    scoresheetId: "int",
    elementCode: "text",
    score: "numeric",
    notApplicable: "bool",
  }),
  applications: table("GradeApplication", {
    id: "int",
    mineId: "int",
    ruleVersionId: "int",
    appliedLevel: "int",
    state: '"ApplicationState"',
    selfScoresheetId: "int",
    assessedScoresheetId: "int",
    resultLevel: "int",
    submittedOn: "date",
    noticeStartsOn: "date",
    noticeEndsOn: "date",
    assessedOn: "date",
    rejectionReason: "text",
    version: "int",
    createdAt: "timestamp",
  }),
  applicationConditions: table("ApplicationCondition", {
    id: "int",
    applicationId: "int",
    conditionCode: "text",
    met: "bool",
    evidence: "text",
  }),
  applicationEvents: table("ApplicationEvent", {
    id: "int",
    applicationId: "int",
    fromState: '"ApplicationState"',
    toState: '"ApplicationState"',
    actorId: "int",
    reason: "text",
    at: "timestamp",
  }),
  objections: table("Objection", {
    id: "int",
    applicationId: "int",
    name: "text",
    contact: "text",
    text: "text",
    status: '"ObjectionStatus"',
    createdAt: "timestamp",
  }),
  grades: table("Grade", {
    id: "int",
    mineId: "int",
    level: "int",
    ruleVersionId: "int",
    authorityId: "int",
    announcementNo: "text",
    announcedOn: "date",
    validUntil: "date",
    endedOn: "date",
    endReason: '"GradeEndReason"',
    endedByDecisionId: "int",
    applicationId: "int",
    fromDecisionId: "int",
    createdAt: "timestamp",
  }),
  decisions: table("Decision", {
    id: "int",
    mineId: "int",
    gradeId: "int",
    type: '"DecisionType"',
    reason: '"DecisionReason"',
    fromLevel: "int",
    toLevel: "int",
    status: '"DecisionStatus"',
    triggerKey: "text",
    evidence: "jsonb",
    legalBasis: "text",
    number: "text",
    authorityId: "int",
    proposerAuthorityId: "int",
    effectiveOn: "date",
    proposedEffectiveOn: "date",
    proposedAt: "timestamp",
    proposedById: "int",
    decidedAt: "timestamp",
    decidedById: "int",
    withdrawnReason: "text",
    version: "int",
  }),
  accidents: table("Accident", {
    id: "int",
    mineId: "int",
    occurredOn: "date",
    deaths: "int",
    injuries: "int",
    description: "text",
    recordedById: "int",
    createdAt: "timestamp",
  }),
  spotChecks: table("SpotCheck", {
    id: "int",
    mineId: "int",
    checkedOn: "date",
    type: '"SpotCheckType"',
    status: '"SpotCheckStatus"',
    authorityId: "int",
    team: "text",
    scoresheetId: "int",
    conclusion: '"SpotCheckConclusion"',
    notes: "text",
    createdById: "int",
    createdAt: "timestamp",
  }),
  findings: table("Finding", {
    id: "int",
    spotCheckId: "int",
    elementCode: "text",
    text: "text",
    severity: '"FindingSeverity"',
    rectifyBy: "date",
    rectifiedOn: "date",
  }),
  hiddenDangers: table("HiddenDanger", {
    id: "int",
    mineId: "int",
    source: '"HiddenDangerSource"',
    foundOn: "date",
    description: "text",
    spotCheckId: "int",
    rectifiedOn: "date",
    reportedById: "int",
    createdAt: "timestamp",
  }),
  replies: table("Reply", {
    id: "int",
    authorId: "int",
    findingId: "int",
    decisionId: "int",
    text: "text",
    createdAt: "timestamp",
  }),
} as const;

export type TableKey = keyof typeof TABLES;

/** A row of a table: every column present, null where the column is empty (or, for an id, left to its sequence). */
export type RowOf<K extends TableKey> = {
  -readonly [C in keyof (typeof TABLES)[K]["columns"]]: ValueOf<(typeof TABLES)[K]["columns"][C]> | null;
};
