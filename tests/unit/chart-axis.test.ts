// Chart axes and tooltips (issue 11, item 19): ticks are even, and every tick, percentage and date is
// written in the reader's locale; a stacked share summing to 100.00000000000001% reads "100%".
import { describe, expect, it } from "vitest";
import { countTicks, formatCountTick, formatPercentTick, SHARE_DOMAIN, SHARE_TICKS } from "@/lib/dashboard/axis";
import { cellText, formatDay, formatRatio } from "@/lib/dashboard/format";

const steps = (ticks: readonly number[]) => ticks.slice(1).map((v, i) => v - ticks[i]);

describe("share axis", () => {
  it("has even ticks from 0 to 100% and a fixed domain", () => {
    expect(SHARE_DOMAIN).toEqual([0, 1]);
    expect(SHARE_TICKS[0]).toBe(0);
    expect(SHARE_TICKS[SHARE_TICKS.length - 1]).toBe(1);
    expect(new Set(steps(SHARE_TICKS)).size).toBe(1);
  });

  it("writes a tick as a whole percentage in the locale, whatever the floating-point noise", () => {
    // Four shares of a stack, as the SQL figures give them, sum to a hair over 1.
    const sum = 1 + Number.EPSILON;
    expect(sum).toBeGreaterThan(1);
    expect(formatPercentTick(sum, "en")).toBe("100%");
    expect(formatPercentTick(sum, "zh-CN")).toBe("100%");
    expect(SHARE_TICKS.map((v) => formatPercentTick(v, "en"))).toEqual(["0%", "25%", "50%", "75%", "100%"]);
    expect(formatRatio(sum, "en")).toBe("100.0%");
  });
});

describe("count axis", () => {
  it.each([0, 1, 4, 7, 30, 99, 100, 137, 1234, 98765])("has even whole-number ticks from 0 reaching %i", (max) => {
    const ticks = countTicks(max);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(new Set(steps(ticks)).size).toBe(1);
    for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
  });

  it("chooses round steps", () => {
    expect(countTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(countTicks(137)).toEqual([0, 50, 100, 150]);
  });

  it("writes a count tick grouped in the locale's way", () => {
    expect(formatCountTick(1200, "en")).toBe("1,200");
    expect(formatCountTick(1200, "zh-CN")).toBe("1,200");
    expect(formatCountTick(2.0000000001, "en")).toBe("2");
  });
});

describe("tooltip and table dates", () => {
  it("writes a date as the rest of the portal does, not as ISO", () => {
    expect(formatDay("2020-12-31", "en")).toBe("12/31/2020");
    expect(formatDay("2020-12-31", "zh-CN")).toBe("2020/12/31");
    // The tables beside the charts write their snapshot dates the same way.
    expect(cellText({ kind: "date", value: "2020-12-31" }, "en")).toBe("12/31/2020");
    expect(cellText({ kind: "date", value: "2020-12-31" }, "zh-CN")).toBe("2020/12/31");
  });
});
