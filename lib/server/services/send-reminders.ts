import "server-only";
import { createHash } from "node:crypto";
import { dateValue, daysBetween, isoDate, todayInChina } from "@/lib/domain/dates";
import type { ReminderKind } from "@/lib/generated/prisma/enums";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { lastValidDay } from "@/lib/domain/grade-validity";
import { inForceOn } from "@/lib/server/grade-in-force";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";
import { mineManagers, regulatorsOf } from "@/lib/server/notifications/events";
import { notify } from "@/lib/server/notifications/notify";
import { mineParams, mineRefSelect, type MineRef } from "@/lib/server/data/mine-ref";

// The reminders of the scheduled jobs (lib/server/jobs): a grade's end coming near, and findings past
// their rectification date. Each reminder is a row of JobReminder, unique per (kind, subject,
// threshold): written with its audit row and its notifications (notify: in-app, and email through
// the outbox) in one transaction, and never twice, however often or on however many processes the
// job runs (the unique key decides; the loser's transaction writes nothing).

/**
 * Who is reminded of a grade's end: the mine's managers (who apply again) and the regulators whose
 * jurisdiction holds the mine; national regulators only for a Level 1 grade, the one they grade.
 */
async function gradeExpiryRecipients(tx: Tx, mine: MineRef, level: number): Promise<number[]> {
  const regulators = (await regulatorsOf(tx, mine)).filter((u) => u.jurisdiction !== "" || level === 1);
  return [...(await mineManagers(tx, mine.id)), ...regulators.map((u) => u.id)];
}

/**
 * Who is reminded of overdue findings: the mine's managers (who rectify), the regulator who recorded
 * the spot-check and the mine's local regulators (prefecture, county), who follow the rectification.
 */
async function overdueRecipients(tx: Tx, mine: MineRef, authorId: number | null): Promise<number[]> {
  const local = (await regulatorsOf(tx, mine)).filter((u) => u.role === "LOCAL_REGULATOR");
  return [...(await mineManagers(tx, mine.id)), ...local.map((u) => u.id), ...(authorId ? [authorId] : [])];
}

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

/** A short stable key for a list of reminders (the notification's event key holds 200 characters). */
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

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
      mine: { select: mineRefSelect },
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
      await notify(tx, {
        kind: "GRADE_EXPIRING",
        userIds: await gradeExpiryRecipients(tx, grade.mine, grade.level),
        params: { ...mineParams(grade.mine), validUntil: lastValidDay(grade.validUntil), days: daysLeft },
        link: `/mines/${grade.mine.code}`,
        eventKey: `reminder.gradeExpiry:${grade.id}:${threshold}`,
        actorId: SYSTEM_ACTOR_ID,
      });
      return true;
    });
    if (wrote) sent++;
  }
  return { examined: grades.length, sent };
}

/**
 * Reminds of findings of completed spot checks that are past their rectification date and not
 * rectified: one reminder per finding and threshold (1, 7 and 30 days overdue), ever. The findings of
 * one spot check that fall due in the same run make one notification.
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
      spotCheckId: true,
      spotCheck: { select: { createdById: true, mine: { select: mineRefSelect } } },
    },
    orderBy: { id: "asc" },
  });
  const bySpotCheck = new Map<number, typeof findings>();
  for (const f of findings) bySpotCheck.set(f.spotCheckId, [...(bySpotCheck.get(f.spotCheckId) ?? []), f]);
  let sent = 0;
  for (const [spotCheckId, group] of bySpotCheck) {
    const { mine, createdById } = group[0].spotCheck;
    sent += await db.$transaction(async (tx) => {
      const due: { id: number; threshold: number }[] = [];
      for (const finding of group) {
        const rectifyBy = isoDate(finding.rectifyBy!);
        const daysOverdue = daysBetween(rectifyBy, today);
        const threshold = dueOverdueThreshold(daysOverdue);
        if (threshold === null || !(await recordReminder(tx, "FINDING_OVERDUE", finding.id, threshold))) continue;
        due.push({ id: finding.id, threshold });
        await audit(tx, {
          actorId: SYSTEM_ACTOR_ID,
          action: "reminder.findingOverdue",
          entity: "Finding",
          entityId: finding.id,
          regionCode: mine.countyCode,
          after: { threshold, daysOverdue, rectifyBy, spotCheckId, mine: mine.code },
        });
      }
      if (due.length === 0) return 0;
      await notify(tx, {
        kind: "FINDING_OVERDUE",
        userIds: await overdueRecipients(tx, mine, createdById),
        params: { ...mineParams(mine), count: due.length },
        link: `/mines/${mine.code}/spot-checks/${spotCheckId}`,
        eventKey: `reminder.findingOverdue:${digest(due.map((d) => `${d.id}@${d.threshold}`).join(","))}`,
        actorId: SYSTEM_ACTOR_ID,
      });
      return due.length;
    });
  }
  return { examined: findings.length, sent };
}
