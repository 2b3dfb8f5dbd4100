// The 2017 measures grade on element floors (article 5 [G], rules-evidence.md): Level 1 needs a total
// ≥ 90 with the core elements ≥ 90 and the others ≥ 80; Level 2 a total ≥ 80 with core ≥ 80, others ≥ 70.
import { describe, expect, it } from "vitest";
import { computeGrade } from "@/lib/domain/grading";
import { RULE_2017 } from "@/lib/domain/rule-data";
import { elementsFor, type MineType } from "@/lib/domain/rules";

function sheet(mineType: MineType, base: number, overrides: Record<string, number | null> = {}) {
  const scores: Record<string, number | null> = {};
  for (const e of elementsFor(RULE_2017, mineType)) scores[e.code] = base;
  return { ...scores, ...overrides };
}

const grade = (mineType: MineType, scores: Record<string, number | null>) =>
  computeGrade({ rules: RULE_2017, mineType, scores, asOf: "2018-01-01" });

describe("2017 element floors", () => {
  it("a core element at exactly 90 keeps Level 1; at 89.99 it drops to Level 2", () => {
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 95, { E07: 90 })).level).toBe(1);
    const missed = grade("UNDERGROUND", sheet("UNDERGROUND", 95, { E07: 89.99 }));
    expect(missed.level).toBe(2);
    expect(missed.reasons).toContainEqual({
      code: "THRESHOLD_MISSED",
      level: 1,
      partCode: null,
      elementCode: "E07",
      score: 89.99,
      required: 90,
    });
  });

  it("another element at exactly 80 keeps Level 1; at 79.5 it drops to Level 2", () => {
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 95, { E14: 80 })).level).toBe(1);
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 95, { E14: 79.5 })).level).toBe(2);
  });

  it("Level 2: core at 80 passes, 79.99 falls to Level 3; others at 70 pass, 69.99 fall", () => {
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 85, { E09: 80 })).level).toBe(2);
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 85, { E09: 79.99 })).level).toBe(3);
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 85, { E13: 70 })).level).toBe(2);
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 85, { E13: 69.99 })).level).toBe(3);
  });

  it("Level 3 depends on the total only", () => {
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 76, { E07: 50 })).level).toBe(3);
  });

  it("a high total does not make up for a low core element", () => {
    const r = grade("UNDERGROUND", sheet("UNDERGROUND", 100, { E05: 85 }));
    expect(r.total).toBeGreaterThanOrEqual(90);
    expect(r.level).toBe(2);
  });

  it("an element marked not applicable is not checked against its floor", () => {
    expect(grade("UNDERGROUND", sheet("UNDERGROUND", 95, { E12: null })).level).toBe(1);
  });

  it("applies the open-pit core elements to an open-pit mine and ignores underground-only floors", () => {
    expect(grade("OPEN_PIT", sheet("OPEN_PIT", 95)).level).toBe(1);
    expect(grade("OPEN_PIT", sheet("OPEN_PIT", 95, { P07: 89.5 })).level).toBe(2);
    expect(grade("OPEN_PIT", sheet("OPEN_PIT", 95, { E13: 80 })).level).toBe(1);
  });
});
