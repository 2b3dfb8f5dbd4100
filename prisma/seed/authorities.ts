// The demo's view of the grading authorities (reference.ts lists them: NMSA and one per province,
// prefecture and county): the prefix of each one's announcement numbers, and who grades a level.
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
  /** Who grades, spot-checks and decides a level in a mine's region (ProvinceGradingConfig: 2 → province, 3 → prefecture). */
  forLevel(level: number, mine: MineSim): AuthorityRow;
}

function prefixOf(a: ReferenceAuthority, geo: Geography): string {
  if (a.kind === "NATIONAL") return "矿安标";
  if (a.kind === "PROVINCIAL")
    return `${PROVINCE_ABBR[a.regionCode] ?? stemOf(geo.provinceName.get(a.regionCode) ?? "")}煤安标`;
  const name = (a.kind === "PREFECTURE" ? geo.prefectureName : geo.countyName).get(a.regionCode) ?? a.regionCode;
  return `${stemOf(name)}${name.endsWith("县") && name.length <= 4 ? "县" : ""}煤安标`;
}

export function buildAuthorities(geo: Geography, reference: ReferenceAuthority[]): Authorities {
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
  return {
    rows,
    national,
    province,
    prefecture,
    forLevel: (level, mine) =>
      level === 1 ? national : level === 2 ? province(mine.provinceCode) : prefecture(mine.prefectureCode),
  };
}
