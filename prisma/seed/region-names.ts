// English names for the regions that have none in the data (every county, and the prefectures outside the
// coal geography): the pinyin of the name's stem with its kind translated ("左云县" → "Zuoyun County"),
// so that the English interface shows no Chinese place names. pinyin-pro (a maintained dictionary with
// the readings of place names, e.g. 六安 Lu'an) does the romanisation.
import { pinyin } from "pinyin-pro";
import { stemOf } from "./regions";

/** What kind of division a name's ending says, most specific first. */
const KINDS: [RegExp, string][] = [
  [/自治县$/, "Autonomous County"],
  [/自治旗$/, "Autonomous Banner"],
  [/自治州$/, "Autonomous Prefecture"],
  [/林区$/, "Forestry District"],
  [/特区$/, "Special District"],
  [/地区$/, "Prefecture"],
  [/县$/, "County"],
  [/区$/, "District"],
  [/市$/, "City"],
  [/旗$/, "Banner"],
  [/盟$/, "League"],
];

/**
 * Hanyu pinyin as place names are written: one word, capitalised, without tones, with an apostrophe
 * where a syllable starting with a vowel would run into the one before ("长安" → "Chang'an").
 */
export function placePinyin(hanzi: string): string {
  const syllables = pinyin(hanzi, { toneType: "none", type: "array", nonZh: "consecutive" }).filter((s) => s.trim());
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A region's English name from its Chinese one. Municipalities' prefecture-level rows ("北京市市辖区",
 * "重庆市县") become "Beijing Districts" and "Chongqing Counties". A one-character stem ("城区") keeps
 * its whole name in pinyin ("Chengqu District"), as such districts are known. A prefecture-level city is
named by its stem ("太原市" → "Taiyuan"); a county-level one keeps "City" ("古交市" → "Gujiao City").
 */
export function englishRegionName(nameZh: string, level: "PROVINCE" | "PREFECTURE" | "COUNTY"): string {
  const municipality = /^(北京|天津|上海|重庆)市(市辖区|县)$/.exec(nameZh);
  if (municipality) return `${placePinyin(municipality[1])} ${municipality[2] === "县" ? "Counties" : "Districts"}`;
  const kind = KINDS.find(([re]) => re.test(nameZh));
  // Prefecture-level cities go by their stem, like the English names the coal geography gives ("Datong").
  if (level !== "COUNTY" && kind?.[1] === "City" && stemOf(nameZh).length >= 2) return placePinyin(stemOf(nameZh));
  if (!kind) return placePinyin(nameZh);
  const stem = stemOf(nameZh);
  const base = stem.length >= 2 ? stem : nameZh.replace(kind[0], "");
  return `${placePinyin(base.length >= 2 ? base : nameZh)} ${kind[1]}`;
}
