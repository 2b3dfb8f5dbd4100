// A decision's evidence in sentences (issue 11, item 25): what the triggers store, read back in both
// languages, with no code (THRESHOLD_MISSED, BASIC, MANAGEMENT_SLIDE) left in the text.
import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { computeGrade } from "@/lib/domain/grading";
import { PARTS, RULE_2020 } from "@/lib/domain/rule-data";
import { elementsFor } from "@/lib/domain/rules";
import { accidentTrigger, hiddenDangerTrigger, managementSlideTrigger, stoppedTrigger } from "@/lib/domain/triggers";
import { displayFormat } from "@/lib/i18n/format";
import { evidenceSentences, type Translate } from "@/lib/i18n/grade-sentences";
import { MESSAGES } from "@/lib/i18n/messages";
import { pickName } from "@/lib/i18n/pick";

type Locale = keyof typeof MESSAGES;

function render(locale: Locale, evidence: unknown): string[] {
  const f = displayFormat(
    createFormatter({ locale, timeZone: "Asia/Shanghai" }),
    createTranslator({ locale, messages: MESSAGES[locale], namespace: "grade" }),
  );
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "managerView" }) as unknown as Translate;
  const td = createTranslator({ locale, messages: MESSAGES[locale], namespace: "decisions" }) as unknown as Translate;
  return evidenceSentences(evidence, td, {
    t,
    f,
    partName: (code) => {
      const p = PARTS.find((x) => x.code === code);
      return p ? pickName(locale, p.nameZh, p.nameEn) : code;
    },
    listSeparator: locale === "en" ? ", " : "、",
  });
}

const grade = { id: 7, level: 1 as const, announcedOn: "2025-01-10", validUntil: "2028-01-10" };
const place = { provinceCode: "34", grantedLevels: [1, 2, 3] as const };
const CODES = /THRESHOLD_|PART_NOT|VETO|BASIC|DISASTER|PROFESSIONAL|MANAGEMENT_SLIDE|[{}]|undefined|NaN/;

/** The evidence a management slide stores: a Level 1 mine whose spot-check scores only reach Level 2. */
function slideEvidence() {
  const scores = Object.fromEntries(
    elementsFor(RULE_2020, "UNDERGROUND").map((e) => [e.code, e.partCode === "BASIC" ? 84 : 92]),
  );
  const result = computeGrade({ rules: RULE_2020, mineType: "UNDERGROUND", scores, asOf: "2026-12-06" });
  const proposal = managementSlideTrigger(grade, { id: 41, checkedOn: "2026-12-06" }, result, place);
  expect(proposal).not.toBeNull();
  return proposal!.evidence;
}

describe("decision evidence as sentences", () => {
  it("tells a management slide: the spot-check, its part scores, the level they reach and the floor missed", () => {
    const en = render("en", slideEvidence());
    expect(en[0]).toMatch(/^Spot-check of 12\/06\/2026: total \d+\.\d\.$/);
    expect(en.join(" ")).toContain("Basic safety management 84.0");
    expect(en).toContain("Its scores reach Level 2.");
    expect(en.join(" ")).toMatch(/Level 1: Basic safety management 84\.0 is below the minimum of 85\.0/);
    const zh = render("zh-CN", slideEvidence());
    expect(zh[0]).toMatch(/^2026\/12\/06 抽查，总分 \d+\.\d。$/);
    expect(zh).toContain("评分对应二级。");
    expect(zh.join("")).toContain("一级：安全基础管理 84.0 分，低于最低 85.0 分的要求");
    for (const s of [...en, ...zh]) expect(s).not.toMatch(CODES);
  });

  it("tells a fatal accident, a hidden-danger count and a stoppage", () => {
    const accident = accidentTrigger(RULE_2020, grade, { id: 3, occurredOn: "2026-03-02", deaths: 2 }, place)!.evidence;
    expect(render("en", accident)).toEqual(["Fatal accident on 03/02/2026: 2 deaths."]);
    expect(render("zh-CN", accident)).toEqual(["2026/03/02 发生死亡事故，死亡 2 人。"]);

    const dangers = hiddenDangerTrigger(
      RULE_2020,
      grade,
      [
        { foundOn: "2026-10-01", source: "REGULATOR" },
        { foundOn: "2026-11-01", source: "REGULATOR" },
        { foundOn: "2026-11-02", source: "SELF_REPORTED" },
      ],
      "2026-12-06",
      place,
    )!.evidence;
    expect(render("en", dangers)).toEqual([
      "In the 6 months to 12/06/2026, regulators found 2 major hidden dangers and the mine reported 1 itself.",
    ]);

    const stopped = stoppedTrigger(
      RULE_2020,
      grade,
      [{ status: "STOPPED", startedOn: "2026-01-01", endedOn: null }],
      "2026-12-06",
      place,
    )!.evidence;
    expect(render("en", stopped)).toEqual(["Production stopped since 01/01/2026 (339 days); the limit is 6 months."]);
    expect(render("zh-CN", stopped)).toEqual(["自 2026/01/01 起停产（339 天），上限为 6 个月。"]);
  });

  it("reads the older shapes the seed and imports stored, and a note", () => {
    expect(render("en", { windowMonths: 6, regulator: 3, selfReported: 0, hiddenDangerIds: [1, 2, 3] })).toEqual([
      "In the last 6 months, regulators found 3 major hidden dangers and the mine reported 0 itself.",
    ]);
    expect(render("en", { spotCheckId: 12, checkedOn: "2018-03-18" })).toEqual(["Spot-check of 03/18/2018."]);
    expect(render("en", { stoppedSince: "2019-02-01", monthsLimit: 6 })).toEqual([
      "Production stopped since 02/01/2019; the limit is 6 months.",
    ]);
    expect(render("zh-CN", { note: "申报材料弄虚作假。" })).toEqual(["备注：申报材料弄虚作假。"]);
  });

  it("leaves out what it cannot read rather than showing it raw", () => {
    expect(render("en", null)).toEqual([]);
    expect(render("en", "THRESHOLD_MISSED")).toEqual([]);
    expect(render("en", { checkedOn: "not a date", missed: "BASIC", deaths: -1, regulator: "x" })).toEqual([]);
  });
});
