import { describe, expect, it } from "vitest";
import { conditionProblems, unmetConditions } from "@/lib/domain/basic-conditions";
import { RULE_VERSIONS } from "@/lib/domain/rule-data";
import { conditionsFromForm } from "@/lib/validation/application";

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

describe("conditionsFromForm", () => {
  it("reads each condition's answer and evidence, and never lets a field name reach Object.prototype", () => {
    const form = new FormData();
    form.append("conditions.LICENCES.met", "yes");
    form.append("conditions.LICENCES.evidence", "采矿许可证有效");
    form.append("conditions.NO_MAJOR_HIDDEN_DANGER.met", "no");
    form.append("conditions.MANAGERS_QUALIFIED.met", "maybe");
    form.append("conditions.__proto__.met", "yes");
    form.append("conditions.__proto__.evidence", "x");
    form.append("conditions.constructor.met", "yes");
    form.append("conditions.a.b.met", "yes");
    const read = conditionsFromForm(form);
    expect(read).toEqual({
      LICENCES: { met: true, evidence: "采矿许可证有效" },
      NO_MAJOR_HIDDEN_DANGER: { met: false, evidence: "" },
      MANAGERS_QUALIFIED: { met: null, evidence: "" },
    });
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).met).toBeUndefined();
    expect(({} as Record<string, unknown>).evidence).toBeUndefined();
  });
});
