// The rule versions shipped with the portal, as data: the seed writes them to the database and
// the unit tests read them. Each parameter's source and status (rules-evidence.md) is in
// rule-data-sources.ts; the 2020/2024/2026 weights are PLACEHOLDERS (the official weights were not
// found). A correction ships as a new version code, or an ADMIN makes it on /admin/rules.
import { sourcesFor } from "./rule-data-sources";
import { ruleVersionIn } from "./rule-version-on";
import {
  BASIC_CONDITIONS_2017,
  BASIC_CONDITIONS_2020,
  BASIC_CONDITIONS_2024,
  BASIC_CONDITIONS_2026,
} from "./basic-condition-data";
import { CONSEQUENCES_2017, CONSEQUENCES_2020, CONSEQUENCES_2024 } from "./consequence-data";
import type { MineType, RuleElement, RulePart, RuleSet, RuleThreshold, RuleVeto } from "./rules";

export const PART_BASIC = "BASIC";
export const PART_DISASTER = "DISASTER";
export const PART_PROFESSIONAL = "PROFESSIONAL";

/** The three parts of every shipped rule version (their names also label a decision's evidence). */
export const PARTS: RulePart[] = [
  { code: PART_BASIC, nameZh: "安全基础管理", nameEn: "Basic safety management" },
  { code: PART_DISASTER, nameZh: "重大灾害防治", nameEn: "Major disaster prevention" },
  { code: PART_PROFESSIONAL, nameZh: "专业管理", nameEn: "Professional management" },
];

type Row = [code: string, part: string, zh: string, en: string, weight: number];

function rows(mineType: MineType, list: Row[]): RuleElement[] {
  return list.map(([code, partCode, nameZh, nameEn, weight]) => ({ mineType, code, partCode, nameZh, nameEn, weight }));
}

const E01: Row = ["E01", PART_BASIC, "理念目标和矿长安全承诺", "Philosophy, goals and manager's commitment", 0.036];
const E02: Row = ["E02", PART_BASIC, "组织机构", "Organisation", 0.036];
const E03: Row = ["E03", PART_BASIC, "安全生产责任制及安全管理制度", "Responsibility system and rules", 0.036];
const E04: Row = ["E04", PART_BASIC, "从业人员素质", "Workforce competence", 0.036];
const E05: Row = ["E05", PART_BASIC, "安全风险分级管控", "Risk grading and control", 0.09];
const E06: Row = ["E06", PART_BASIC, "事故隐患排查治理", "Hidden-danger investigation", 0.09];
const E15: Row = ["E15", PART_BASIC, "持续改进", "Continuous improvement", 0.036];

/** 2020 edition, underground: 15 elements; placeholder weights summing to 1. */
const underground2020: Row[] = [
  E01,
  E02,
  E03,
  E04,
  E05,
  E06,
  ["E07", PART_DISASTER, "通风", "Ventilation", 0.14],
  ["E08", PART_DISASTER, "地质灾害防治与测量", "Geological hazards and surveying", 0.1],
  ["E09", PART_PROFESSIONAL, "采煤", "Coal mining", 0.07],
  ["E10", PART_PROFESSIONAL, "掘进", "Roadway development", 0.07],
  ["E11", PART_PROFESSIONAL, "机电", "Electromechanical", 0.07],
  ["E12", PART_PROFESSIONAL, "运输", "Transport", 0.07],
  ["E13", PART_PROFESSIONAL, "调度和应急管理", "Dispatch and emergency", 0.06],
  ["E14", PART_PROFESSIONAL, "职业病危害防治和地面设施", "Occupational health and surface", 0.06],
  E15,
];

/** 2020 edition, open-pit: quality-control elements replace 7–14; slopes and dewatering are disaster prevention. */
const openPit2020: Row[] = [
  E01,
  E02,
  E03,
  E04,
  E05,
  E06,
  ["P01", PART_PROFESSIONAL, "钻孔", "Drilling", 0.06],
  ["P02", PART_PROFESSIONAL, "爆破", "Blasting", 0.07],
  ["P03", PART_PROFESSIONAL, "采装", "Loading", 0.07],
  ["P04", PART_PROFESSIONAL, "运输", "Haulage", 0.07],
  ["P05", PART_PROFESSIONAL, "排土", "Dumping", 0.06],
  ["P06", PART_PROFESSIONAL, "机电", "Electromechanical", 0.07],
  ["P07", PART_DISASTER, "边坡", "Slopes", 0.14],
  ["P08", PART_DISASTER, "疏干排水", "Dewatering", 0.1],
  E15,
];

