import { describe, expect, it } from "vitest";
import { consequenceOf, grantedAtOrBelow, type ConsequencePlace } from "@/lib/domain/consequences";
import { computeGrade, type ElementInput } from "@/lib/domain/grading";
import { RULE_2017, RULE_2020, RULE_2024, RULE_VERSIONS } from "@/lib/domain/rule-data";
import { elementsFor, type ConsequenceTrigger, type Level, type RuleSet } from "@/lib/domain/rules";
import { accidentTrigger, hiddenDangerTrigger, managementSlideTrigger, stoppedTrigger } from "@/lib/domain/triggers";

const ALL: readonly Level[] = [1, 2, 3];
const ANHUI: ConsequencePlace = { provinceCode: "34", grantedLevels: ALL };
/** Shanxi grants Levels 1 and 2 only (rules-evidence.md [H]). */
const SHANXI: ConsequencePlace = { provinceCode: "14", grantedLevels: [1, 2] };

type Expected = [
  rules: RuleSet,
  place: ConsequencePlace,
  from: Level,
  trigger: ConsequenceTrigger,
  to: Level | null,
  status: string,
];

// Every shipped row, restated from rules-evidence.md (and the lead's summary where the evidence is silent),
// with the province in which it applies. A revocation is toLevel null.
const LARGER: ConsequenceTrigger[] = ["LARGER_ACCIDENT", "MAJOR_ACCIDENT", "EXTRAORDINARY_ACCIDENT"];
const EXPECTED: Expected[] = [
  [RULE_2017, ANHUI, 1, "ORDINARY_ACCIDENT", 3, "PLACEHOLDER"],
  [RULE_2017, ANHUI, 2, "ORDINARY_ACCIDENT", 3, "SECONDARY"],
  [RULE_2017, ANHUI, 3, "ORDINARY_ACCIDENT", null, "PLACEHOLDER"],
  [RULE_2020, ANHUI, 1, "ORDINARY_ACCIDENT", 3, "VERIFIED"],
  [RULE_2020, SHANXI, 1, "ORDINARY_ACCIDENT", null, "VERIFIED"],
  [RULE_2020, ANHUI, 2, "ORDINARY_ACCIDENT", 3, "SECONDARY"],
  [RULE_2020, ANHUI, 3, "ORDINARY_ACCIDENT", null, "PLACEHOLDER"],
  [RULE_2024, ANHUI, 1, "ORDINARY_ACCIDENT", 2, "PLACEHOLDER"],
  [RULE_2024, SHANXI, 1, "ORDINARY_ACCIDENT", 2, "PLACEHOLDER"],
  [RULE_2024, ANHUI, 2, "ORDINARY_ACCIDENT", 3, "SECONDARY"],
  [RULE_2024, ANHUI, 3, "ORDINARY_ACCIDENT", null, "PLACEHOLDER"],
  ...[RULE_2017, RULE_2020, RULE_2024].flatMap((r) => [
    ...LARGER.flatMap((t) => ALL.map((l): Expected => [r, ANHUI, l, t, null, "SECONDARY"])),
    [r, ANHUI, 1, "HIDDEN_DANGERS", 2, "SECONDARY"] as Expected,
    [r, ANHUI, 2, "HIDDEN_DANGERS", 3, "SECONDARY"] as Expected,
    [r, ANHUI, 3, "HIDDEN_DANGERS", null, "SECONDARY"] as Expected,
    ...ALL.map((l): Expected => [r, ANHUI, l, "PRODUCTION_STOPPED", null, "SECONDARY"]),
  ]),
];

describe("the consequence table of each shipped rule version", () => {
  for (const [rules, place, from, trigger, to, status] of EXPECTED) {
    it(`${rules.code}, province ${place.provinceCode}: Level ${from} after ${trigger} → ${to === null ? "revoked" : `Level ${to}`} (${status})`, () => {
      const c = consequenceOf(rules, place, from, trigger);
      expect(c).toMatchObject({ toLevel: to, status, notGranted: null });
      expect(c?.source.length).toBeGreaterThan(10);
      // Accident decisions take effect from the accident date [D]; the others from the decision.
      expect(c?.effectiveFromEvent).toBe(trigger.endsWith("_ACCIDENT"));
    });
  }

  it("covers every row of every version, and every (level, trigger) has a national row", () => {
    // One expectation (Shanxi 2024) reads the national row: Shanxi has a row of its own only for 2020.
    expect(RULE_VERSIONS.filter((r) => r.code !== "2026").flatMap((r) => r.consequences)).toHaveLength(
      EXPECTED.length - 1,
    );
    // 2026: no source found, so the 2024 rows carried over, each marked as a placeholder.
    const v2024 = RULE_VERSIONS.find((r) => r.code === "2024")!;
    const v2026 = RULE_VERSIONS.find((r) => r.code === "2026")!;
    const rule = (c: (typeof v2024.consequences)[number]) =>
      [c.provinceCode, c.fromLevel, c.trigger, c.toLevel].join(":");
    expect(v2026.consequences.map(rule)).toEqual(v2024.consequences.map(rule));
    expect(v2026.consequences.every((c) => c.status === "PLACEHOLDER")).toBe(true);
    for (const r of RULE_VERSIONS) {
      const national = r.consequences.filter((c) => c.provinceCode === "");
      expect(national).toHaveLength(3 * 6);
      expect(new Set(national.map((c) => `${c.fromLevel}:${c.trigger}`)).size).toBe(18);
      for (const c of r.consequences) expect(c.toLevel === null || c.toLevel > c.fromLevel).toBe(true);
    }
  });
});

