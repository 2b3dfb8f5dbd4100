import { describe, expect, it } from "vitest";
import { conditionProblems, unmetConditions } from "@/lib/domain/basic-conditions";
import { RULE_VERSIONS } from "@/lib/domain/rule-data";

const conditions = [{ code: "LICENCES" }, { code: "NO_MAJOR_HIDDEN_DANGER" }];
const met = (evidence = "证照在有效期内") => ({ met: true, evidence });

describe("conditionProblems", () => {
  it("passes when every condition is met with evidence", () => {
    expect(conditionProblems(conditions, { LICENCES: met(), NO_MAJOR_HIDDEN_DANGER: met() })).toEqual({});
  });

  it("names each condition not met, not answered or without evidence, by its form field", () => {
    expect(
      conditionProblems(conditions, {
        LICENCES: { met: false, evidence: "已过期" },
        NO_MAJOR_HIDDEN_DANGER: { met: null, evidence: "" },
      }),
    ).toEqual({
      "conditions.LICENCES.met": "conditionUnmet",
      "conditions.NO_MAJOR_HIDDEN_DANGER.met": "conditionMissing",
    });
    expect(conditionProblems(conditions, { LICENCES: met(" "), NO_MAJOR_HIDDEN_DANGER: met() })).toEqual({
      "conditions.LICENCES.evidence": "evidenceRequired",
    });
    expect(conditionProblems(conditions, {})).toEqual({
      "conditions.LICENCES.met": "conditionMissing",
      "conditions.NO_MAJOR_HIDDEN_DANGER.met": "conditionMissing",
    });
  });

  it("refuses an answer to a condition the version does not have", () => {
    expect(conditionProblems(conditions, { LICENCES: met(), NO_MAJOR_HIDDEN_DANGER: met(), INVENTED: met() })).toEqual({
      "conditions.INVENTED.met": "unknownCondition",
    });
  });
});

describe("unmetConditions", () => {
  it("lists the version's conditions the stored rows do not show as met", () => {
    expect(unmetConditions(conditions, [{ conditionCode: "LICENCES", met: true }])).toEqual(["NO_MAJOR_HIDDEN_DANGER"]);
    expect(
      unmetConditions(conditions, [
        { conditionCode: "LICENCES", met: false },
        { conditionCode: "NO_MAJOR_HIDDEN_DANGER", met: true },
      ]),
    ).toEqual(["LICENCES"]);
    expect(
      unmetConditions(conditions, [
        { conditionCode: "LICENCES", met: true },
        { conditionCode: "NO_MAJOR_HIDDEN_DANGER", met: true },
      ]),
    ).toEqual([]);
  });
});

describe("the shipped basic conditions", () => {
  it("every version has some, with unique codes, texts in both languages, a source, and none claimed verified", () => {
    for (const r of RULE_VERSIONS) {
      expect(r.basicConditions.length, r.code).toBeGreaterThan(0);
      expect(new Set(r.basicConditions.map((c) => c.code)).size).toBe(r.basicConditions.length);
      for (const c of r.basicConditions) {
        expect(c.code).toMatch(/^[A-Z0-9_]{1,32}$/);
        expect(c.textZh && c.textEn && c.source).toBeTruthy();
        // No copy of any article's own wording was at hand (basic-condition-data.ts).
        expect(c.status).not.toBe("VERIFIED");
      }
    }
  });
});
