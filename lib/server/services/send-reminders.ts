import "server-only";
import { dateValue, daysBetween, isoDate, todayInChina } from "@/lib/domain/dates";
import type { ReminderKind } from "@/lib/generated/prisma/enums";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";

// The reminders of the scheduled jobs (lib/server/jobs): a grade's end coming near, and findings past
// their rectification date. Each reminder is a row of JobReminder, unique per (kind, subject,
// threshold): written with its audit row in one transaction, and never twice, however often or on
// however many processes the job runs (the unique key decides; the loser's transaction writes nothing).

/** Days before a grade's end (its validUntil, the first day it is no longer in force) that remind. */
export const GRADE_EXPIRY_THRESHOLDS = [180, 90, 30] as const;
/** Days past a finding's rectification date that remind. */
export const FINDING_OVERDUE_THRESHOLDS = [1, 7, 30] as const;

export interface ReminderRun {
  /** Subjects looked at. */
  examined: number;
  /** Reminders written by this run. */
  sent: number;
}

/**
 * The threshold due for a grade with daysLeft days to go: the smallest threshold not below daysLeft.
 * A grade first seen with 85 days left gets the 90-day reminder only: a reminder that is no longer
 * true ("180 days left") is not sent late.
 */
export function dueExpiryThreshold(daysLeft: number): number | null {
  if (daysLeft <= 0) return null;
  const due = GRADE_EXPIRY_THRESHOLDS.filter((t) => daysLeft <= t);
  return due.length ? Math.min(...due) : null;
}

/** The threshold due for a finding daysOverdue days past its date: the largest threshold reached. */
export function dueOverdueThreshold(daysOverdue: number): number | null {
  const due = FINDING_OVERDUE_THRESHOLDS.filter((t) => daysOverdue >= t);
  return due.length ? Math.max(...due) : null;
}

/** Records one reminder; false when it was sent before (nothing is written then). */
async function recordReminder(tx: Tx, kind: ReminderKind, subjectId: number, threshold: number): Promise<boolean> {
  const { count } = await tx.jobReminder.createMany({
    data: [{ kind, subjectId, threshold }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Reminds of grades in force whose end is 180, 90 or 30 days away (dueExpiryThreshold): one reminder
 * per grade and threshold, ever. The audit row (actor: the system) names the mine's county, so the
 * regulators of that scope read it.
 */
export async function sendGradeExpiryReminders(opts: { db?: Db; today?: string } = {}): Promise<ReminderRun> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const horizon = new Date(dateValue(today).getTime() + Math.max(...GRADE_EXPIRY_THRESHOLDS) * 86_400_000);
  const grades = await db.grade.findMany({
    where: { AND: [inForceOn(today), { validUntil: { lte: horizon } }] },
    select: {
      id: true,
      level: true,
      validUntil: true,
      mine: { select: { id: true, code: true, name: true, countyCode: true } },
    },
    orderBy: { id: "asc" },
  });
  let sent = 0;
  for (const grade of grades) {
    const validUntil = isoDate(grade.validUntil);
    const daysLeft = daysBetween(today, validUntil);
    const threshold = dueExpiryThreshold(daysLeft);
    if (threshold === null) continue;
    const wrote = await db.$transaction(async (tx) => {
      if (!(await recordReminder(tx, "GRADE_EXPIRY", grade.id, threshold))) return false;
      await audit(tx, {
        actorId: SYSTEM_ACTOR_ID,
        action: "reminder.gradeExpiry",
        entity: "Grade",
        entityId: grade.id,
        regionCode: grade.mine.countyCode,
        after: { threshold, daysLeft, validUntil, level: grade.level, mine: grade.mine.code },
      });
      return true;
    });
    if (wrote) sent++;
  }
  return { examined: grades.length, sent };
}

/**
 * Reminds of findings of completed spot checks that are past their rectification date and not
 * rectified: one reminder per finding and threshold (1, 7 and 30 days overdue), ever.
 */
export async function sendOverdueFindingReminders(opts: { db?: Db; today?: string } = {}): Promise<ReminderRun> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const findings = await db.finding.findMany({
    where: {
      rectifiedOn: null,
      rectifyBy: { lt: dateValue(today) },
      spotCheck: { status: "COMPLETED" },
    },
    select: {
      id: true,
      rectifyBy: true,
      elementCode: true,
      spotCheckId: true,
      spotCheck: { select: { mine: { select: { id: true, code: true, name: true, countyCode: true } } } },
    },
    orderBy: { id: "asc" },
  });
  let sent = 0;
  for (const finding of findings) {
    const rectifyBy = isoDate(finding.rectifyBy!);
    const daysOverdue = daysBetween(rectifyBy, today);
    const threshold = dueOverdueThreshold(daysOverdue);
    if (threshold === null) continue;
    const mine = finding.spotCheck.mine;
    const wrote = await db.$transaction(async (tx) => {
      if (!(await recordReminder(tx, "FINDING_OVERDUE", finding.id, threshold))) return false;
      await audit(tx, {
        actorId: SYSTEM_ACTOR_ID,
        action: "reminder.findingOverdue",
        entity: "Finding",
        entityId: finding.id,
        regionCode: mine.countyCode,
        after: { threshold, daysOverdue, rectifyBy, spotCheckId: finding.spotCheckId, mine: mine.code },
      });
      return true;
    });
    if (wrote) sent++;
  }
  return { examined: findings.length, sent };
}