/** 2017 trial: no management-system elements; reference weights of that edition. */
const underground2017: Row[] = [
  ["E04", PART_BASIC, "安全培训和应急管理", "Training and emergency management", 0.06],
  ["E05", PART_BASIC, "安全风险分级管控", "Risk grading and control", 0.1],
  ["E06", PART_BASIC, "事故隐患排查治理", "Hidden-danger investigation", 0.1],
  ["E07", PART_DISASTER, "通风", "Ventilation", 0.16],
  ["E08", PART_DISASTER, "地质灾害防治与测量", "Geological hazards and surveying", 0.11],
  ["E09", PART_PROFESSIONAL, "采煤", "Coal mining", 0.09],
  ["E10", PART_PROFESSIONAL, "掘进", "Roadway development", 0.09],
  ["E11", PART_PROFESSIONAL, "机电", "Electromechanical", 0.09],
  ["E12", PART_PROFESSIONAL, "运输", "Transport", 0.08],
  ["E13", PART_PROFESSIONAL, "调度和地面设施", "Dispatch and surface facilities", 0.06],
  ["E14", PART_PROFESSIONAL, "职业卫生", "Occupational health", 0.06],
];

/** 2017 open-pit weights as [M] gives them, with its occupational-health and dispatch elements (sum 1). */
const openPit2017: Row[] = [
  ["E04", PART_BASIC, "安全培训和应急管理", "Training and emergency management", 0.04],
  ["E05", PART_BASIC, "安全风险分级管控", "Risk grading and control", 0.1],
  ["E06", PART_BASIC, "事故隐患排查治理", "Hidden-danger investigation", 0.1],
  ["P01", PART_PROFESSIONAL, "钻孔", "Drilling", 0.05],
  ["P02", PART_PROFESSIONAL, "爆破", "Blasting", 0.11],
  ["P03", PART_PROFESSIONAL, "采装", "Loading", 0.11],
  ["P04", PART_PROFESSIONAL, "运输", "Haulage", 0.12],
  ["P05", PART_PROFESSIONAL, "排土", "Dumping", 0.09],
  ["P06", PART_PROFESSIONAL, "机电", "Electromechanical", 0.09],
  ["P07", PART_DISASTER, "边坡", "Slopes", 0.05],
  ["P08", PART_DISASTER, "疏干排水", "Dewatering", 0.05],
  ["E13", PART_PROFESSIONAL, "调度和地面设施", "Dispatch and surface facilities", 0.04],
  ["E14", PART_PROFESSIONAL, "职业卫生", "Occupational health", 0.05],
];

/** Level 1: total ≥ 90, disaster ≥ 90, professional ≥ 90, basic ≥ 85; Level 2: all ≥ 80; Level 3: all ≥ 70. */
const thresholds: RuleThreshold[] = [
  { level: 1, partCode: null, minScore: 90 },
  { level: 1, partCode: PART_DISASTER, minScore: 90 },
  { level: 1, partCode: PART_PROFESSIONAL, minScore: 90 },
  { level: 1, partCode: PART_BASIC, minScore: 85 },
  ...([2, 3] as const).flatMap((level) =>
    [null, PART_BASIC, PART_DISASTER, PART_PROFESSIONAL].map((partCode) => ({
      level,
      partCode,
      minScore: level === 2 ? 80 : 70,
    })),
  ),
];

/**
 * 2017 article 5 [G]: Level 1 needs a total ≥ 90 with the core elements ≥ 90 and the others ≥ 80;
 * Level 2 a total ≥ 80 with the core elements ≥ 80 and the others ≥ 70; Level 3 a total ≥ 70. The
 * core elements: underground, risk control, hidden dangers, ventilation, geology, mining,
 * development, electromechanical, transport; open-pit, risk control, hidden dangers and the seven
 * production elements. An element code absent from a mine type's set is not checked for it.
 */
const CORE_2017 = [
  "E05",
  "E06",
  "E07",
  "E08",
  "E09",
  "E10",
  "E11",
  "E12",
  "P01",
  "P02",
  "P03",
  "P04",
  "P05",
  "P06",
  "P07",
  "P08",
];
const OTHER_2017 = ["E04", "E13", "E14"];
const thresholds2017: RuleThreshold[] = [
  { level: 1, partCode: null, minScore: 90 },
  ...CORE_2017.map((elementCode) => ({ level: 1 as const, partCode: null, elementCode, minScore: 90 })),
  ...OTHER_2017.map((elementCode) => ({ level: 1 as const, partCode: null, elementCode, minScore: 80 })),
  { level: 2, partCode: null, minScore: 80 },
  ...CORE_2017.map((elementCode) => ({ level: 2 as const, partCode: null, elementCode, minScore: 80 })),
  ...OTHER_2017.map((elementCode) => ({ level: 2 as const, partCode: null, elementCode, minScore: 70 })),
  { level: 3, partCode: null, minScore: 70 },
];

/** Level 1 vetoes: fatal accident within 1 / 2 / 2 / 3 years by class; failed Level-1 assessment or a decision within 1 year. */
const vetoes: RuleVeto[] = [
  { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "ORDINARY", windowMonths: 12 },
  { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "LARGER", windowMonths: 24 },
  { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "MAJOR", windowMonths: 24 },
  { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "EXTRAORDINARY", windowMonths: 36 },
  { level: 1, kind: "FAILED_ASSESSMENT", accidentClass: null, windowMonths: 12 },
  { level: 1, kind: "RECENT_DECISION", accidentClass: null, windowMonths: 12 },
];

