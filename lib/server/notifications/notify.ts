import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import {
  DEFAULT_CHANNEL,
  isNotificationKind,
  type NotificationKind,
  type NotificationParams,
} from "@/lib/notifications/kinds";
import { renderEmail } from "./render";

export interface NotifyInput {
  kind: NotificationKind;
  /** Recipients; duplicates, inactive users and `actorId` are dropped. */
  userIds: readonly number[];
  /** The values the kind's message is translated with (notifications.kinds.<KIND>). */
  params: NotificationParams;
  /** A path inside the portal ("/decisions?…"), or null. */
  link?: string | null;
  /**
   * The event this is about (e.g. "decision.confirm:42"): a user is notified once per event key, and
   * mailed once (the outbox's idempotency key is `<eventKey>:<userId>`), so a job that runs twice
   * notifies nobody twice. Without it, each call is an event of its own.
   */
  eventKey?: string;
  /** The user who caused the event: not notified of their own act. */
  actorId?: number | null;
}

export interface NotifyResult {
  notified: number[];
  emailed: number[];
}

/** Email goes out only where an SMTP server is configured (SMTP_URL); otherwise no outbox row is written. */
export function emailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/**
 * Notifies users of an event, inside the caller's transaction: an in-app Notification per user and,
 * when SMTP_URL is set and the user's preference for the kind (or the kind's default) includes
 * email, an OutboxMessage rendered in the user's email language. Both commit or roll back with the
 * event itself (the transactional outbox); deliverOutbox sends the mails afterwards.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<NotifyResult> {
  if (!isNotificationKind(input.kind)) throw new Error(`unknown notification kind ${String(input.kind)}`);
  const wanted = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (wanted.length === 0) return { notified: [], emailed: [] };
  const users = await tx.user.findMany({
    where: { id: { in: wanted }, active: true },
    select: {
      id: true,
      email: true,
      emailLocale: true,
      notificationPreferences: { where: { kind: input.kind }, select: { channel: true } },
    },
    orderBy: { id: "asc" },
  });
  if (users.length === 0) return { notified: [], emailed: [] };
  const eventKey = input.eventKey ?? `${input.kind}:${randomUUID()}`;
  const params = input.params as Prisma.InputJsonObject;
  const link = input.link ?? null;
  await tx.notification.createMany({
    data: users.map((u) => ({ userId: u.id, kind: input.kind, params, link, eventKey })),
    skipDuplicates: true,
  });
  const emailed = emailEnabled()
    ? users.filter((u) => (u.notificationPreferences[0]?.channel ?? DEFAULT_CHANNEL[input.kind]) === "IN_APP_AND_EMAIL")
    : [];
  if (emailed.length > 0) {
    await tx.outboxMessage.createMany({
      data: emailed.map((u) => {
        const { subject, body } = renderEmail(u.emailLocale, input.kind, input.params, link);
        return {
          idempotencyKey: `${eventKey}:${u.id}`,
          userId: u.id,
          recipient: u.email,
          kind: input.kind,
          locale: u.emailLocale,
          params,
          subject,
          body,
        };
      }),
      skipDuplicates: true,
    });
  }
  return { notified: users.map((u) => u.id), emailed: emailed.map((u) => u.id) };
}
