import "server-only";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import type { MarkReadInput, PreferencesInput } from "@/lib/validation/notifications";

// A user's own notifications and preferences: every write is limited to the caller's own rows
// (userId = caller.id in the statement itself), so another user's notification reads as absent.

/** Marks one of the caller's notifications read (again: no change). Another user's, or none: NOT_FOUND. */
export async function markNotificationRead(caller: Caller, input: MarkReadInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  const updated = await db.notification.updateMany({
    where: { id: input.notificationId, userId: caller.id, readAt: null },
    data: { readAt: new Date() },
  });
  if (updated.count === 0) {
    const own = await db.notification.count({ where: { id: input.notificationId, userId: caller.id } });
    if (own === 0) throw notFound();
  }
  return { marked: updated.count };
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(caller: Caller, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  const updated = await db.notification.updateMany({
    where: { userId: caller.id, readAt: null },
    data: { readAt: new Date() },
  });
  return { marked: updated.count };
}

/** Saves the caller's channel per kind and the language of their emails, in one transaction with its audit row. */
export async function saveNotificationPreferences(caller: Caller, input: PreferencesInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  await db.$transaction(async (tx) => {
    const before = await tx.notificationPreference.findMany({
      where: { userId: caller.id },
      select: { kind: true, channel: true },
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: caller.id }, select: { emailLocale: true } });
    for (const kind of NOTIFICATION_KINDS) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: caller.id, kind } },
        create: { userId: caller.id, kind, channel: input[kind] },
        update: { channel: input[kind] },
      });
    }
    await tx.user.update({ where: { id: caller.id }, data: { emailLocale: input.emailLocale } });
    await audit(tx, {
      actorId: caller.id,
      action: "notification.preferences",
      entity: "User",
      entityId: caller.id,
      before: { channels: Object.fromEntries(before.map((p) => [p.kind, p.channel])), emailLocale: user.emailLocale },
      after: input,
    });
  });
}
