// The scheduled jobs (lib/server/jobs) against the real database: each job's effect under the system
// actor, reminders once per threshold, the runner's schema, "run now", and exactly one run per
// schedule tick with two real worker processes (`npm run worker`) on the same database.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { register } from "@/instrumentation";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import { addDays } from "@/lib/domain/triggers";
import { LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import { TAGS } from "@/lib/server/cache/tags";
import { ServiceError } from "@/lib/server/errors";
import { executeJob } from "@/lib/server/jobs/run";
import { createDb } from "@/lib/server/db";
import { ensureRunnerSchema, startJobRunner, startJobsInProcess, stopJobsInProcess } from "@/lib/server/jobs/runner";
import { migrate } from "@/prisma/tooling/migrate";
import { startEmbeddedDatabase } from "@/scripts/lib/embedded-db.mjs";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";
import { runJobNow } from "@/lib/server/services/run-job-now";
import { sendGradeExpiryReminders, sendOverdueFindingReminders } from "@/lib/server/services/send-reminders";
import { databaseUrl, testDb } from "../support/db";
import { createGrade, createMine, createSpotCheck, createUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const root = path.resolve(import.meta.dirname, "..", "..");
const today = todayInChina();

const reminders = (kind: "GRADE_EXPIRY" | "FINDING_OVERDUE", subjectId: number) =>
  db.jobReminder.findMany({ where: { kind, subjectId }, orderBy: { threshold: "desc" }, select: { threshold: true } });
const auditRows = (action: string, entity: string, entityId: number | string) =>
  db.auditLog.findMany({ where: { action, entity, entityId: String(entityId) } });

describe("the system actor", () => {
  it("is the reserved account 0: inactive, with no usable password", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: SYSTEM_ACTOR_ID } });
    expect(user).toMatchObject({ active: false, passwordHash: "!" });
  });
});

