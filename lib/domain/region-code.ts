// GB/T 2260 region codes, the one statement of how the portal reads them: 2 digits name a province,
// 4 a prefecture, 6 a county, and a longer code begins with the codes of the regions above it. A
// "scope" is a region code or "" for the whole country. Pure, so the seed, scripts and browser use it too.

export type RegionLevel = "PROVINCE" | "PREFECTURE" | "COUNTY";

/** A region code: 2, 4 or 6 digits. */
export const REGION_CODE_RE = /^(\d{2}|\d{4}|\d{6})$/;
/** A scope: a region code, or empty for national. */
export const SCOPE_RE = /^(\d{2}|\d{4}|\d{6})?$/;
/** A province code: 2 digits. */
export const PROVINCE_CODE_RE = /^\d{2}$/;

/** The Mine column that holds a mine's region code at each level. */
export type RegionColumn = "provinceCode" | "prefectureCode" | "countyCode";

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = { 2: "PROVINCE", 4: "PREFECTURE", 6: "COUNTY" };
const COLUMN_BY_LEVEL: Record<RegionLevel, RegionColumn> = {
  PROVINCE: "provinceCode",
  PREFECTURE: "prefectureCode",
  COUNTY: "countyCode",
};
const CHILD_OF: Record<RegionLevel | "NATIONAL", RegionLevel | null> = {
  NATIONAL: "PROVINCE",
  PROVINCE: "PREFECTURE",
  PREFECTURE: "COUNTY",
  COUNTY: null,
};

export function isRegionCode(value: string): boolean {
  return REGION_CODE_RE.test(value);
}

export function isScope(value: string): boolean {
  return SCOPE_RE.test(value);
}

/** The level a region code names, by its length; throws on anything that is not a region code. */
export function regionLevel(code: string): RegionLevel {
  const level = isRegionCode(code) ? LEVEL_BY_LENGTH[code.length] : undefined;
  if (!level) throw new RangeError(`Not a GB/T 2260 region code: ${JSON.stringify(code)}`);
  return level;
}

/** The Mine column a region code is compared with: provinceCode for 2 digits, and so on. */
export function regionColumn(code: string): RegionColumn {
  return COLUMN_BY_LEVEL[regionLevel(code)];
}

/** The column of the level a code is compared with (a level's own column). */
export function columnOfLevel(level: RegionLevel): RegionColumn {
  return COLUMN_BY_LEVEL[level];
}

/** The level of region one below a scope: provinces under the nation, …; null under a county. */
export function childLevel(scope: string): RegionLevel | null {
  return CHILD_OF[scope === "" ? "NATIONAL" : regionLevel(scope)];
}

/** The province a code lies in (its first two digits); "" stays "" (national). */
export function provinceOf(code: string): string {
  return code.slice(0, 2);
}

/** The prefecture a prefecture or county code lies in (its first four digits). */
export function prefectureOf(code: string): string {
  return code.slice(0, 4);
}

/** The regions from the province down to the code itself: "140226" → ["14", "1402", "140226"]; "" → []. */
export function regionPath(code: string): string[] {
  if (code === "") return [];
  regionLevel(code);
  return [2, 4, 6].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** A county's place at every level, as the Mine row stores it. */
export function placeOfCounty(countyCode: string): Record<RegionColumn, string> {
  if (regionLevel(countyCode) !== "COUNTY") throw new RangeError(`Not a county code: ${countyCode}`);
  return { provinceCode: provinceOf(countyCode), prefectureCode: prefectureOf(countyCode), countyCode };
}

/** The scopes whose spot-check target applies to a scope, nearest first: itself, its province, national. */
export function targetChain(scope: string): string[] {
  const chain = [scope];
  if (scope.length > 2) chain.push(provinceOf(scope));
  if (scope !== "") chain.push("");
  return chain;
}
