// "Year to date" (issue 11, item 23; product.md): year Y is year-to-date as of D when D is before
// Y-12-31. The metrics API and the dashboard both ask isYearToDate; tests/integration/year-to-date.test.ts
// checks what they answer.
import { describe, expect, it } from "vitest";
import { isYearToDate } from "@/lib/domain/year-to-date";

describe("isYearToDate", () => {
  it("is true before 31 December and false from it on", () => {
    expect(isYearToDate(2020, "2020-12-30")).toBe(true);
    expect(isYearToDate(2020, "2020-12-31")).toBe(false);
    expect(isYearToDate(2020, "2021-03-01")).toBe(false);
    expect(isYearToDate(2020, "2020-01-01")).toBe(true);
  });
});
