// No "server-only" import and no static import of the portal's db or logger: scripts/deliver-outbox.ts runs
// this under tsx, outside Next.
import { hostname } from "node:os";
import nodemailer from "nodemailer";
import type { Db } from "@/lib/server/db";
import { portalUrl } from "./portal-url";

// Delivery of the email outbox (OutboxMessage rows written by notify() in the event's transaction).
//
// One row at a time: claim → send → mark.
//   1. Claim: one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING, committed
//      at once, sets a lease (lockedUntil, lockedBy) and counts the attempt. Concurrent workers skip
//      each other's rows; a worker that dies leaves a lease that expires, and the row is claimed again.
//   2. Send over SMTP with a Message-ID derived from the row (the same on every attempt), bounded by
//      timeouts well inside the lease, so a live worker never overlaps another's claim.
//   3. Mark SENT right after the server's 250 (one UPDATE, fenced by lockedBy); on a temporary error
//      (4xx, connection) FAILED with exponential backoff, DEAD after the last attempt; on a permanent
//      rejection (5xx) DEAD at once.
// A kill anywhere before the server has accepted the mail (claim, connection, envelope, data, the wait
// for the 250) loses nothing: the lease expires and the row is sent again. A kill in the window
// between the server's 250 and the mark's commit (one database round trip) re-sends the mail once
// with the same Message-ID: SMTP cannot be part of our transaction, so this window is made as short
// as it can be and a re-send is recognisable as the same message (receiving systems drop a repeated
// Message-ID). See the README, "Notifications".

export interface DeliverOptions {
  /** The database client (the portal's by default). */
  db?: Db;
  /** At most this many messages in this call (default 50). */
  limit?: number;
  /** Names the lease holder (default host:pid). */
  workerId?: string;
  /** SMTP server (default SMTP_URL); without one nothing is sent and nothing changes. */
  smtpUrl?: string;
  /** Lease on a claimed row (default OUTBOX_LEASE_MS or 120 s). */
  leaseMs?: number;
  /** Attempts before a row is DEAD (default OUTBOX_MAX_ATTEMPTS or 8). */
  maxAttempts?: number;
  /** First retry delay; doubled on each further attempt, capped at 6 h (default OUTBOX_BACKOFF_MS or 60 s). */
  backoffMs?: number;
  /** Sender address (default SMTP_FROM or noreply@<portal host>). */
  from?: string;
  /** Where warnings go (default the server's logger). */
  warn?: (fields: Record<string, unknown>, message: string) => void;
  /** Called after the SMTP server accepted a message and before it is marked sent (tests only). */
  afterAccepted?: (outboxId: number) => void | Promise<void>;
}

/** sent: accepted by the SMTP server; failed: given up (DEAD) in this call; retried: failed now, tried again later. */
export interface DeliverResult {
  sent: number;
  failed: number;
  retried: number;
}

const MAX_BACKOFF_MS = 6 * 3600_000;

function numberEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function mailHost(): string {
  try {
    return new URL(portalUrl()).hostname || "grading-portal.invalid";
  } catch {
    return "grading-portal.invalid";
  }
}

/** The stable Message-ID of an outbox row: every attempt to send the row carries the same one. */
export function outboxMessageId(row: { id: number; createdAt: Date }, host = mailHost()): string {
  return `<outbox-${row.id}.${row.createdAt.getTime()}@${host}>`;
}

