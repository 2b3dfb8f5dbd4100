import "server-only";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import type { HiddenDangerInput } from "@/lib/validation/events";
import { afterCommit } from "@/lib/server/cache/tags";

/** A mine manager reports a major hidden danger of their own mine (self-report, 自查上报). */
export async function reportHiddenDanger(
  caller: Caller,
  input: HiddenDangerInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "hiddenDanger.selfReport") || caller.mineId === null) throw forbidden();
  if (input.foundOn > (opts.today ?? todayInChina()))
    throw new ServiceError("VALIDATION", "validation", { foundOn: "dateInFuture" });
  let county = "";
  const write = db.$transaction(async (tx) => {
    const mine = await tx.mine.findUnique({ where: { id: caller.mineId! } });
    if (!mine) throw notFound();
    const danger = await tx.hiddenDanger.create({
      data: {
        mineId: mine.id,
        source: "SELF_REPORTED",
        foundOn: dateValue(input.foundOn),
        description: input.description,
        reportedById: caller.id,
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "hiddenDanger.selfReport",
      entity: "HiddenDanger",
      entityId: danger.id,
      regionCode: mine.countyCode,
      after: input,
    });
    county = mine.countyCode;
    return { hiddenDangerId: danger.id, mineCode: mine.code };
  });
  return afterCommit(write, (r) => ({ mines: [{ code: r.mineCode, countyCode: county }] }));
}
