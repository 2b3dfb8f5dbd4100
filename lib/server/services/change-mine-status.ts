import "server-only";
import { todayInChina } from "@/lib/domain/dates";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import { requireRegister } from "@/lib/server/register/scope";
import { applyStatusChange } from "@/lib/server/register/status-history";
import type { ChangeStatusInput } from "@/lib/validation/mine-register";

/**
 * Records a production-status change (regulators, mines in their jurisdiction), closure included.
 * A date in the past is allowed: it cuts the period covering it, so the figures of the days from
 * it to the next recorded change move (producing count, standardized share, the stopped-mines
 * trigger), which is why the mine's cached figures and pages are expired after the commit.
 */
export async function changeMineStatus(
  caller: Caller,
  input: ChangeStatusInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  requireRegister(caller);
  const result = await db.$transaction((tx) => changeMineStatusIn(tx, caller, input, today));
  invalidate({ mines: [{ code: result.mineCode, countyCode: result.countyCode }] });
  return { mineCode: result.mineCode, status: result.status };
}

/** The change inside an open transaction (the bulk import writes many in one). */
export async function changeMineStatusIn(tx: Tx, caller: Caller, input: ChangeStatusInput, today: string) {
  const mine = await tx.mine.findFirst({
    where: { AND: [{ code: input.mineCode }, mineScope(caller)] },
    select: { id: true, code: true, countyCode: true },
  });
  if (!mine) throw notFound();
  const { before, after, current } = await applyStatusChange(tx, mine.id, input, today);
  await audit(tx, {
    actorId: caller.id,
    action: "mine.status",
    entity: "Mine",
    entityId: mine.code,
    regionCode: mine.countyCode,
    before: { periods: before },
    after: { change: input, periods: after, status: current },
  });
  return { mineCode: mine.code, countyCode: mine.countyCode, status: current };
}
