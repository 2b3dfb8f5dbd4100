// "Why this grade" names the source of the rule that decided and marks the placeholders that decide it.
import { describe, expect, it } from "vitest";
import { explainGrade } from "@/lib/domain/explain";
import { RULE_2017, RULE_2020 } from "@/lib/domain/rule-data";
import { elementsFor, type RuleSet } from "@/lib/domain/rules";

const NO_FACTS = { accidents: [], failedLevel1AssessmentsOn: [], decisionsOn: [] };
const sheet = (rules: RuleSet, base: number, overrides: Record<string, number> = {}) => ({
  ...Object.fromEntries(elementsFor(rules, "UNDERGROUND").map((e) => [e.code, base])),
  ...overrides,
});

describe("the source of the deciding rule", () => {
  it("names the 2020 document and article for a Level 1 reached, and the placeholder weights", () => {
    const x = explainGrade(RULE_2020, "UNDERGROUND", sheet(RULE_2020, 95), "2021-01-01", NO_FACTS);
    expect(x.decidedBy).toEqual({ code: "LEVEL_REACHED", level: 1 });
    expect(x.decidedBySource).toMatchObject({
      key: "threshold:1:TOTAL",
      documentNo: "煤安监行管〔2020〕16号",
      status: "VERIFIED",
    });
    expect(x.decidedBySource?.source).toContain("[A]");
    expect(x.decidingPlaceholders.map((p) => p.key)).toEqual(["weights"]);
  });

  it("names the 2017 element floor that kept a mine out of Level 1, and no placeholder weights", () => {
    const x = explainGrade(RULE_2017, "UNDERGROUND", sheet(RULE_2017, 95, { E07: 88 }), "2018-01-01", NO_FACTS);
    expect(x.result.level).toBe(2);
    expect(x.decidedBy).toMatchObject({ code: "THRESHOLD_MISSED", elementCode: "E07", required: 90 });
    expect(x.decidedBySource).toMatchObject({ key: "floor:1:E07", status: "SECONDARY" });
    expect(x.toReachAbove).toEqual([{ partCode: null, elementCode: "E07", score: 88, required: 90, shortBy: 2 }]);
    expect(x.decidingPlaceholders.some((p) => p.key === "weights")).toBe(false);
    // Element floors are not total floors.
    expect(x.total.floors.every((f) => [90, 80, 70].includes(f.required))).toBe(true);
    expect(x.total.floors).toHaveLength(3);
  });

  it("gives the status of a secondary floor, and marks a placeholder veto that decides", () => {
    const x = explainGrade(RULE_2017, "UNDERGROUND", sheet(RULE_2017, 75), "2018-01-01", NO_FACTS);
    expect(x.result.level).toBe(3);
    expect(x.decidedBySource?.status).toBe("SECONDARY");
    const placeholderVeto = explainGrade(RULE_2017, "UNDERGROUND", sheet(RULE_2017, 95), "2018-01-01", {
      ...NO_FACTS,
      decisionsOn: ["2017-10-01"],
    });
    expect(placeholderVeto.decidedBy).toMatchObject({ code: "VETO", kind: "RECENT_DECISION" });
    expect(placeholderVeto.decidingPlaceholders.map((p) => p.key)).toContain("veto:1:RECENT_DECISION");
  });
});
