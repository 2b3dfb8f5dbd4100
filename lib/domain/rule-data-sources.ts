// The source and status of every parameter of the shipped rule versions, from rules-evidence.md
// (letters in brackets are its sources; every one is a third-party copy, no official NMSA page was
// reachable). VERIFIED: a copy of the document's own text states the value. SECONDARY: a summary, an
// exam, a news report, another system's data or provincial practice. PLACEHOLDER: nothing found; the
// value is carried over or assumed.
import { parameterKeys } from "./rule-sources";
import type { ParameterSource, RuleSet } from "./rules";

const V = (source: string): ParameterSource => ({ source, status: "VERIFIED" });
const S = (source: string): ParameterSource => ({ source, status: "SECONDARY" });
const P = (source: string): ParameterSource => ({ source, status: "PLACEHOLDER" });

const DOC: Record<string, string> = {
  "2017": "煤安监行管〔2017〕5号",
  "2020": "煤安监行管〔2020〕16号",
  "2024": "矿安〔2024〕109号",
  "2026": "2026年第79号",
};

/** The source of one parameter of a shipped version, by its key (rule-sources.ts). */
function sourceOf(code: string, key: string): ParameterSource {
  const doc = DOC[code] ?? code;
  const [kind, a] = key.split(":");
  switch (kind) {
    case "effectiveFrom":
      if (code === "2017") return S(`2017-07-01: 2017 exam [E] and Jiangxi notice [F]`);
      if (code === "2024") return S(`Issued 2024-10-16, per the 2026 report that repeals it [B]`);
      if (code === "2026") return S(`Issued and in force 2026-06-27, news report [B]`);
      return P(`${doc}: effective date not checked against a copy of the text`);
    case "validityYears":
      return S(`Three years: 2017 exam [E]; re-review every 3 years, summary of the 2020 text [J]`);
    case "publicNoticeDays":
      if (code === "2017") return S(`Five working days: 2017 exam [E]`);
      return P(`Five working days carried from 2017 [E]; Shanxi notices allow 3 working days [Q]`);
    case "hiddenDangerWindowMonths":
      return P(`Six months: wording in a 2020-regime exam [C], the number blank there`);
    case "stoppedMonthsLimit":
      return P(`Six months: wording in a 2020-regime exam [C], the number blank there`);
    case "gradeRequiredToProduce":
      if (code === "2024") return S(`${doc}: a grade is needed to produce, Panzhihua answer [K]`);
      if (code === "2026") return P(`Carried over from 2024 [K]; 2026 text not found`);
      return P(`No such requirement found before 2024`);
    case "directExtension":
      if (code === "2017") return P(`Not found in the 2017 sources [E][G]; off`);
      if (code === "2020")
        return S(`Level 1 grades may be extended directly (直接延期): summary of the 2020 text [J], Shanxi rules [H]`);
      return P(`Carried over from 2020 [J][H]; ${code} text not found`);
    case "directExtensionWindowMonths":
      return P(`How long before expiry a mine may ask: not found [H][J]; six months assumed, as for re-applying`);
    case "level1ShiftHeadcountCap":
      return S(`${doc} art. 5 [G] caps Level 1 by people underground per shift; 1,000 to check against [G]`);
    case "floor":
      return S(`${doc} art. 5 [G]: core elements ≥ 90/80, others ≥ 80/70; the core list to check against [G]`);
    case "threshold": {
      const level = Number(a);
      if (code === "2017") {
        if (level === 3) return S(`Level 3 total ≥ 70: summary of the 2020 text [J]; 2017 text not checked`);
        return S(`${doc} art. 5 [G], as summarised in rules-evidence.md`);
      }
      if (code === "2026") {
        if (level <= 2) return S(`Reported for the 2026 measures [B]; text not found`);
        return P(`Carried over from 2024; 2026 text not found`);
      }
      if (level === 1)
        return code === "2020" ? V(`${doc} arts. 1–4 [A]`) : S(`Same as 2020 [A] and 2026 [B]; 2024 text not found`);
      if (level === 2) return S(`Level 2 ≥ 80: 2026 report [B]; 2020-regime exam [C] leaves it blank`);
      return S(`Level 3 ≥ 70: summary of the 2020 text [J]`);
    }
    case "weight":
      if (code === "2017") return S(`2017 weights in another system's constants [M]`);
      return P(`Official ${code} weights not found; assumed values summing to 1`);
    case "veto": {
      if (code === "2020") return V(`${doc} arts. 1–4 [A]`);
      if (code === "2017") return P(`Carried from the 2020 text [A]; 2017 text not checked`);
      if (code === "2026") return P(`Carried over from 2024; 2026 text not found`);
      return S(`Same as 2020 [A]; 2024 text not found`);
    }
    default:
      return P(`No source recorded`);
  }
}

/** Source and status for every parameter of a shipped version. */
export function sourcesFor(rules: RuleSet): Record<string, ParameterSource> {
  return Object.fromEntries(parameterKeys(rules).map((k) => [k, sourceOf(rules.code, k)]));
}
