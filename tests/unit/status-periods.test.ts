import { describe, expect, it } from "vitest";
import { isContiguous, planStatusChange, statusOn, type PeriodRecord } from "@/lib/domain/status-periods";

const history: PeriodRecord[] = [
  { id: 2, status: "STOPPED", startedOn: "2022-01-01", endedOn: null },
  { id: 1, status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: "2022-01-01" },
];

describe("planStatusChange", () => {
  it("cuts the period covering the date; the new status runs to the next recorded change", () => {
    expect(planStatusChange(history, { status: "STOPPED", effectiveOn: "2020-01-01" })).toEqual({
      ok: true,
      update: { id: 1, endedOn: "2020-01-01" },
      insert: { status: "STOPPED", startedOn: "2020-01-01", endedOn: "2022-01-01" },
    });
    expect(planStatusChange(history, { status: "CLOSED", effectiveOn: "2024-05-01" })).toEqual({
      ok: true,
      update: { id: 2, endedOn: "2024-05-01" },
      insert: { status: "CLOSED", startedOn: "2024-05-01", endedOn: null },
    });
  });

  it("restates a period when the change falls on its first day", () => {
    expect(planStatusChange(history, { status: "NORMAL_PRODUCTION", effectiveOn: "2022-01-01" })).toEqual({
      ok: true,
      update: { id: 2, status: "NORMAL_PRODUCTION" },
      insert: null,
    });
  });

  it("refuses a date before the history and a status the mine already has", () => {
    expect(planStatusChange(history, { status: "STOPPED", effectiveOn: "2014-12-31" })).toEqual({
      ok: false,
      problem: "statusBeforeHistory",
    });
    expect(planStatusChange(history, { status: "STOPPED", effectiveOn: "2023-01-01" })).toEqual({
      ok: false,
      problem: "statusUnchanged",
    });
  });
});

describe("statusOn and isContiguous", () => {
  it("reads the status of a date, periods being [start, end)", () => {
    expect(statusOn(history, "2021-12-31")).toBe("NORMAL_PRODUCTION");
    expect(statusOn(history, "2022-01-01")).toBe("STOPPED");
    expect(statusOn(history, "2014-01-01")).toBeNull();
  });

  it("accepts periods end to end and refuses gaps, overlaps and empty periods", () => {
    expect(isContiguous(history)).toBe(true);
    expect(isContiguous([{ ...history[1], endedOn: "2021-06-01" }, history[0]])).toBe(false);
    expect(isContiguous([{ ...history[1], endedOn: "2023-01-01" }, history[0]])).toBe(false);
    expect(isContiguous([{ ...history[1], endedOn: "2015-01-01" }])).toBe(false);
  });
});
