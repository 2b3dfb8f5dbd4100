// The email outbox against a real SMTP server (smtp-server, started here) and nodemailer: a delivery
// worker process killed mid-delivery and started again loses no mail and sends none twice; SMTP
// errors are retried with exponential backoff and end DEAD; a crash after the server's 250 and before
// the mark re-sends the mail with the same Message-ID (the one window SMTP leaves open).
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox, outboxMessageId } from "@/lib/server/notifications/deliver";
import { notify } from "@/lib/server/notifications/notify";
import { databaseUrl, testDb } from "../support/db";
import { createUser } from "../support/factories";

const db = testDb();
const root = path.resolve(import.meta.dirname, "..", "..");

interface Receipt {
  messageId: string;
  outboxId: number;
  to: string;
}

/**
 * A real SMTP server that records each mail it accepted (answered 250 to), and can be told to hold a
 * recipient's mail at RCPT or after the data until the client goes away, or to refuse it with a code.
 * As RFC 5321 has it, the server takes responsibility for a mail with its 250 reply: a mail whose
 * client vanished before that reply is not accepted (and not counted).
 */
class TestSmtp {
  server: SMTPServer;
  accepted: Receipt[] = [];
  /** Mails received in full (the data ended), accepted or not. */
  dataReceived = 0;
  holdAtRcpt = new Set<string>();
  holdAfterData = new Set<string>();
  refuse = new Map<string, { code: number; times: number }>();
  private closed = new Set<string>();
  private closeWaiters = new Map<string, () => void>();
  private holdWaiters: ((to: string) => void)[] = [];
  url = "";

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (address, session, callback) => {
        const to = address.address;
        if (this.holdAtRcpt.delete(to)) return this.hold(to, session, () => callback(new Error("gone")));
        const refusal = this.refuse.get(to);
        if (refusal && refusal.times > 0) {
          refusal.times--;
          const err = new Error(refusal.code >= 500 ? "mailbox unavailable" : "try again later") as Error & {
            responseCode: number;
          };
          err.responseCode = refusal.code;
          return callback(err);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          this.dataReceived++;
          const raw = Buffer.concat(chunks).toString("utf8");
          const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "mi").exec(raw)?.[1].trim() ?? "";
          const to = session.envelope.rcptTo[0]?.address ?? "";
          const accept = () => {
            if (this.closed.has(session.id)) return callback(new Error("client gone"));
            this.accepted.push({ messageId: header("Message-ID"), outboxId: Number(header("X-Outbox-Id")), to });
            callback(null, "queued");
          };
          if (this.holdAfterData.delete(to)) return this.hold(to, session, accept);
          accept();
        });
      },
      onClose: (session) => {
        this.closed.add(session.id);
        this.closeWaiters.get(session.id)?.();
      },
    });
  }

  /** Holds the reply until the client's connection closes, then `then` runs (the client is gone by then). */
  private hold(to: string, session: SMTPServerSession, then: () => void) {
    this.closeWaiters.set(session.id, then);
    for (const w of this.holdWaiters.splice(0)) w(to);
  }

  /** Resolves with the recipient of the next mail the server holds. */
  nextHold(): Promise<string> {
    return new Promise((resolve) => this.holdWaiters.push(resolve));
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let smtp: TestSmtp;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  smtp = new TestSmtp();
  await smtp.start();
  // Mails left behind by other files' tests are not this file's to count: out of the way.
  await db.outboxMessage.updateMany({ where: { status: { in: ["PENDING", "FAILED"] } }, data: { status: "DEAD" } });
});
afterEach(() => {
  for (const w of workers.splice(0)) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
});
afterAll(async () => {
  await smtp.stop();
  await db.$disconnect();
});

/** The delivery worker as its own process (scripts/deliver-outbox.ts): node with tsx, no wrapper process. */
function startWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/deliver-outbox.ts", "--interval=100"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      SMTP_URL: smtp.url,
      OUTBOX_LEASE_MS: "5000",
      OUTBOX_BACKOFF_MS: "200",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode ?? child.exitCode);
    child.once("exit", (code, signal) => resolve(signal ?? code));
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 45_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `n` users each sent one mail through notify(), in one transaction: the outbox rows, in id order. */
async function mails(n: number) {
  const saved = process.env.SMTP_URL;
  process.env.SMTP_URL = smtp.url;
  try {
    const users: { id: number }[] = [];
    for (let i = 0; i < n; i++) users.push(await createUser(db, "NATIONAL_REGULATOR"));
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "GRADE_EXPIRING",
        userIds: users.map((u) => u.id),
        params: { mine: "测试煤矿", code: "1402260001", validUntil: "2027-06-30", days: 30 },
        link: "/mines/1402260001",
      }),
    );
    return db.outboxMessage.findMany({ where: { userId: { in: users.map((u) => u.id) } }, orderBy: { id: "asc" } });
  } finally {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
  }
}

const ours = (rows: { id: number }[]) => {
  const ids = new Set(rows.map((r) => r.id));
  return smtp.accepted.filter((r) => ids.has(r.outboxId));
};

