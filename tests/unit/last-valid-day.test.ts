import { describe, expect, it } from "vitest";
import { lastValidDay } from "@/lib/domain/grade-validity";

describe("lastValidDay", () => {
  it("is the day before the exclusive end, across month, leap-day and year boundaries", () => {
    expect(lastValidDay("2026-12-07")).toBe("2026-12-06");
    expect(lastValidDay("2024-03-01")).toBe("2024-02-29");
    expect(lastValidDay("2023-03-01")).toBe("2023-02-28");
    expect(lastValidDay("2021-01-01")).toBe("2020-12-31");
    expect(lastValidDay(new Date("2020-07-01T00:00:00Z"))).toBe("2020-06-30");
  });
});