/** Delay before the attempt after `attempts` failed ones: backoff · 2^(attempts−1), capped. */
export function backoffDelay(attempts: number, backoffMs: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

async function defaultWarn(): Promise<NonNullable<DeliverOptions["warn"]>> {
  const { logger } = await import("@/lib/server/log/logger");
  return (fields, message) => logger.warn(fields, message);
}

interface ClaimedRow {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  createdAt: Date;
}

async function claimOne(db: Db, workerId: string, leaseMs: number): Promise<ClaimedRow | null> {
  // Timestamps are stored as UTC without a zone (Prisma's DateTime): compare with UTC now.
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMessage" SET
      "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond',
      "lockedBy" = ${workerId},
      "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" IN ('PENDING', 'FAILED')
        AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
        AND ("lockedUntil" IS NULL OR "lockedUntil" < (now() AT TIME ZONE 'UTC'))
      ORDER BY "nextAttemptAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "recipient", "subject", "body", "attempts", "createdAt"`;
  return rows[0] ?? null;
}

function smtpError(e: unknown): { permanent: boolean; message: string } {
  const err = e as { responseCode?: number; message?: string; code?: string };
  const message = String(err?.message ?? e).slice(0, 1000);
  const permanent = typeof err?.responseCode === "number" && err.responseCode >= 500 && err.responseCode < 600;
  return { permanent, message };
}

/**
 * Delivers due outbox emails (PENDING, or FAILED and due again), up to `limit`, one at a time.
 * Safe to run in several processes at once. Returns what happened in this call.
 */
export async function deliverOutbox(opts: DeliverOptions = {}): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, failed: 0, retried: 0 };
  const smtpUrl = opts.smtpUrl ?? process.env.SMTP_URL;
  if (!smtpUrl) return result;
  const db = opts.db ?? (await import("@/lib/server/db")).db;
  const limit = opts.limit ?? 50;
  const workerId = (opts.workerId ?? `${hostname()}:${process.pid}`).slice(0, 100);
  const leaseMs = opts.leaseMs ?? numberEnv("OUTBOX_LEASE_MS", 120_000);
  const maxAttempts = opts.maxAttempts ?? numberEnv("OUTBOX_MAX_ATTEMPTS", 8);
  const backoffMs = opts.backoffMs ?? numberEnv("OUTBOX_BACKOFF_MS", 60_000);
  const warn = opts.warn ?? (await defaultWarn());
  const host = mailHost();
  const from = opts.from ?? process.env.SMTP_FROM ?? `noreply@${host}`;
  // Every wait of the conversation ends well inside the lease (and the whole send too, below).
  const step = Math.max(250, Math.floor(leaseMs / 4));
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: step,
    greetingTimeout: step,
    socketTimeout: step,
  } as nodemailer.TransportOptions);
  try {
    for (let i = 0; i < limit; i++) {
      const row = await claimOne(db, workerId, leaseMs);
      if (!row) break;
      if (row.attempts > maxAttempts) {
        // Claimed more often than allowed: earlier attempts ended with no outcome (the worker died).
        await db.outboxMessage.updateMany({
          where: { id: row.id, lockedBy: workerId },
          data: { status: "DEAD", lockedUntil: null, lockedBy: null, lastError: "attempts exhausted" },
        });
        result.failed++;
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          transport.sendMail({
            from,
            to: row.recipient,
            subject: row.subject,
            text: row.body,
            messageId: outboxMessageId(row, host),
            headers: { "X-Outbox-Id": String(row.id) },
          }),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("send took longer than the lease allows")), 3 * step);
          }),
        ]);
      } catch (e) {
        clearTimeout(timer);
        const { permanent, message } = smtpError(e);
        const dead = permanent || row.attempts >= maxAttempts;
        await db.outboxMessage.updateMany({
          where: { id: row.id, lockedBy: workerId },
          data: {
            status: dead ? "DEAD" : "FAILED",
            lastError: message,
            lockedUntil: null,
            lockedBy: null,
            nextAttemptAt: new Date(Date.now() + (dead ? 0 : backoffDelay(row.attempts, backoffMs))),
          },
        });
        if (dead) result.failed++;
        else result.retried++;
        warn({ outboxId: row.id, attempts: row.attempts, dead, reason: message }, "outbox email not sent");
        continue;
      }
      clearTimeout(timer);
      await opts.afterAccepted?.(row.id);
      const marked = await db.outboxMessage.updateMany({
        where: { id: row.id, lockedBy: workerId },
        data: { status: "SENT", sentAt: new Date(), lockedUntil: null, lockedBy: null, lastError: null },
      });
      if (marked.count !== 1) warn({ outboxId: row.id }, "outbox email sent after its lease was taken over");
      result.sent++;
    }
  } finally {
    transport.close();
  }
  return result;
}