describe("a worker killed mid-delivery", () => {
  it("loses no mail and sends none twice", async () => {
    const rows = await mails(12);
    expect(rows).toHaveLength(12);
    // Kill 1: after the server has the whole mail, while it is slow to answer (before its 250).
    // Kill 2: in the middle of the envelope (RCPT).
    smtp.holdAfterData.add(rows[3].recipient);
    smtp.holdAtRcpt.add(rows[7].recipient);
    const receivedBefore = smtp.dataReceived;

    let worker = startWorker();
    const held1 = await smtp.nextHold();
    expect(held1).toBe(rows[3].recipient);
    await killed(worker);
    worker = startWorker();
    const held2 = await smtp.nextHold();
    expect(held2).toBe(rows[7].recipient);
    await killed(worker);
    worker = startWorker();

    await until(
      async () =>
        (await db.outboxMessage.count({ where: { id: { in: rows.map((r) => r.id) }, status: "SENT" } })) === 12,
      "all 12 mails marked sent",
    );
    await killed(worker);

    const received = ours(rows);
    // 0 lost: every row's mail arrived; 0 duplicates: each exactly once, counted by raw receipts.
    expect(new Set(received.map((r) => r.messageId)).size).toBe(12);
    expect(received).toHaveLength(12);
    // Each carries its row's stable Message-ID.
    const after = await db.outboxMessage.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: { id: "asc" },
    });
    expect(received.map((r) => r.messageId).sort()).toEqual(after.map((r) => outboxMessageId(r)).sort());
    // The two interrupted mails took a second attempt (the lease expired); the others one.
    expect(after.map((r) => r.attempts)).toEqual(rows.map((_, i) => (i === 3 || i === 7 ? 2 : 1)));
    // The first kill came after the server had the whole mail: it received 13 in full, accepted 12.
    expect(smtp.dataReceived - receivedBefore).toBe(13);
  });

  it("a kill between the server's 250 and the mark re-sends the mail once, with the same Message-ID", async () => {
    const rows = await mails(3);
    const worker = startWorker({ OUTBOX_TEST_KILL_AFTER_ACCEPT: String(rows[1].id) });
    expect(await exited(worker)).toBe("SIGKILL");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: rows[1].id } })).toMatchObject({
      status: "PENDING",
    });
    const again = startWorker();
    await until(
      async () =>
        (await db.outboxMessage.count({ where: { id: { in: rows.map((r) => r.id) }, status: "SENT" } })) === 3,
      "all 3 mails marked sent",
    );
    await killed(again);
    const received = ours(rows);
    // Nothing lost; the mail in the window arrived twice, recognisably the same message.
    expect(new Set(received.map((r) => r.messageId)).size).toBe(3);
    const twice = received.filter((r) => r.outboxId === rows[1].id);
    expect(twice).toHaveLength(2);
    expect(twice[0].messageId).toBe(twice[1].messageId);
    expect(received).toHaveLength(4);
  });
});

describe("retries", () => {
  it("retries a temporary refusal with exponential backoff, then sends once", async () => {
    const [row] = await mails(1);
    smtp.refuse.set(row.recipient, { code: 451, times: 2 });
    const options = { db, smtpUrl: smtp.url, backoffMs: 300, leaseMs: 4000, workerId: "test-worker", warn: () => {} };

    const first = await deliverOutbox(options);
    expect(first).toEqual({ sent: 0, failed: 0, retried: 1 });
    const failed1 = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed1).toMatchObject({ status: "FAILED", attempts: 1, lockedBy: null });
    expect(failed1.lastError).toMatch(/451/);
    // Not due yet: the next call leaves it alone.
    await db.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await deliverOutbox(options)).toEqual({ sent: 0, failed: 0, retried: 0 });

    await db.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(0) } });
    const before2 = Date.now();
    expect(await deliverOutbox(options)).toEqual({ sent: 0, failed: 0, retried: 1 });
    const failed2 = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed2).toMatchObject({ status: "FAILED", attempts: 2 });
    // The second failure waits twice the first delay: 600 ms after it failed.
    expect(failed2.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before2 + 600);
    expect(failed2.nextAttemptAt.getTime()).toBeLessThan(Date.now() + 600 + 1);

    await until(async () => (await deliverOutbox(options)).sent === 1, "the third attempt");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      attempts: 3,
      lastError: null,
    });
    expect(ours([row])).toHaveLength(1);
  });

  it("gives up: DEAD after the last attempt, and at once on a permanent refusal", async () => {
    const [temporary, permanent] = await mails(2);
    smtp.refuse.set(temporary.recipient, { code: 421, times: 100 });
    smtp.refuse.set(permanent.recipient, { code: 550, times: 100 });
    const options = { db, smtpUrl: smtp.url, backoffMs: 1, leaseMs: 4000, maxAttempts: 3, warn: () => {} };
    await until(async () => {
      await deliverOutbox(options);
      return (
        (await db.outboxMessage.count({ where: { id: { in: [temporary.id, permanent.id] }, status: "DEAD" } })) === 2
      );
    }, "both DEAD");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: temporary.id } })).toMatchObject({ attempts: 3 });
    const dead = await db.outboxMessage.findUniqueOrThrow({ where: { id: permanent.id } });
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/550/);
    expect(ours([temporary, permanent])).toHaveLength(0);
  });

  it("sends nothing and changes nothing without an SMTP server configured", async () => {
    const [row] = await mails(1);
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      expect(await deliverOutbox({ db })).toEqual({ sent: 0, failed: 0, retried: 0 });
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    await db.outboxMessage.update({ where: { id: row.id }, data: { status: "DEAD" } });
  });
});
