import "server-only";
import {
  DEFAULT_CHANNEL,
  NOTIFICATION_KINDS,
  type NotificationChannelChoice,
  type NotificationKind,
  type NotificationParams,
} from "@/lib/notifications/kinds";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";

// The caller's own notifications: per user, never cached across users (no "use cache": the rows
// differ for every reader), and always filtered on userId = caller.id.

export const NOTIFICATIONS_PAGE_SIZE = 30;

export interface NotificationItem {
  id: number;
  kind: string;
  params: NotificationParams;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** How many of the caller's notifications are unread (the bell). */
export async function unreadNotificationCount(caller: Caller, opts: { db?: Db } = {}): Promise<number> {
  const db = opts.db ?? defaultDb;
  return db.notification.count({ where: { userId: caller.id, readAt: null } });
}

/** A page of the caller's notifications, newest first; `unreadOnly` leaves out those read. */
export async function listNotifications(
  caller: Caller,
  query: { page?: number; unreadOnly?: boolean } = {},
  opts: { db?: Db } = {},
): Promise<{ items: NotificationItem[]; total: number; unread: number; page: number; pageSize: number }> {
  const db = opts.db ?? defaultDb;
  const page = Math.max(1, Math.min(10_000, Math.floor(query.page ?? 1)));
  const where = { userId: caller.id, ...(query.unreadOnly ? { readAt: null } : {}) };
  const [rows, total, unread] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where }),
    db.notification.count({ where: { userId: caller.id, readAt: null } }),
  ]);
  return {
    items: rows.map((r) => ({ ...r, params: (r.params ?? {}) as NotificationParams })),
    total,
    unread,
    page,
    pageSize: NOTIFICATIONS_PAGE_SIZE,
  };
}

/** The caller's channel for every kind (their choice, else the kind's default) and their email language. */
export async function notificationPreferences(caller: Caller, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  const [rows, user] = await Promise.all([
    db.notificationPreference.findMany({ where: { userId: caller.id }, select: { kind: true, channel: true } }),
    db.user.findUniqueOrThrow({ where: { id: caller.id }, select: { emailLocale: true, email: true } }),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  const channels = Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, (chosen.get(k) ?? DEFAULT_CHANNEL[k]) as NotificationChannelChoice]),
  ) as Record<NotificationKind, NotificationChannelChoice>;
  return { channels, emailLocale: user.emailLocale, email: user.email };
}
