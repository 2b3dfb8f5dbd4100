import "server-only";
import { dateValue } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { SaveCalendarDayInput } from "@/lib/validation/calendar";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Records a day of China's working-day calendar (a holiday, a day off in lieu, or a make-up working
 * day), or changes one: ADMIN only. A new day (no version) must not exist yet; a change applies only
 * at the version seen, so two administrators editing one day cannot overwrite each other silently.
 */
export async function saveCalendarDay(caller: Caller, input: SaveCalendarDayInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "calendar.manage")) throw forbidden();
  const date = dateValue(input.date);
  const data = { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn };
  const write = db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date } });
    if (input.version === null) {
      if (before) throw new ServiceError("CONFLICT", "validation", { date: "calendarDayExists" });
      await tx.calendarDay.create({ data: { date, ...data } });
    } else {
      const changed = await tx.calendarDay.updateMany({
        where: { date, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (changed.count !== 1) throw new ServiceError("CONFLICT", "calendarDayChanged");
    }
    await audit(tx, {
      actorId: caller.id,
      action: input.version === null ? "calendar.addDay" : "calendar.changeDay",
      entity: "CalendarDay",
      entityId: input.date,
      before: before
        ? { kind: before.kind, nameZh: before.nameZh, nameEn: before.nameEn, version: before.version }
        : null,
      after: { ...data, version: before && input.version !== null ? before.version + 1 : 0 },
    });
    return { date: input.date };
  });
  return afterCommit(write, () => ({ reference: true }));
}