const common = {
  validityYears: 3,
  publicNoticeDays: 5,
  placeholderWeights: true,
  hiddenDangerWindowMonths: 6,
  stoppedMonthsLimit: 6,
  level1ShiftHeadcountCap: null,
  // Direct extension of Level 1 (直接延期) from the 2020 measures on [J][H]; the window is a placeholder.
  directExtension: true,
  directExtensionWindowMonths: 6,
  parts: PARTS,
  thresholds,
  vetoes,
};

const RULE_2017_DATA: RuleSet = {
  ...common,
  code: "2017",
  consequences: CONSEQUENCES_2017,
  basicConditions: BASIC_CONDITIONS_2017,
  directExtension: false,
  nameZh: "煤矿安全生产标准化考核定级办法（试行）",
  nameEn: "Coal mine safety standardization grading measures (trial, 2017)",
  documentNo: "煤安监行管〔2017〕5号",
  // [E][F]: in force from 2017-07-01 (was 2017-01-01).
  effectiveFrom: "2017-07-01",
  gradeRequiredToProduce: false,
  placeholderWeights: false,
  level1ShiftHeadcountCap: 1000,
  thresholds: thresholds2017,
  elements: [...rows("UNDERGROUND", underground2017), ...rows("OPEN_PIT", openPit2017)],
};

const RULE_2020_DATA: RuleSet = {
  ...common,
  code: "2020",
  consequences: CONSEQUENCES_2020,
  basicConditions: BASIC_CONDITIONS_2020,
  nameZh: "煤矿安全生产标准化管理体系考核定级办法（试行）",
  nameEn: "Management-system grading measures (trial, 2020)",
  documentNo: "煤安监行管〔2020〕16号",
  effectiveFrom: "2020-07-01",
  gradeRequiredToProduce: false,
  elements: [...rows("UNDERGROUND", underground2020), ...rows("OPEN_PIT", openPit2020)],
};

const RULE_2024_DATA: RuleSet = {
  ...common,
  code: "2024",
  consequences: CONSEQUENCES_2024,
  basicConditions: BASIC_CONDITIONS_2024,
  nameZh: "煤矿安全生产标准化管理体系考核定级办法（2024年修订）",
  nameEn: "Management-system grading measures (2024 revision)",
  documentNo: "矿安〔2024〕109号",
  // [B]: the 2024 documents were "issued October 16, 2024" (was 2024-10-01).
  effectiveFrom: "2024-10-16",
  gradeRequiredToProduce: true,
  elements: [...rows("UNDERGROUND", underground2020), ...rows("OPEN_PIT", openPit2020)],
};

/**
 * The 2026 revision, reported in force on issue, 2026-06-27 [B]. Its text was not found: the Level 1
 * and Level 2 thresholds are confirmed by the report; everything else is carried over from 2024 and
 * marked as a placeholder (rule-data-sources.ts).
 */
const RULE_2026_DATA: RuleSet = {
  ...common,
  code: "2026",
  // Not found in any source for 2026: the 2024 rows, carried over and marked as placeholders.
  consequences: CONSEQUENCES_2024.map((c) => ({
    ...c,
    status: "PLACEHOLDER" as const,
    source: `Carried over from the 2024 revision, unverified for 2026 (${c.source})`,
  })),
  basicConditions: BASIC_CONDITIONS_2026,
  nameZh: "煤矿安全生产标准化管理体系考核定级办法（2026年）",
  nameEn: "Management-system grading measures (2026)",
  documentNo: "2026年第79号",
  effectiveFrom: "2026-06-27",
  gradeRequiredToProduce: true,
  elements: [...rows("UNDERGROUND", underground2020), ...rows("OPEN_PIT", openPit2020)],
};

export const RULE_2017: RuleSet = { ...RULE_2017_DATA, sources: sourcesFor(RULE_2017_DATA) };
export const RULE_2020: RuleSet = { ...RULE_2020_DATA, sources: sourcesFor(RULE_2020_DATA) };
export const RULE_2024: RuleSet = { ...RULE_2024_DATA, sources: sourcesFor(RULE_2024_DATA) };
export const RULE_2026: RuleSet = { ...RULE_2026_DATA, sources: sourcesFor(RULE_2026_DATA) };

export const RULE_VERSIONS: readonly RuleSet[] = [RULE_2017, RULE_2020, RULE_2024, RULE_2026];

/** The rule version in force on a date (YYYY-MM-DD), among the shipped versions unless given others. */
export function ruleVersionOn(date: string, versions: readonly RuleSet[] = RULE_VERSIONS): RuleSet {
  return ruleVersionIn(date, versions);
}
