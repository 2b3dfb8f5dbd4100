import { describe, expect, it } from "vitest";
import {
  PART_BASIC,
  PART_DISASTER,
  PART_PROFESSIONAL,
  RULE_2017,
  RULE_2020,
  RULE_2024,
  RULE_2026,
  RULE_VERSIONS,
  ruleVersionOn,
} from "@/lib/domain/rule-data";
import { parameterKeys } from "@/lib/domain/rule-sources";
import { accidentClass, elementsFor, LEVELS, type MineType } from "@/lib/domain/rules";

/** The versions graded on part floors (2017 grades on element floors, article 5 [G] in rules-evidence.md). */
const PART_FLOOR_VERSIONS = RULE_VERSIONS.filter((r) => r.code !== "2017");

const MINE_TYPES: readonly MineType[] = ["UNDERGROUND", "OPEN_PIT"];
const CASES = RULE_VERSIONS.flatMap((rules) => MINE_TYPES.map((mineType) => ({ rules, mineType })));
const codes = (rules = RULE_2020, mineType: MineType = "UNDERGROUND") =>
  elementsFor(rules, mineType).map((e) => e.code);

describe("shipped rule versions", () => {
  it("are 2017, 2020, 2024 and 2026, in effective order, with unique codes", () => {
    expect(RULE_VERSIONS.map((r) => r.code)).toEqual(["2017", "2020", "2024", "2026"]);
    const dates = RULE_VERSIONS.map((r) => r.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
    expect(RULE_2020.effectiveFrom).toBe("2020-07-01");
    // rules-evidence.md: 2017-07-01 [E][F]; the 2024 documents were issued 2024-10-16 [B]; 2026 in force on issue [B].
    expect(RULE_2017.effectiveFrom).toBe("2017-07-01");
    expect(RULE_2024.effectiveFrom).toBe("2024-10-16");
    expect(RULE_2026.effectiveFrom).toBe("2026-06-27");
    for (const r of RULE_VERSIONS) expect(r.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("label their weights as placeholders, except 2017's, which a source gives [M]", () => {
    for (const r of RULE_VERSIONS) expect(r.placeholderWeights).toBe(r.code !== "2017");
  });

  it("give every parameter a source and a status", () => {
    for (const r of RULE_VERSIONS) {
      for (const key of parameterKeys(r)) {
        const s = r.sources?.[key];
        expect(s?.source.length ?? 0, `${r.code} ${key}`).toBeGreaterThan(0);
        expect(["VERIFIED", "SECONDARY", "PLACEHOLDER"], `${r.code} ${key}`).toContain(s?.status);
      }
      expect(Object.keys(r.sources ?? {}).sort()).toEqual([...parameterKeys(r)].sort());
    }
  });

  it("mark every weight after 2017 as a placeholder and the 2017 weights as secondary", () => {
    for (const r of RULE_VERSIONS)
      for (const e of r.elements)
        expect(r.sources?.[`weight:${e.mineType}:${e.code}`]?.status).toBe(
          r.code === "2017" ? "SECONDARY" : "PLACEHOLDER",
        );
  });

  it("2024 requires a grade to produce; earlier versions do not", () => {
    expect(RULE_2024.gradeRequiredToProduce).toBe(true);
    expect(RULE_2020.gradeRequiredToProduce).toBe(false);
    expect(RULE_2017.gradeRequiredToProduce).toBe(false);
  });

  it("have unique part codes: basic, disaster, professional", () => {
    for (const r of RULE_VERSIONS) {
      expect(r.parts.map((p) => p.code)).toEqual([PART_BASIC, PART_DISASTER, PART_PROFESSIONAL]);
    }
  });
});

describe.each(CASES)("$rules.code $mineType", ({ rules, mineType }) => {
  const elements = elementsFor(rules, mineType);
  const partCodes = rules.parts.map((p) => p.code);

  it("has elements", () => {
    expect(elements.length).toBeGreaterThan(0);
  });

  it("weights sum to 1 (within 1e-9) and are positive", () => {
    const sum = elements.reduce((acc, e) => acc + e.weight, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    for (const e of elements) expect(e.weight).toBeGreaterThan(0);
  });

  it("element codes are unique", () => {
    expect(new Set(elements.map((e) => e.code)).size).toBe(elements.length);
  });

  it("every element's partCode is a defined part", () => {
    for (const e of elements) expect(partCodes, e.code).toContain(e.partCode);
  });

  it("every part has at least one element", () => {
    for (const p of partCodes)
      expect(
        elements.some((e) => e.partCode === p),
        p,
      ).toBe(true);
  });

  it("every element has Chinese and English names", () => {
    for (const e of elements) {
      expect(e.nameZh.length, e.code).toBeGreaterThan(0);
      expect(e.nameEn.length, e.code).toBeGreaterThan(0);
    }
  });
});

describe.each(PART_FLOOR_VERSIONS)("thresholds of $code", (rules) => {
  it("exist for levels 1–3 on the total and every part, once each", () => {
    for (const level of LEVELS) {
      for (const partCode of [null, ...rules.parts.map((p) => p.code)]) {
        const found = rules.thresholds.filter((t) => t.level === level && t.partCode === partCode);
        expect(found, `level ${level} ${partCode ?? "total"}`).toHaveLength(1);
      }
    }
  });
});

describe.each(RULE_VERSIONS)("thresholds and vetoes of $code", (rules) => {
  it("refer only to defined parts, with scores within 0–100", () => {
    const partCodes = rules.parts.map((p) => p.code);
    for (const t of rules.thresholds) {
      if (t.partCode !== null) expect(partCodes).toContain(t.partCode);
      expect(t.minScore).toBeGreaterThanOrEqual(0);
      expect(t.minScore).toBeLessThanOrEqual(100);
    }
  });

  it("are no easier for a better level (Level n total ≥ Level n+1 total)", () => {
    const total = (level: number) =>
      rules.thresholds.find((t) => t.level === level && t.partCode === null && !t.elementCode)?.minScore;
    expect(total(1)).toBeGreaterThanOrEqual(total(2) ?? Number.NaN);
    expect(total(2)).toBeGreaterThanOrEqual(total(3) ?? Number.NaN);
  });
});

describe.each(PART_FLOOR_VERSIONS)("part floors of $code", (rules) => {
  it("are no easier for a better level (Level n floor ≥ Level n+1 floor)", () => {
    const min = (level: number, partCode: string | null) =>
      rules.thresholds.find((t) => t.level === level && t.partCode === partCode)?.minScore ?? Number.NaN;
    for (const partCode of [null, ...rules.parts.map((p) => p.code)]) {
      expect(min(1, partCode)).toBeGreaterThanOrEqual(min(2, partCode));
      expect(min(2, partCode)).toBeGreaterThanOrEqual(min(3, partCode));
    }
  });

  it("match domain.md: Level 1 total/disaster/professional 90, basic 85; Level 2 all 80; Level 3 all 70", () => {
    const table = Object.fromEntries(rules.thresholds.map((t) => [`${t.level}:${t.partCode ?? "TOTAL"}`, t.minScore]));
    expect(table).toEqual({
      "1:TOTAL": 90,
      [`1:${PART_DISASTER}`]: 90,
      [`1:${PART_PROFESSIONAL}`]: 90,
      [`1:${PART_BASIC}`]: 85,
      "2:TOTAL": 80,
      [`2:${PART_BASIC}`]: 80,
      [`2:${PART_DISASTER}`]: 80,
      [`2:${PART_PROFESSIONAL}`]: 80,
      "3:TOTAL": 70,
      [`3:${PART_BASIC}`]: 70,
      [`3:${PART_DISASTER}`]: 70,
      [`3:${PART_PROFESSIONAL}`]: 70,
    });
  });
});

describe.each(RULE_VERSIONS)("vetoes and procedure of $code", (rules) => {
  it("veto Level 1 only: accidents 12/24/24/36 months by class, failed assessment and decision 12 months", () => {
    expect(rules.vetoes).toEqual([
      { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "ORDINARY", windowMonths: 12 },
      { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "LARGER", windowMonths: 24 },
      { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "MAJOR", windowMonths: 24 },
      { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "EXTRAORDINARY", windowMonths: 36 },
      { level: 1, kind: "FAILED_ASSESSMENT", accidentClass: null, windowMonths: 12 },
      { level: 1, kind: "RECENT_DECISION", accidentClass: null, windowMonths: 12 },
    ]);
  });

  it("have positive whole-month windows; only accident vetoes carry a class", () => {
    for (const v of rules.vetoes) {
      expect(Number.isInteger(v.windowMonths) && v.windowMonths > 0).toBe(true);
      expect(v.accidentClass === null).toBe(v.kind !== "FATAL_ACCIDENT");
    }
  });

  it("have the procedural parameters of domain.md", () => {
    expect(rules.validityYears).toBe(3);
    expect(rules.publicNoticeDays).toBe(5);
    expect(rules.hiddenDangerWindowMonths).toBe(6);
    expect(rules.stoppedMonthsLimit).toBe(6);
  });
});

describe("2020 element sets", () => {
  it("underground 2020 has 15 elements E01–E15", () => {
    expect(codes(RULE_2020, "UNDERGROUND")).toEqual(
      Array.from({ length: 15 }, (_, i) => `E${String(i + 1).padStart(2, "0")}`),
    );
  });

  it("underground 2020 maps parts as domain.md: basic 1–6 and 15, disaster 7–8, professional 9–14", () => {
    const byPart = (p: string) =>
      elementsFor(RULE_2020, "UNDERGROUND")
        .filter((e) => e.partCode === p)
        .map((e) => e.code);
    expect(byPart(PART_BASIC)).toEqual(["E01", "E02", "E03", "E04", "E05", "E06", "E15"]);
    expect(byPart(PART_DISASTER)).toEqual(["E07", "E08"]);
    expect(byPart(PART_PROFESSIONAL)).toEqual(["E09", "E10", "E11", "E12", "E13", "E14"]);
  });

  it("underground 2020 placeholder weights follow domain.md's example", () => {
    const w = Object.fromEntries(elementsFor(RULE_2020, "UNDERGROUND").map((e) => [e.code, e.weight]));
    expect(w.E07).toBe(0.14);
    expect(w.E08).toBe(0.1);
    expect(w.E05).toBe(0.09);
    expect(w.E06).toBe(0.09);
    for (const c of ["E09", "E10", "E11", "E12"]) expect(w[c]).toBe(0.07);
    expect(w.E13).toBe(0.06);
    expect(w.E14).toBe(0.06);
  });

  it("open-pit 2020 has none of E07–E14, keeps E01–E06 and E15, and has the eight open-pit elements", () => {
    const op = codes(RULE_2020, "OPEN_PIT");
    for (const c of ["E07", "E08", "E09", "E10", "E11", "E12", "E13", "E14"]) expect(op).not.toContain(c);
    expect(op).toEqual([
      "E01",
      "E02",
      "E03",
      "E04",
      "E05",
      "E06",
      "P01",
      "P02",
      "P03",
      "P04",
      "P05",
      "P06",
      "P07",
      "P08",
      "E15",
    ]);
  });

  it("open-pit slopes and dewatering are major disaster prevention", () => {
    const disaster = elementsFor(RULE_2020, "OPEN_PIT")
      .filter((e) => e.partCode === PART_DISASTER)
      .map((e) => e.code);
    expect(disaster).toEqual(["P07", "P08"]);
  });

  it("2024 and 2026 keep the 2020 element sets", () => {
    expect(RULE_2024.elements).toEqual(RULE_2020.elements);
    expect(RULE_2026.elements).toEqual(RULE_2020.elements);
  });

  it("2017 open-pit weights are [M]'s, with occupational health and dispatch", () => {
    const w = Object.fromEntries(elementsFor(RULE_2017, "OPEN_PIT").map((e) => [e.code, e.weight]));
    expect(w).toEqual({
      E04: 0.04,
      E05: 0.1,
      E06: 0.1,
      P01: 0.05,
      P02: 0.11,
      P03: 0.11,
      P04: 0.12,
      P05: 0.09,
      P06: 0.09,
      P07: 0.05,
      P08: 0.05,
      E13: 0.04,
      E14: 0.05,
    });
  });

  it("2017 grades on element floors: core ≥ 90 / 80, others ≥ 80 / 70, Level 3 on the total [G]", () => {
    const floor = (level: number, code: string) =>
      RULE_2017.thresholds.find((t) => t.level === level && t.elementCode === code)?.minScore;
    expect(floor(1, "E07")).toBe(90);
    expect(floor(2, "E07")).toBe(80);
    expect(floor(1, "E14")).toBe(80);
    expect(floor(2, "E14")).toBe(70);
    expect(RULE_2017.thresholds.filter((t) => t.level === 3)).toEqual([{ level: 3, partCode: null, minScore: 70 }]);
    expect(RULE_2017.thresholds.some((t) => t.partCode !== null)).toBe(false);
    expect(RULE_2017.level1ShiftHeadcountCap).toBe(1000);
  });

  it("2017 has no management-system elements (E01–E03, E15)", () => {
    for (const c of ["E01", "E02", "E03", "E15"]) expect(codes(RULE_2017, "UNDERGROUND")).not.toContain(c);
  });
});

describe("ruleVersionOn", () => {
  it.each([
    ["2016-12-31", "2017"], // before the first version: the first one
    ["2017-07-01", "2017"],
    ["2020-06-30", "2017"],
    ["2020-07-01", "2020"],
    ["2024-10-15", "2020"], // the 2024 revision was issued 2024-10-16 [B]
    ["2024-10-16", "2024"],
    ["2026-06-26", "2024"],
    ["2026-06-27", "2026"], // in force on issue [B]
    ["2030-01-01", "2026"],
  ])("%s → %s", (date, code) => {
    expect(ruleVersionOn(date).code).toBe(code);
  });

  it("does not depend on the order of the list", () => {
    expect(ruleVersionOn("2021-01-01", [RULE_2024, RULE_2017, RULE_2020]).code).toBe("2020");
  });
});

describe("accidentClass", () => {
  it.each([
    [0, null],
    [1, "ORDINARY"],
    [2, "ORDINARY"],
    [3, "LARGER"],
    [9, "LARGER"],
    [10, "MAJOR"],
    [29, "MAJOR"],
    [30, "EXTRAORDINARY"],
    [228, "EXTRAORDINARY"],
  ])("%i deaths → %s", (deaths, cls) => {
    expect(accidentClass(deaths)).toBe(cls);
  });
});
