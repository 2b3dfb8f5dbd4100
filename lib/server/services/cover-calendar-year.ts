import "server-only";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { CoverCalendarYearInput } from "@/lib/validation/calendar";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Marks a year as covered once its holidays and make-up days are all entered, naming the notice they
 * come from (e.g. the State Council General Office's notice for that year): from then on working days
 * in that year are counted on the calendar without a warning. ADMIN only; a year is covered once.
 */
export async function coverCalendarYear(caller: Caller, input: CoverCalendarYearInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "calendar.manage")) throw forbidden();
  const write = db.$transaction(async (tx) => {
    const created = await tx.calendarYear.createMany({
      data: [{ year: input.year, source: input.source }],
      skipDuplicates: true,
    });
    if (created.count !== 1) throw new ServiceError("CONFLICT", "validation", { year: "yearAlreadyCovered" });
    const days = await tx.calendarDay.count({
      where: { date: { gte: new Date(Date.UTC(input.year, 0, 1)), lt: new Date(Date.UTC(input.year + 1, 0, 1)) } },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "calendar.coverYear",
      entity: "CalendarYear",
      entityId: input.year,
      before: null,
      after: { year: input.year, source: input.source, days },
    });
    return { year: input.year };
  });
  return afterCommit(write, () => ({ reference: true }));
}
