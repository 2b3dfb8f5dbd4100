// The inbox (待办): what waits for a user, as plain data. Which rows are waiting is decided in
// lib/server/data/inbox.ts with the same permission functions the actions use; here are the kinds,
// the windows and the order, pure so they are tested without a database.
import { dateValue, isoDate } from "./dates";

/** What waits for a regulator. */
export const REGULATOR_KINDS = [
  "proposal",
  "application",
  "objection",
  "overdueFinding",
  "gradeEnding",
  "reply",
] as const;
/** What waits for a mine's manager. */
export const MANAGER_KINDS = ["finding", "decision", "myApplication", "myGrade"] as const;
export const INBOX_KINDS = [...REGULATOR_KINDS, ...MANAGER_KINDS] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export function isInboxKind(value: unknown): value is InboxKind {
  return typeof value === "string" && (INBOX_KINDS as readonly string[]).includes(value);
}

/** A grade is listed this many days before it ends (issue 15: "ending within 180 days"). */
export const GRADE_ENDING_DAYS = 180;
/**
 * A manager's confirmed decision, a manager's rejected application and a manager's reply to a regulator
 * stay in the inbox this many days (there is no "seen" mark: an answer or an amendment ends them sooner).
 */
export const RECENT_DAYS = 30;

export function addDays(iso: string, days: number): string {
  const d = dateValue(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export interface Sortable {
  /** The last day to act ("YYYY-MM-DD", inclusive), or null. */
  deadline: string | null;
  /** Since when it waits ("YYYY-MM-DD"). */
  since: string;
  key: string;
}

/** Deadline first (soonest first, those without one after), then the longest waiting, then a stable key. */
export function compareItems(a: Sortable, b: Sortable): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Past its last day: the deadline is before today. */
export function isOverdue(deadline: string | null, today: string): boolean {
  return deadline !== null && deadline < today;
}