describe("the stopped-mines scan", () => {
  it("proposes revocation for a mine stopped too long in any province, as the system, once", async () => {
    const since = addMonths(today, -7);
    const periods = [
      { status: "NORMAL_PRODUCTION" as const, startedOn: "2015-01-01", endedOn: since },
      { status: "STOPPED" as const, startedOn: since },
    ];
    // Two provinces (Shanxi, Anhui): no regulator's scope covers both.
    const shanxi = await createMine(db, { countyCode: "140226", periods });
    const anhui = await createMine(db, { countyCode: "340421", periods });
    for (const mine of [shanxi, anhui]) await createGrade(db, mine, { level: 2, announcedOn: addMonths(today, -12) });

    const started = new Date(Date.now() - 1000);
    const { result } = await executeJob("stopped-mines-scan", { db });
    expect(result.proposed).toBeGreaterThanOrEqual(2);
    for (const mine of [shanxi, anhui]) {
      const decisions = await db.decision.findMany({ where: { mineId: mine.id, reason: "PRODUCTION_STOPPED" } });
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({ status: "PROPOSED", type: "REVOCATION", proposedById: SYSTEM_ACTOR_ID });
      expect(decisions[0].proposerAuthorityId).not.toBeNull();
      const audited = await auditRows("decision.propose", "Decision", decisions[0].id);
      expect(audited.map((a) => a.actorId)).toEqual([SYSTEM_ACTOR_ID]);
    }
    // Every instance's cache learns of it (the job runs outside any request): the mines' tags are
    // recorded as the cache handler records them.
    const tags = await db.cacheTagInvalidation.findMany({
      where: { tag: { in: [shanxi, anhui].map((m) => TAGS.mine(m.code)) }, changedAt: { gte: started } },
    });
    expect(tags).toHaveLength(2);
    // The next day's run proposes nothing new for them.
    await executeJob("stopped-mines-scan", { db });
    expect(await db.decision.count({ where: { mineId: { in: [shanxi.id, anhui.id] } } })).toBe(2);
    // Every run is recorded, with its audit row by the system.
    const runs = await db.jobRun.findMany({ where: { job: "stopped-mines-scan" }, orderBy: { id: "desc" }, take: 2 });
    expect(runs.map((r) => r.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(runs[0].finishedAt).not.toBeNull();
    const runAudit = await db.auditLog.findFirstOrThrow({
      where: { action: "job.run", entityId: "stopped-mines-scan" },
      orderBy: { id: "desc" },
    });
    expect(runAudit.actorId).toBe(SYSTEM_ACTOR_ID);
  });
});

describe("grade expiry reminders", () => {
  it("remind 180, 90 and 30 days before the end, each exactly once", async () => {
    const mine = await createMine(db);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const local = await createUser(db, "LOCAL_REGULATOR", { mine });
    // Ends in 170 days: the 180-day reminder is due; the 90 and 30 not yet.
    const grade = await createGrade(db, mine, {
      level: 3,
      announcedOn: addMonths(today, -30),
      validUntil: addDays(today, 170),
    });
    const other = await createGrade(db, await createMine(db), {
      level: 3,
      announcedOn: addMonths(today, -12),
      validUntil: addDays(today, 400),
    });

    await executeJob("grade-expiry-reminders", { db });
    await executeJob("grade-expiry-reminders", { db });
    expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([{ threshold: 180 }]);
    expect(await reminders("GRADE_EXPIRY", other.id)).toEqual([]);

    // Days later, still more than 90 days to go: nothing new.
    await sendGradeExpiryReminders({ db, today: addDays(today, 30) });
    expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([{ threshold: 180 }]);
    // 90 days before the end, run twice; then 30 days before, run twice.
    for (const day of [addDays(today, 80), addDays(today, 80), addDays(today, 140), addDays(today, 141)])
      await sendGradeExpiryReminders({ db, today: day });
    expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([
      { threshold: 180 },
      { threshold: 90 },
      { threshold: 30 },
    ]);
    // Past its end: none.
    await sendGradeExpiryReminders({ db, today: addDays(today, 171) });
    expect(await reminders("GRADE_EXPIRY", grade.id)).toHaveLength(3);

    const audited = await auditRows("reminder.gradeExpiry", "Grade", grade.id);
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.actorId === SYSTEM_ACTOR_ID && a.regionCode === mine.countyCode)).toBe(true);
    // Each reminder notified the mine's manager and its local regulator, once.
    for (const user of [manager, local]) {
      const notes = await db.notification.findMany({
        where: {
          userId: user.id,
          kind: "GRADE_EXPIRING",
          eventKey: { startsWith: `reminder.gradeExpiry:${grade.id}:` },
        },
        orderBy: { id: "asc" },
      });
      expect(notes.map((n) => n.eventKey)).toEqual([180, 90, 30].map((t) => `reminder.gradeExpiry:${grade.id}:${t}`));
      expect(notes[0].params).toMatchObject({ code: mine.code, days: 170 });
      expect(notes[0].link).toBe(`/mines/${mine.code}`);
    }
  });

  it("send only the reminder still true when the first run comes late", async () => {
    const grade = await createGrade(db, await createMine(db), {
      level: 3,
      announcedOn: addMonths(today, -33),
      validUntil: addDays(today, 85),
    });
    await sendGradeExpiryReminders({ db, today });
    expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([{ threshold: 90 }]);
  });

  it("are written once when two runs race", async () => {
    const grade = await createGrade(db, await createMine(db), {
      level: 3,
      announcedOn: addMonths(today, -33),
      validUntil: addDays(today, 20),
    });
    const runs = await Promise.all([1, 2, 3].map(() => sendGradeExpiryReminders({ db, today })));
    expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([{ threshold: 30 }]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(1);
    expect(await auditRows("reminder.gradeExpiry", "Grade", grade.id)).toHaveLength(1);
  });
});

describe("overdue findings", () => {
  it("remind once per finding and threshold, only for unrectified findings past their date", async () => {
    const mine = await createMine(db);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const check = await createSpotCheck(db, mine, {
      checkedOn: addDays(today, -30),
      findings: [
        { rectifyBy: addDays(today, -3) },
        { rectifyBy: addDays(today, -3), rectifiedOn: addDays(today, -4) },
        { rectifyBy: addDays(today, 10) },
        { rectifyBy: null },
      ],
    });
    const draft = await createSpotCheck(db, mine, {
      checkedOn: addDays(today, -30),
      status: "DRAFT",
      findings: [{ rectifyBy: addDays(today, -3) }],
    });
    const [overdue, rectified, notYet, undated] = check.findings.map((f) => f.id);

    await executeJob("overdue-findings", { db });
    await executeJob("overdue-findings", { db });
    expect(await reminders("FINDING_OVERDUE", overdue)).toEqual([{ threshold: 1 }]);
    for (const id of [rectified, notYet, undated, draft.findings[0].id])
      expect(await reminders("FINDING_OVERDUE", id)).toEqual([]);

    for (const day of [addDays(today, 4), addDays(today, 5), addDays(today, 27), addDays(today, 40)])
      await sendOverdueFindingReminders({ db, today: day });
    expect(await reminders("FINDING_OVERDUE", overdue)).toEqual([
      { threshold: 30 },
      { threshold: 7 },
      { threshold: 1 },
    ]);
    const audited = await auditRows("reminder.findingOverdue", "Finding", overdue);
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.actorId === SYSTEM_ACTOR_ID)).toBe(true);
    // The finding due in ten days fell due meanwhile: 7 days over on day 27, 30 days over on day 40.
    expect(await reminders("FINDING_OVERDUE", notYet)).toEqual([{ threshold: 30 }, { threshold: 7 }]);
    // The manager was told once per run that found something due: of the findings that fell due then.
    const notes = await db.notification.findMany({
      where: { userId: manager.id, kind: "FINDING_OVERDUE" },
      orderBy: { id: "asc" },
    });
    expect(notes.map((n) => (n.params as { count: number }).count)).toEqual([1, 1, 2, 1]);
    expect(notes[0].link).toBe(`/mines/${mine.code}/spot-checks/${check.id}`);
    // A finding rectified meanwhile gets no more.
    await db.finding.update({ where: { id: overdue }, data: { rectifiedOn: new Date() } });
    await sendOverdueFindingReminders({ db, today: addDays(today, 400) });
    expect(await reminders("FINDING_OVERDUE", overdue)).toHaveLength(3);
  });
});

