import "server-only";
import { todayInChina } from "@/lib/domain/dates";
import type { Caller } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import { allocateMineCode } from "@/lib/server/register/mine-codes";
import { countyInScope, enterpriseExists, requireRegister } from "@/lib/server/register/scope";
import { openHistory } from "@/lib/server/register/status-history";
import type { RegisterMineInput } from "@/lib/validation/mine-register";

/**
 * Registers a mine (regulators, in a county of their jurisdiction): its code (the sequence typed
 * or the county's next free one), attributes and first production-status period, with the audit
 * row, in one transaction. The cached figures of its regions expire: the mine counts from its
 * first day.
 */
export async function registerMine(caller: Caller, input: RegisterMineInput, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  requireRegister(caller);
  const code = await db.$transaction((tx) => registerMineIn(tx, caller, input, today));
  invalidate({ mines: [{ code, countyCode: input.countyCode }] });
  return { mineCode: code };
}

/** The registration inside an open transaction (the bulk import writes many in one). */
export async function registerMineIn(tx: Tx, caller: Caller, input: RegisterMineInput, today: string) {
  if (input.effectiveOn > today) throw new ServiceError("VALIDATION", "validation", { effectiveOn: "dateInFuture" });
  const county = await countyInScope(tx, caller, input.countyCode);
  await enterpriseExists(tx, caller, input.enterpriseId);
  const code = await allocateMineCode(tx, county.code, input.sequence);
  const mine = await tx.mine.create({
    data: {
      code,
      name: input.name,
      nameEn: input.nameEn,
      provinceCode: county.code.slice(0, 2),
      prefectureCode: county.code.slice(0, 4),
      countyCode: county.code,
      enterpriseId: input.enterpriseId,
      type: input.type,
      capacity: input.capacity,
      gasGrade: input.gasGrade,
      hydroType: input.hydroType,
      rockBurst: input.rockBurst,
      combustionClass: input.combustionClass,
      status: input.status,
    },
  });
  await openHistory(tx, mine.id, input);
  await audit(tx, {
    actorId: caller.id,
    action: "mine.register",
    entity: "Mine",
    entityId: code,
    regionCode: county.code,
    after: { ...input, code },
  });
  return code;
}
