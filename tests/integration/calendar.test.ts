// China's working-day calendar as a table (issue 13.9): seeded from the chinese-days package without
// overwriting ADMIN's edits, edited by ADMIN only (audited, version-checked), and read by the public
// notice: a notice over a holiday runs longer, and the calendar's gaps are named, not guessed.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateValue, isoDate } from "@/lib/domain/dates";
import type { Caller } from "@/lib/server/auth/scope";
import { getApplication } from "@/lib/server/data/applications";
import { loadWorkingCalendar } from "@/lib/server/data/calendar";
import { coverCalendarYear } from "@/lib/server/services/cover-calendar-year";
import { deleteCalendarDay } from "@/lib/server/services/delete-calendar-day";
import { saveCalendarDay } from "@/lib/server/services/save-calendar-day";
import { startPublicNotice } from "@/lib/server/services/start-public-notice";
import { loadCalendar } from "@/prisma/seed/calendar";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createApplication, createMine, createUser } from "../support/factories";

const db = testDb();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const audits = (entity: string, entityId: string) =>
  db.auditLog.findMany({ where: { entity, entityId }, orderBy: { id: "asc" } });

describe("the seeded calendar", () => {
  it("holds the package's days and years, and loading it again adds nothing and keeps an edited day", async () => {
    const calendar = await loadWorkingCalendar({ db });
    expect(calendar.holidays.has("2026-10-01")).toBe(true);
    expect(calendar.workdays.has("2026-10-10")).toBe(true);
    expect([...calendar.coveredYears].sort()).toContain(2004);
    expect(calendar.coveredYears.has(2026)).toBe(true);
    expect(calendar.coveredYears.has(2027)).toBe(false);

    await db.calendarDay.update({ where: { date: dateValue("2026-10-07") }, data: { nameEn: "Edited by an admin" } });
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      expect(await loadCalendar(client)).toEqual({ days: 0, years: 0 });
    } finally {
      await client.end();
    }
    expect((await db.calendarDay.findUniqueOrThrow({ where: { date: dateValue("2026-10-07") } })).nameEn).toBe(
      "Edited by an admin",
    );
  });
});