describe("notification delivery", () => {
  it("mails a reminder's email from the outbox through a real SMTP server, once", async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        stream.on("data", () => {});
        stream.on("end", () => {
          received.push(session.envelope.rcptTo[0]?.address ?? "");
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    try {
      const mine = await createMine(db);
      const manager = await createUser(db, "MINE_MANAGER", { mine });
      const grade = await createGrade(db, mine, {
        level: 3,
        announcedOn: addMonths(today, -33),
        validUntil: addDays(today, 25),
      });
      await sendGradeExpiryReminders({ db, today });
      const outbox = await db.outboxMessage.findMany({ where: { userId: manager.id } });
      expect(outbox).toHaveLength(1);
      expect(received).toEqual([]);

      const first = await executeJob("notification-delivery", { db });
      expect(first.result.sent).toBeGreaterThanOrEqual(1);
      const second = await executeJob("notification-delivery", { db });
      expect(second.result.sent).toBe(0);
      const [{ email }] = await db.user.findMany({ where: { id: manager.id }, select: { email: true } });
      expect(received.filter((to) => to === email)).toHaveLength(1);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: outbox[0].id } })).toMatchObject({
        status: "SENT",
      });
      expect(await reminders("GRADE_EXPIRY", grade.id)).toEqual([{ threshold: 30 }]);
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe("housekeeping", () => {
  it("purges old sign-in records and old job runs, and records its run", async () => {
    const now = new Date();
    const old = await db.loginAttempt.create({
      data: {
        email: "jobs-old@test.invalid",
        ip: "203.0.113.7",
        success: false,
        at: new Date(now.getTime() - LOCKOUT_HISTORY_MS - 60_000),
      },
    });
    const oldRun = await db.jobRun.create({
      data: { job: "housekeeping", status: "SUCCEEDED", startedAt: new Date(now.getTime() - 100 * 86_400_000) },
    });
    const { runId, result } = await executeJob("housekeeping", { db });
    expect(result.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(result.jobRuns).toBeGreaterThanOrEqual(1);
    expect(await db.loginAttempt.count({ where: { id: old.id } })).toBe(0);
    expect(await db.jobRun.count({ where: { id: oldRun.id } })).toBe(0);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "SUCCEEDED" });
  });
});

/** graphile-worker's queued jobs of a task. */
async function queued(task: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${task}`;
  return rows[0].n;
}

describe("run now", () => {
  it("queues one run for ADMIN, audited; refuses other roles and unknown jobs", async () => {
    const admin = await createUser(db, "ADMIN");
    await ensureRunnerSchema(databaseUrl());
    await db.$queryRaw`SELECT graphile_worker.remove_job('run-now:overdue-findings')::text`;
    const first = await runJobNow(admin, { job: "overdue-findings" }, { db });
    // Asked twice before a worker took it: still one queued run.
    const second = await runJobNow(admin, { job: "overdue-findings" }, { db });
    expect(second.queuedJobId).toBe(first.queuedJobId);
    expect(await queued("overdue-findings")).toBe(1);
    const audited = await db.auditLog.findMany({
      where: { action: "job.runNow", entityId: "overdue-findings", actorId: admin.id },
    });
    expect(audited).toHaveLength(2);

    for (const role of ["NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "OFFICIAL"] as const) {
      const caller = await createUser(db, role);
      await expect(runJobNow(caller, { job: "housekeeping" }, { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(runJobNow(admin, { job: "no-such-job" }, { db })).rejects.toBeInstanceOf(ServiceError);
    expect(await queued("no-such-job")).toBe(0);
    await db.$queryRaw`SELECT graphile_worker.remove_job('run-now:overdue-findings')::text`;
  });
});

describe("the web process's runner", () => {
  it("starts from instrumentation.ts only in the Node.js runtime and unless JOBS_IN_PROCESS=false, once", async () => {
    const saved = {
      runtime: process.env.NEXT_RUNTIME,
      inProcess: process.env.JOBS_IN_PROCESS,
      crontab: process.env.JOBS_CRONTAB,
    };
    try {
      process.env.JOBS_CRONTAB = "off";
      process.env.NEXT_RUNTIME = "edge";
      await register();
      expect(await stopJobsInProcess()).toBe(false);
      process.env.NEXT_RUNTIME = "nodejs";
      process.env.JOBS_IN_PROCESS = "false";
      await register();
      expect(await stopJobsInProcess()).toBe(false);
      process.env.JOBS_IN_PROCESS = "";
      await register();
      await register();
      expect(await startJobsInProcess()).toBeDefined();
      expect(await stopJobsInProcess()).toBe(true);
      expect(await stopJobsInProcess()).toBe(false);
    } finally {
      process.env.NEXT_RUNTIME = saved.runtime;
      process.env.JOBS_IN_PROCESS = saved.inProcess;
      process.env.JOBS_CRONTAB = saved.crontab;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Two worker processes, one schedule

function startWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  let out = "";
  const child = spawn(
    process.execPath,
    ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "scripts/worker.ts"],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`job worker ${child.pid} started`)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it started:\n${out}`)));
  });
  return { child, ready, output: () => out };
}

