import "server-only";
import { dateValue } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { DeleteCalendarDayInput } from "@/lib/validation/calendar";
import { afterCommit } from "@/lib/server/cache/tags";

/** Removes a day from the calendar (it becomes an ordinary weekday or weekend day): ADMIN, at the version seen. */
export async function deleteCalendarDay(caller: Caller, input: DeleteCalendarDayInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "calendar.manage")) throw forbidden();
  const date = dateValue(input.date);
  const write = db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date } });
    const removed = await tx.calendarDay.deleteMany({ where: { date, version: input.version } });
    if (removed.count !== 1 || !before) throw new ServiceError("CONFLICT", "calendarDayChanged");
    await audit(tx, {
      actorId: caller.id,
      action: "calendar.removeDay",
      entity: "CalendarDay",
      entityId: input.date,
      before: { kind: before.kind, nameZh: before.nameZh, nameEn: before.nameEn, version: before.version },
      after: null,
    });
    return { date: input.date };
  });
  return afterCommit(write, () => ({ reference: true }));
}