describe("editing the calendar", () => {
  it("is ADMIN's alone: every other role is refused and nothing is written", async () => {
    for (const who of ["nmsa", "shanxi", "datong", "official", "manager"]) {
      await expect(
        saveCalendarDay(callers[who], {
          date: "2027-01-01",
          kind: "HOLIDAY",
          nameZh: "元旦",
          nameEn: "New Year's Day",
          version: null,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(coverCalendarYear(callers[who], { year: 2027, source: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await db.calendarDay.count({ where: { date: dateValue("2027-01-01") } })).toBe(0);
    expect(await db.calendarYear.count({ where: { year: 2027 } })).toBe(0);
  });

  it("adds, changes at the version seen, removes and covers a year, each with its audit row", async () => {
    const admin = callers.admin;
    const day = { date: "2028-01-03", kind: "HOLIDAY" as const, nameZh: "元旦", nameEn: "New Year's Day" };
    await saveCalendarDay(admin, { ...day, version: null });
    await expect(saveCalendarDay(admin, { ...day, version: null })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { date: "calendarDayExists" },
    });
    await saveCalendarDay(admin, { ...day, nameEn: "New Year (observed)", version: 0 });
    // A second administrator still holding version 0 is told, not silently overwritten.
    await expect(saveCalendarDay(admin, { ...day, nameEn: "Stale", version: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "calendarDayChanged",
    });
    expect(await db.calendarDay.findUniqueOrThrow({ where: { date: dateValue(day.date) } })).toMatchObject({
      nameEn: "New Year (observed)",
      version: 1,
    });
    await expect(deleteCalendarDay(admin, { date: day.date, version: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteCalendarDay(admin, { date: day.date, version: 1 });
    expect(await db.calendarDay.count({ where: { date: dateValue(day.date) } })).toBe(0);
    expect((await audits("CalendarDay", day.date)).map((a) => a.action)).toEqual([
      "calendar.addDay",
      "calendar.changeDay",
      "calendar.removeDay",
    ]);

    await coverCalendarYear(admin, { year: 2028, source: "国办发明电〔2027〕1号" });
    await expect(coverCalendarYear(admin, { year: 2028, source: "again" })).rejects.toMatchObject({
      fieldErrors: { year: "yearAlreadyCovered" },
    });
    expect(await db.calendarYear.findUniqueOrThrow({ where: { year: 2028 } })).toMatchObject({
      source: "国办发明电〔2027〕1号",
    });
    expect(await audits("CalendarYear", "2028")).toHaveLength(1);
  });
});

describe("the public notice", () => {
  /** Anhui (Huainan): no notice length of its own, so the rule version's 5 working days. */
  const ANHUI_COUNTY = "340421";
  let anhui: Caller;
  beforeAll(async () => {
    anhui = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "34" });
  });

  /** An assessed Level 2 application of a new mine in the county (graded by its province). */
  async function assessedApplication(countyCode = ANHUI_COUNTY) {
    const mine = await createMine(db, { countyCode });
    return createApplication(db, mine, {
      appliedLevel: 2,
      state: "ASSESSED",
      submittedOn: "2026-08-03",
      announcedOn: "2026-09-30",
      today: "2026-09-29",
    });
  }

  it("counts working days on the calendar: the National Day week does not count, the Saturday worked after it does", async () => {
    const application = await assessedApplication();
    const notice = await startPublicNotice(anhui, { applicationId: application.id }, { db, today: "2026-09-29" });
    // 5 working days: 30 September, 8, 9 and 10 (a Saturday worked) and 12 October.
    expect(notice).toMatchObject({ startsOn: "2026-09-29", endsOn: "2026-10-12", uncoveredYears: [] });
    const stored = await db.gradeApplication.findUniqueOrThrow({ where: { id: application.id } });
    expect(isoDate(stored.noticeEndsOn!)).toBe("2026-10-12");
    const audit = await audits("GradeApplication", String(application.id));
    expect(audit.at(-1)?.after).toMatchObject({ publicNoticeDays: 5 });
  });

  it("Shanxi's Level 2 notice lasts its own 3 working days ([Q]), over the same holiday", async () => {
    const application = await assessedApplication("140226");
    const notice = await startPublicNotice(
      callers.shanxi,
      { applicationId: application.id },
      { db, today: "2026-09-29" },
    );
    // 3 working days: 30 September, then 8 and 9 October after the National Day holiday.
    expect(notice).toMatchObject({ startsOn: "2026-09-29", endsOn: "2026-10-09", uncoveredYears: [] });
    const stored = await db.gradeApplication.findUniqueOrThrow({ where: { id: application.id } });
    expect(isoDate(stored.noticeEndsOn!)).toBe("2026-10-09");
    const audit = await audits("GradeApplication", String(application.id));
    expect(audit.at(-1)?.after).toMatchObject({ publicNoticeDays: 3 });
    // The page's reading gives the same length before the notice starts.
    const other = await assessedApplication("140226");
    expect((await getApplication(callers.shanxi, other.id, { db, today: "2026-09-29" }))?.noticeDays).toBe(3);
    const inAnhui = await assessedApplication();
    expect((await getApplication(anhui, inAnhui.id, { db, today: "2026-09-29" }))?.noticeDays).toBe(5);
  });

  it("follows an administrator's change, and names a year the calendar does not cover", async () => {
    // A day off added by ADMIN (a local holiday, say) lengthens the next notice by one working day.
    await saveCalendarDay(callers.admin, {
      date: "2026-10-09",
      kind: "HOLIDAY",
      nameZh: "测试假日",
      nameEn: "Test holiday",
      version: null,
    }).catch(async (e) => {
      if (e?.fieldErrors?.date !== "calendarDayExists") throw e;
    });
    const application = await assessedApplication();
    const notice = await startPublicNotice(anhui, { applicationId: application.id }, { db, today: "2026-09-29" });
    expect(notice.endsOn).toBe("2026-10-13");

    const late = await assessedApplication();
    const over = await startPublicNotice(anhui, { applicationId: late.id }, { db, today: "2026-12-29" });
    expect(over).toMatchObject({ endsOn: "2027-01-05", uncoveredYears: [2027] });
  });
});
