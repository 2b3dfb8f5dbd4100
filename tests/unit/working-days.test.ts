import { describe, expect, it } from "vitest";
import { noticePeriod } from "@/lib/domain/application-workflow";
import {
  addWorkingDays,
  isWorkingDay,
  NO_CALENDAR,
  uncoveredYears,
  type WorkingCalendar,
} from "@/lib/domain/working-days";
import { calendarRows, calendarSource } from "@/prisma/seed/calendar";

/** The calendar the chinese-days package ships, as the seed and setup load it. */
function packageCalendar(): WorkingCalendar {
  const { days, years } = calendarRows();
  return {
    holidays: new Set(days.filter((d) => d.kind === "HOLIDAY").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "WORKDAY").map((d) => d.date)),
    coveredYears: new Set(years),
  };
}

const china = packageCalendar();

describe("the package's calendar", () => {
  it("covers 2004 to 2026 with the State Council's holidays and make-up days", () => {
    const { days, years } = calendarRows();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(calendarSource()).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
    expect(days.find((d) => d.date === "2026-10-01")).toMatchObject({ kind: "HOLIDAY", nameZh: "国庆节" });
    expect(days.find((d) => d.date === "2026-09-20")).toMatchObject({ kind: "WORKDAY" }); // a Sunday worked
  });
});

describe("isWorkingDay", () => {
  it("follows the calendar: holidays off whatever the weekday, make-up weekend days on, else Monday to Friday", () => {
    expect(isWorkingDay("2026-10-01", china)).toBe(false); // Thursday, National Day
    expect(isWorkingDay("2026-09-20", china)).toBe(true); // Sunday, worked in exchange
    expect(isWorkingDay("2026-10-10", china)).toBe(true); // Saturday, worked in exchange
    expect(isWorkingDay("2026-11-10", china)).toBe(true); // an ordinary Tuesday
    expect(isWorkingDay("2026-11-14", china)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay("2026-10-01", NO_CALENDAR)).toBe(true);
  });
});

describe("addWorkingDays", () => {
  it("skips the National Day week and counts the Saturday worked after it", () => {
    // From Tuesday 2026-09-29: 09-30 (1), 10-01..07 off, 10-08 (2), 10-09 (3), Saturday 10-10 worked (4), 10-12 (5).
    expect(addWorkingDays("2026-09-29", 5, china)).toBe("2026-10-12");
    expect(addWorkingDays("2026-09-29", 5, NO_CALENDAR)).toBe("2026-10-06");
  });

  it("skips the Spring Festival", () => {
    // 2026-02-13 is the Friday before it; 02-14 (Saturday) is worked, 02-15..23 are off.
    expect(addWorkingDays("2026-02-12", 3, china)).toBe("2026-02-24");
  });

  it("is Monday to Friday without a calendar, and refuses bad input", () => {
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-07", 0, china)).toBe("2026-03-07");
    expect(() => addWorkingDays("2026-02-30", 1, china)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", -1, china)).toThrow(RangeError);
  });
});

describe("uncoveredYears and noticePeriod", () => {
  it("names the years a period reaches that the calendar does not cover, instead of guessing", () => {
    expect(uncoveredYears("2026-12-28", "2027-01-05", china)).toEqual([2027]);
    expect(uncoveredYears("2025-12-28", "2026-01-05", china)).toEqual([]);
    expect(noticePeriod("2026-12-29", 5, china)).toEqual({
      startsOn: "2026-12-29",
      endsOn: "2027-01-05",
      uncoveredYears: [2027],
    });
    expect(noticePeriod("2026-09-29", 5, china)).toEqual({
      startsOn: "2026-09-29",
      endsOn: "2026-10-12",
      uncoveredYears: [],
    });
  });
});
