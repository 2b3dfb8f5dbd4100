import "server-only";
import { dateValue, isoDate } from "@/lib/domain/dates";
import { planStatusChange, statusOn, type PeriodRecord } from "@/lib/domain/status-periods";
import type { ProductionStatus } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";

export interface StatusChange {
  status: ProductionStatus;
  effectiveOn: string;
  reason: string | null;
  documentNo: string | null;
}

/** A mine's periods in date order, as the domain reads them. */
export async function periodsOf(tx: Tx, mineId: number): Promise<(PeriodRecord & StatusChangeNote)[]> {
  const rows = await tx.mineStatusPeriod.findMany({
    where: { mineId },
    orderBy: [{ startedOn: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    startedOn: isoDate(r.startedOn),
    endedOn: r.endedOn ? isoDate(r.endedOn) : null,
    reason: r.reason,
    documentNo: r.documentNo,
  }));
}

interface StatusChangeNote {
  reason: string | null;
  documentNo: string | null;
}

/**
 * Records a production-status change of a mine inside the caller's transaction, with the mine's
 * row locked (so two changes of one mine take turns): cuts the period covering the date (see
 * planStatusChange), and sets the mine's current status to the one in force `today`. Refusals are
 * field errors on `effectiveOn` / `status`. Returns the history before and after, for the audit.
 */
export async function applyStatusChange(tx: Tx, mineId: number, change: StatusChange, today: string) {
  if (change.effectiveOn > today) throw new ServiceError("VALIDATION", "validation", { effectiveOn: "dateInFuture" });
  await tx.$queryRaw`SELECT id FROM "Mine" WHERE id = ${mineId} FOR UPDATE`;
  const before = await periodsOf(tx, mineId);
  const plan = planStatusChange(before, change);
  if (!plan.ok) {
    const field = plan.problem === "statusUnchanged" ? "status" : "effectiveOn";
    throw new ServiceError("VALIDATION", "validation", { [field]: plan.problem });
  }
  const note = { reason: change.reason, documentNo: change.documentNo };
  // Shorten (or restate) first, then insert: the exclusion constraint is checked per statement,
  // the contiguity trigger at commit.
  await tx.mineStatusPeriod.update({
    where: { id: plan.update.id },
    data: {
      ...(plan.update.status ? { status: plan.update.status, ...note } : {}),
      ...(plan.update.endedOn ? { endedOn: dateValue(plan.update.endedOn) } : {}),
    },
  });
  if (plan.insert) {
    await tx.mineStatusPeriod.create({
      data: {
        mineId,
        status: plan.insert.status,
        startedOn: dateValue(plan.insert.startedOn),
        endedOn: plan.insert.endedOn ? dateValue(plan.insert.endedOn) : null,
        ...note,
      },
    });
  }
  const after = await periodsOf(tx, mineId);
  const current = statusOn(after, today) ?? change.status;
  await tx.mine.update({ where: { id: mineId }, data: { status: current, version: { increment: 1 } } });
  return { before, after, current };
}

/** The first period of a newly registered mine: its status from the date given (not in the future), open-ended. */
export async function openHistory(tx: Tx, mineId: number, change: StatusChange) {
  await tx.mineStatusPeriod.create({
    data: {
      mineId,
      status: change.status,
      startedOn: dateValue(change.effectiveOn),
      endedOn: null,
      reason: change.reason,
      documentNo: change.documentNo,
    },
  });
}
