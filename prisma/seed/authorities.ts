// Grading authorities: NMSA, one per coal province, one per prefecture that has mines.
import { decisionBodies, gradingBody, type AuthorityConfig, type Body } from "../../lib/domain/authority-config";
import type { AuthorityKind } from "../../lib/generated/prisma/enums";
import type { MineSim } from "./mines";
import { COAL_PROVINCES } from "./mines";
import { COAL_PREFECTURES, PROVINCE_ABBR, PROVINCE_EN, stemOf, type Geography } from "./regions";

export interface AuthorityRow {
  id: number;
  kind: Exclude<AuthorityKind, "COUNTY">;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  /** Prefix of its announcement numbers, e.g. 晋煤安标. */
  prefix: string;
}

export interface Authorities {
  rows: AuthorityRow[];
  national: AuthorityRow;
  province(code: string): AuthorityRow;
  prefecture(code: string): AuthorityRow;
  /** Who grades and spot-checks a level in a mine's region (the configuration's grader). */
  forLevel(level: number, mine: MineSim): AuthorityRow;
  /** Who publishes a decision on a grade of the level (the configuration's publisher; Level 1: NMSA). */
  publisherFor(level: number, mine: MineSim): AuthorityRow;
  /** Who confirms a decision on a grade of the level (the configuration's confirmer; by default the province). */
  confirmerFor(level: number, mine: MineSim): AuthorityRow;
}

export function buildAuthorities(geo: Geography, mines: MineSim[], config: AuthorityConfig): Authorities {
  const rows: AuthorityRow[] = [];
  const national: AuthorityRow = {
    id: 1,
    kind: "NATIONAL",
    regionCode: "",
    nameZh: "国家矿山安全监察局",
    nameEn: "National Mine Safety Administration",
    prefix: "矿安标",
  };
  rows.push(national);
  const provinces = new Map<string, AuthorityRow>();
  for (const pc of COAL_PROVINCES) {
    const row: AuthorityRow = {
      id: rows.length + 1,
      kind: "PROVINCIAL",
      regionCode: pc,
      nameZh: `${geo.provinceName.get(pc)}能源局`,
      nameEn: `${PROVINCE_EN[pc]} Energy Administration`,
      prefix: `${PROVINCE_ABBR[pc]}煤安标`,
    };
    rows.push(row);
    provinces.set(pc, row);
  }
  const prefEn = new Map<string, string>();
  for (const list of Object.values(COAL_PREFECTURES)) for (const [code, , en] of list) prefEn.set(code, en);
  const prefectures = new Map<string, AuthorityRow>();
  for (const code of [...new Set(mines.map((m) => m.prefectureCode))].sort()) {
    const name = geo.prefectureName.get(code) ?? code;
    const row: AuthorityRow = {
      id: rows.length + 1,
      kind: "PREFECTURE",
      regionCode: code,
      nameZh: `${name}能源局`,
      nameEn: `${prefEn.get(code) ?? `Prefecture ${code}`} Energy Bureau`,
      prefix: `${stemOf(name)}${name.endsWith("县") && name.length <= 4 ? "县" : ""}煤安标`,
    };
    rows.push(row);
    prefectures.set(code, row);
  }
  const province = (code: string) => {
    const r = provinces.get(code);
    if (!r) throw new Error(`No provincial authority for ${code}`);
    return r;
  };
  const prefecture = (code: string) => {
    const r = prefectures.get(code);
    if (!r) throw new Error(`No prefecture authority for ${code}`);
    return r;
  };
  // The seed has no county authorities: a county body is its prefecture's.
  const rowOf = (body: Body | null | undefined, mine: MineSim): AuthorityRow => {
    if (!body) throw new Error(`No configured body for mine ${mine.code}`);
    if (body.kind === "NATIONAL") return national;
    if (body.kind === "PROVINCIAL") return province(mine.provinceCode);
    return prefecture(mine.prefectureCode);
  };
  return {
    rows,
    national,
    province,
    prefecture,
    forLevel: (level, mine) => rowOf(gradingBody(level, mine, config), mine),
    publisherFor: (level, mine) => rowOf(decisionBodies(config, mine, level)?.publisher, mine),
    confirmerFor: (level, mine) => rowOf(decisionBodies(config, mine, level)?.confirmer, mine),
  };
}
