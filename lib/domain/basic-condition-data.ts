// The basic conditions (基本条件) of each shipped rule version: a mine that fails one cannot be graded
// (rules-evidence.md §3.3, sources [G] 2017 定级办法 art. 5, [I] Sichuan 2020 细则, [J] summary of the
// 2020 text; all third-party copies). The seed writes them to RuleBasicCondition, where an
// administrator corrects them; the applicant records each one, with evidence, on the application.
// No copy of any article's own wording was at hand: the texts below paraphrase what the sources are
// reported to require, so none is VERIFIED.
import type { BasicCondition } from "./rules";

type Row = [code: string, textZh: string, textEn: string, source: string, status: BasicCondition["status"]];

function conditions(list: Row[]): BasicCondition[] {
  return list.map(([code, textZh, textEn, source, status]) => ({ code, textZh, textEn, source, status }));
}

const LICENCES_ZH = "采矿许可证、安全生产许可证、营业执照等证照齐全有效";
const LICENCES_EN = "Mining licence, safety production licence and business licence held and valid";
const HIDDEN_ZH = "不存在未整改的重大事故隐患";
const HIDDEN_EN = "No major accident hidden danger (重大事故隐患) left uncorrected";
const MANAGERS_ZH = "矿长、副矿长、总工程师等主要负责人和安全生产管理人员经考核合格";
const MANAGERS_EN =
  "The mine manager, deputy managers, chief engineer and safety managers have passed the competence assessment";
const ORGANISATION_ZH = "按规定设置安全生产管理机构，配备专职安全生产管理人员";
const ORGANISATION_EN = "A safety management department set up and full-time safety managers appointed as required";

/** 2017 定级办法 art. 5 [G]. */
export const BASIC_CONDITIONS_2017 = conditions([
  [
    "LICENCES",
    LICENCES_ZH,
    LICENCES_EN,
    "煤安监行管〔2017〕5号 art. 5 [G]: 证照齐全有效 (third-party copy; wording not checked against the official text)",
    "SECONDARY",
  ],
  [
    "NO_MAJOR_HIDDEN_DANGER",
    HIDDEN_ZH,
    HIDDEN_EN,
    "煤安监行管〔2017〕5号 art. 5 [G]: no major accident hidden danger (third-party copy)",
    "SECONDARY",
  ],
  [
    "MANAGERS_QUALIFIED",
    MANAGERS_ZH,
    MANAGERS_EN,
    "煤安监行管〔2017〕5号 art. 5 [G]: managers' competence assessment (third-party copy; list of posts not checked)",
    "SECONDARY",
  ],
  [
    "SAFETY_ORGANISATION",
    ORGANISATION_ZH,
    ORGANISATION_EN,
    "Assumed from the 安全生产法 duty to set up a safety department; not found among the sources of rules-evidence.md",
    "PLACEHOLDER",
  ],
]);

/** 2020 定级办法: the same conditions, as the Sichuan 细则 [I] and the summary [J] apply them. */
export const BASIC_CONDITIONS_2020 = conditions([
  [
    "LICENCES",
    LICENCES_ZH,
    LICENCES_EN,
    "煤安监行管〔2020〕16号 as applied by the Sichuan 2020 细则 [I] and summarised [J]: 证照齐全有效",
    "SECONDARY",
  ],
  [
    "NO_MAJOR_HIDDEN_DANGER",
    HIDDEN_ZH,
    HIDDEN_EN,
    "Sichuan 2020 细则 [I]; Shanxi bars grading while a major hidden danger is open [H]",
    "SECONDARY",
  ],
  [
    "MANAGERS_QUALIFIED",
    MANAGERS_ZH,
    MANAGERS_EN,
    "Carried from 2017 art. 5 [G]; not found in the 2020 sources [I][J]",
    "PLACEHOLDER",
  ],
  [
    "SAFETY_ORGANISATION",
    ORGANISATION_ZH,
    ORGANISATION_EN,
    "Assumed from the 安全生产法 duty to set up a safety department; not found among the sources of rules-evidence.md",
    "PLACEHOLDER",
  ],
]);

/** 2024 and 2026: no text found; the 2020 conditions carried over, every one a placeholder. */
function carriedOver(from: BasicCondition[], version: string): BasicCondition[] {
  return from.map((c) => ({
    ...c,
    source: `Carried over from the 2020 conditions, ${version} text not found (${c.source})`,
    status: "PLACEHOLDER" as const,
  }));
}

export const BASIC_CONDITIONS_2024 = carriedOver(BASIC_CONDITIONS_2020, "2024");
export const BASIC_CONDITIONS_2026 = carriedOver(BASIC_CONDITIONS_2020, "2026");
