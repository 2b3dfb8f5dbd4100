// The demo's view of the grading authorities (reference.ts lists them: NMSA and one per province,
// prefecture and county): the prefix of each one's announcement numbers, and who grades, confirms and
// publishes for a level, as the decision-authority configuration says (authority-config.ts).
import { decisionBodies, gradingBody, type AuthorityConfig, type Body } from "../../lib/domain/authority-config";
import type { MineSim } from "./mines";
import type { ReferenceAuthority } from "./reference";
import { PROVINCE_ABBR, stemOf, type Geography } from "./regions";

export interface AuthorityRow extends ReferenceAuthority {
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
  /** Who proposes a decision on a grade of the level (the configuration's proposer; by default the prefecture). */
  proposerFor(level: number, mine: MineSim): AuthorityRow;
}

function prefixOf(a: ReferenceAuthority, geo: Geography): string {
  if (a.kind === "NATIONAL") return "矿安标";
  if (a.kind === "PROVINCIAL")
    return `${PROVINCE_ABBR[a.regionCode] ?? stemOf(geo.provinceName.get(a.regionCode) ?? "")}煤安标`;
  const name = (a.kind === "PREFECTURE" ? geo.prefectureName : geo.countyName).get(a.regionCode) ?? a.regionCode;
  return `${stemOf(name)}${name.endsWith("县") && name.length <= 4 ? "县" : ""}煤安标`;
}

export function buildAuthorities(
  geo: Geography,
  reference: ReferenceAuthority[],
  config: AuthorityConfig,
): Authorities {
  const rows = reference.map((a) => ({ ...a, prefix: prefixOf(a, geo) }));
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.regionCode}`, r]));
  const find = (kind: string, code: string) => {
    const r = byKey.get(`${kind}:${code}`);
    if (!r) throw new Error(`No ${kind.toLowerCase()} authority for ${code}`);
    return r;
  };
  const national = find("NATIONAL", "");
  const province = (code: string) => find("PROVINCIAL", code);
  const prefecture = (code: string) => find("PREFECTURE", code);
  const rowOf = (body: Body | null | undefined, mine: MineSim): AuthorityRow => {
    if (!body) throw new Error(`No configured body for mine ${mine.code}`);
    if (body.kind === "NATIONAL") return national;
    if (body.kind === "PROVINCIAL") return province(mine.provinceCode);
    if (body.kind === "PREFECTURE") return prefecture(mine.prefectureCode);
    return find("COUNTY", mine.countyCode);
  };
  return {
    rows,
    national,
    province,
    prefecture,
    forLevel: (level, mine) => rowOf(gradingBody(level, mine, config), mine),
    publisherFor: (level, mine) => rowOf(decisionBodies(config, mine, level)?.publisher, mine),
    confirmerFor: (level, mine) => rowOf(decisionBodies(config, mine, level)?.confirmer, mine),
    proposerFor: (level, mine) => rowOf(decisionBodies(config, mine, level)?.proposer, mine),
  };
}