function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe("two worker processes on one database", () => {
  it("run each tick of a schedule exactly once", { timeout: 180_000 }, async () => {
    const id = `tick-test-${process.pid}`;
    await ensureRunnerSchema(databaseUrl());
    // The schedule was last run six minutes ago: each worker, as it starts, catches up the ticks
    // since then (fill), and both then meet every new minute's tick.
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    let lastExecution: Date;
    try {
      const { rows } = await client.query<{ last: Date }>(
        `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
         VALUES ($1, now() - interval '1 hour', date_trunc('minute', now()) - interval '6 minutes')
         RETURNING last_execution AS last`,
        [id],
      );
      lastExecution = rows[0].last;
    } finally {
      await client.end();
    }
    const before = await db.jobRun.count({ where: { job: "housekeeping", scheduledFor: { gt: lastExecution } } });
    expect(before).toBe(0);

    const env = { JOBS_CRONTAB: `* * * * * housekeeping ?fill=10m&id=${id}`, LOG_LEVEL: "warn" };
    const workers = [startWorker(env), startWorker(env)];
    try {
      await Promise.all(workers.map((w) => w.ready));
      const bothUp = new Date();
      // Wait for a tick after both were up (the next minute), and for every tick before it to be done.
      const firstLiveTick = new Date(Math.floor(bothUp.getTime() / 60_000) * 60_000 + 60_000);
      const expectedTicks = Math.round((firstLiveTick.getTime() - lastExecution.getTime()) / 60_000);
      await expect
        .poll(
          () =>
            db.jobRun.count({
              where: {
                job: "housekeeping",
                status: "SUCCEEDED",
                scheduledFor: { gt: lastExecution, lte: firstLiveTick },
              },
            }),
          { timeout: 150_000, interval: 1000 },
        )
        .toBeGreaterThanOrEqual(expectedTicks);
      const runs = await db.jobRun.findMany({
        where: { job: "housekeeping", scheduledFor: { gt: lastExecution, lte: firstLiveTick } },
        select: { scheduledFor: true, workerId: true },
      });
      const perTick = new Map<number, number>();
      for (const r of runs) perTick.set(r.scheduledFor!.getTime(), (perTick.get(r.scheduledFor!.getTime()) ?? 0) + 1);
      // Every minute from the one after the last execution to the first live tick: one run each.
      const ticks = Array.from({ length: expectedTicks }, (_, i) => lastExecution.getTime() + (i + 1) * 60_000);
      expect([...perTick.keys()].sort()).toEqual(ticks);
      expect([...perTick.values()].every((n) => n === 1)).toBe(true);
      expect(runs).toHaveLength(expectedTicks);
      // Both processes were running all along.
      for (const w of workers) expect(w.child.exitCode).toBeNull();
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w.child)));
      await db.$executeRaw`DELETE FROM graphile_worker._private_known_crontabs WHERE identifier = ${id}`;
    }
  });
});