describe("consequenceOf", () => {
  it("a province's own row replaces the national one there only", () => {
    expect(consequenceOf(RULE_2020, { provinceCode: "14", grantedLevels: ALL }, 1, "ORDINARY_ACCIDENT")).toMatchObject({
      toLevel: null,
      provinceCode: "14",
    });
    expect(consequenceOf(RULE_2020, ANHUI, 1, "ORDINARY_ACCIDENT")).toMatchObject({ toLevel: 3, provinceCode: "" });
  });

  it("a level the province does not grant becomes the next worse one it grants, or revocation", () => {
    expect(consequenceOf(RULE_2020, SHANXI, 2, "ORDINARY_ACCIDENT")).toMatchObject({ toLevel: null, notGranted: 3 });
    expect(consequenceOf(RULE_2024, SHANXI, 2, "HIDDEN_DANGERS")).toMatchObject({ toLevel: null, notGranted: 3 });
    const levels13: ConsequencePlace = { provinceCode: "99", grantedLevels: [1, 3] };
    expect(consequenceOf(RULE_2024, levels13, 1, "ORDINARY_ACCIDENT")).toMatchObject({ toLevel: 3, notGranted: 2 });
  });

  it("no row: null", () => {
    const empty: RuleSet = { ...RULE_2020, consequences: [] };
    expect(consequenceOf(empty, ANHUI, 1, "ORDINARY_ACCIDENT")).toBeNull();
  });

  it("grantedAtOrBelow", () => {
    expect(grantedAtOrBelow(2, [1, 2, 3])).toBe(2);
    expect(grantedAtOrBelow(2, [1, 3])).toBe(3);
    expect(grantedAtOrBelow(3, [1, 2])).toBeNull();
  });
});

describe("the triggers read the table", () => {
  const grade = (level: Level) => ({ id: 9, level, announcedOn: "2022-03-01", validUntil: "2025-03-01" });

  it("accident: the table's level, in the province, effective from the accident date", () => {
    const acc = { id: 4, occurredOn: "2023-06-02", deaths: 1 };
    expect(accidentTrigger(RULE_2020, grade(1), acc, ANHUI)).toMatchObject({ toLevel: 3, effectiveOn: "2023-06-02" });
    expect(accidentTrigger(RULE_2020, grade(1), acc, SHANXI)).toMatchObject({
      type: "REVOCATION",
      toLevel: null,
      effectiveOn: "2023-06-02",
    });
    expect(accidentTrigger(RULE_2024, grade(1), acc, SHANXI)).toMatchObject({ type: "DOWNGRADE", toLevel: 2 });
    expect(accidentTrigger(RULE_2020, grade(2), acc, SHANXI)).toMatchObject({
      type: "REVOCATION",
      evidence: { consequence: { notGranted: 3 } },
    });
    expect(accidentTrigger({ ...RULE_2020, consequences: [] }, grade(1), acc, ANHUI)).toBeNull();
  });

  it("a changed table changes the proposal: nothing is fixed in code", () => {
    const custom: RuleSet = {
      ...RULE_2020,
      consequences: [
        {
          provinceCode: "",
          fromLevel: 1,
          trigger: "ORDINARY_ACCIDENT",
          toLevel: 2,
          effectiveFromEvent: false,
          source: "test",
          status: "PLACEHOLDER",
        },
        {
          provinceCode: "",
          fromLevel: 2,
          trigger: "PRODUCTION_STOPPED",
          toLevel: 3,
          effectiveFromEvent: true,
          source: "test",
          status: "PLACEHOLDER",
        },
      ],
    };
    expect(accidentTrigger(custom, grade(1), { id: 1, occurredOn: "2023-06-02", deaths: 2 }, ANHUI)).toMatchObject({
      toLevel: 2,
      effectiveOn: null,
    });
    const stopped = [{ status: "STOPPED" as const, startedOn: "2023-01-10", endedOn: null }];
    expect(stoppedTrigger(custom, grade(2), stopped, "2023-08-01", ANHUI)).toMatchObject({
      type: "DOWNGRADE",
      toLevel: 3,
      effectiveOn: "2023-07-11",
    });
  });

  it("hidden dangers in a province without Level 3: Level 2 is revoked", () => {
    const dangers = [{ foundOn: "2023-05-01", source: "REGULATOR" as const }];
    expect(hiddenDangerTrigger(RULE_2020, grade(2), dangers, "2023-06-01", SHANXI)).toMatchObject({
      type: "REVOCATION",
      toLevel: null,
    });
    expect(hiddenDangerTrigger(RULE_2020, grade(2), dangers, "2023-06-01", ANHUI)).toMatchObject({ toLevel: 3 });
  });

  it("management slide to a level the province does not grant: revoked", () => {
    const scores: Record<string, ElementInput> = {};
    for (const e of elementsFor(RULE_2020, "UNDERGROUND")) scores[e.code] = 75;
    const result = computeGrade({ rules: RULE_2020, mineType: "UNDERGROUND", scores, asOf: "2023-06-01" });
    expect(result.level).toBe(3);
    const check = { id: 5, checkedOn: "2023-06-01" };
    expect(managementSlideTrigger(grade(1), check, result, ANHUI)).toMatchObject({ toLevel: 3, effectiveOn: null });
    expect(managementSlideTrigger(grade(1), check, result, SHANXI)).toMatchObject({
      type: "REVOCATION",
      toLevel: null,
    });
  });
});
