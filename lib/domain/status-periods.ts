// A mine's production-status history as the register keeps it: periods [startedOn, endedOn) that
// follow one another without a gap or an overlap, the last one open. A change of status on a date
// is a cut in that line: the period covering the date ends there and the new status runs until the
// next recorded change (or for good). The database enforces the same shape (migration
// 20261206060121_mine_register); this is where the service decides what to write and why it refuses.
import type { ProductionStatus } from "@/lib/generated/prisma/enums";

export interface PeriodRecord {
  id: number;
  status: ProductionStatus;
  /** YYYY-MM-DD, inclusive. */
  startedOn: string;
  /** YYYY-MM-DD, exclusive; null for the open (last) period. */
  endedOn: string | null;
}

/** Why a change cannot be recorded: catalogue keys under "errors". */
export type StatusChangeProblem = "statusBeforeHistory" | "statusUnchanged";

export type StatusChangePlan =
  | {
      ok: true;
      /** Change the covering period in place: its status (the change falls on its first day) or its end. */
      update: { id: number; status?: ProductionStatus; endedOn?: string };
      /** The new period, when the covering one is cut in two. */
      insert: { status: ProductionStatus; startedOn: string; endedOn: string | null } | null;
    }
  | { ok: false; problem: StatusChangeProblem };

const byStart = (a: PeriodRecord, b: PeriodRecord) =>
  a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0;

/** The period covering a date, or null before the history begins. */
export function periodOn<P extends PeriodRecord>(periods: readonly P[], date: string): P | null {
  return periods.find((p) => p.startedOn <= date && (p.endedOn === null || date < p.endedOn)) ?? null;
}

/** The status on a date, or null when the history does not reach back that far. */
export function statusOn(periods: readonly PeriodRecord[], date: string): ProductionStatus | null {
  return periodOn(periods, date)?.status ?? null;
}

/**
 * What to write to record `status` from `effectiveOn`. A date inside a period cuts it: the earlier
 * part keeps its status, the later part (up to the next recorded change) takes the new one, so a
 * back-dated change rewrites exactly the days between its date and the next change. A date that
 * is a period's first day restates that period. Refused: a date before the mine's history, and a
 * status the mine already has on that date (nothing would change).
 */
export function planStatusChange(
  periods: readonly PeriodRecord[],
  change: { status: ProductionStatus; effectiveOn: string },
): StatusChangePlan {
  const sorted = [...periods].sort(byStart);
  const covering = periodOn(sorted, change.effectiveOn);
  if (!covering) return { ok: false, problem: "statusBeforeHistory" };
  if (covering.status === change.status) return { ok: false, problem: "statusUnchanged" };
  if (covering.startedOn === change.effectiveOn) {
    return { ok: true, update: { id: covering.id, status: change.status }, insert: null };
  }
  return {
    ok: true,
    update: { id: covering.id, endedOn: change.effectiveOn },
    insert: { status: change.status, startedOn: change.effectiveOn, endedOn: covering.endedOn },
  };
}

/**
 * Whether periods follow one another without a gap or an overlap (the database's rule; it does not
 * require the last one to be open, so that a history can be loaded one period at a time).
 */
export function isContiguous(periods: readonly PeriodRecord[]): boolean {
  const sorted = [...periods].sort(byStart);
  return sorted.every((p, i) => {
    if (p.endedOn !== null && p.endedOn <= p.startedOn) return false;
    const next = sorted[i + 1];
    return next === undefined || p.endedOn === next.startedOn;
  });
}