describe("on the embedded database (PGlite) of npm run dev", () => {
  it(
    "the runner creates its schema, catches up a schedule's ticks and runs a queued job",
    { timeout: 180_000 },
    async () => {
      const embedded = await startEmbeddedDatabase({ port: 0 }); // in memory, on a free port
      const url = `postgresql://postgres:postgres@127.0.0.1:${embedded.port}/postgres?sslmode=disable`;
      const pglite = createDb(url, 4);
      try {
        await migrate(url);
        await ensureRunnerSchema(url);
        const [{ last }] = await pglite.$queryRaw<{ last: Date }[]>`
        INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
        VALUES ('pglite-tick', now() - interval '1 hour', date_trunc('minute', now()) - interval '3 minutes')
        RETURNING last_execution AS last`;
        const runner = await startJobRunner({
          connectionString: url,
          db: pglite,
          crontab: "* * * * * housekeeping ?fill=10m&id=pglite-tick",
          pollInterval: 200,
        });
        try {
          await pglite.$queryRaw`SELECT (graphile_worker.add_job('overdue-findings', '{}'::json)).id::text`;
          await expect
            .poll(() => pglite.jobRun.count({ where: { job: "overdue-findings", status: "SUCCEEDED" } }), {
              timeout: 60_000,
            })
            .toBe(1);
          // The three ticks since the last execution, once each.
          await expect
            .poll(
              () =>
                pglite.jobRun.count({
                  where: {
                    job: "housekeeping",
                    status: "SUCCEEDED",
                    scheduledFor: { gt: last, lte: new Date(last.getTime() + 3 * 60_000) },
                  },
                }),
              { timeout: 60_000 },
            )
            .toBe(3);
        } finally {
          await runner.stop();
        }
      } finally {
        await pglite.$disconnect();
        await embedded.stop();
      }
    },
  );
});
