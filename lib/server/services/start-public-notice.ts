import "server-only";
import { noticePeriod } from "@/lib/domain/application-workflow";
import { applicationNoticeDays } from "@/lib/domain/authority-config";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import type { Caller } from "@/lib/server/auth/scope";
import { loadWorkingCalendar } from "@/lib/server/data/calendar";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { StartNoticeInput } from "@/lib/validation/application";
import { assertExtensionStillEligible, moveApplication, withApplicationStep } from "./transition-application";

/**
 * Puts an assessed application under public notice (公示) from today for the number of working days of
 * the province and level (ProvinceGradingConfig.publicNoticeWorkingDays, e.g. Shanxi Level 2: 3), else the
 * rule version's (RuleVersion.publicNoticeDays), counted on China's working-day calendar (CalendarDay):
 * holidays do not count, make-up working days do. In a year the calendar does not cover the count is
 * Monday to Friday, and the result's `uncoveredYears` says so for the page to warn. Anyone may object
 * from the first to the last day; the grade can be announced the day after.
 */
export async function startPublicNotice(
  caller: Caller,
  input: StartNoticeInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  return withApplicationStep(caller, input, "START_NOTICE", db, async (tx, app) => {
    // A direct extension has no assessment: putting it under notice is the grading body's decision to
    // extend, so the basic conditions and the eligibility are checked again here, on today's facts.
    const extension = app.kind === "DIRECT_EXTENSION";
    if (extension) await assertExtensionStillEligible(tx, app, today);
    const days = applicationNoticeDays(app.config, app, app.mine, app.ruleVersion.publicNoticeDays);
    const period = noticePeriod(today, days, await loadWorkingCalendar({ db: tx }));
    const state = await moveApplication(tx, caller, app, "START_NOTICE", {
      data: {
        noticeStartsOn: dateValue(period.startsOn),
        noticeEndsOn: dateValue(period.endsOn),
        ...(extension ? { resultLevel: 1 } : {}),
      },
      audit: { ...period, publicNoticeDays: days },
    });
    return { applicationId: app.id, mineCode: app.mine.code, state, ...period };
  });
}
