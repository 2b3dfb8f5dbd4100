// The audit log is append-only and hash-chained by the database itself (migration *_audit_hash_chain);
// `npm run audit:verify` (scripts/audit-verify.ts) recomputes the chain in Node and names the first
// broken row. Tampering is done as the superuser with triggers switched off, on copies of a small
// chained database, so every case starts from the same intact chain.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { computeHash, GENESIS_HASH, verifyAuditChain, type AuditChainRow } from "@/lib/server/audit-chain";
import { loadCaller } from "@/lib/server/auth/load-caller";
import { createDb } from "@/lib/server/db";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { listMigrations, migrate } from "@/prisma/tooling/migrate";
import { adminUrl, databaseUrl, scratchDatabase, sql, testDb } from "../support/db";

const root = path.resolve(import.meta.dirname, "../..");
const db = testDb();

afterAll(() => db.$disconnect());

const ROW_SQL = `
  SELECT id::text AS id, (extract(epoch FROM at) * 1000000)::bigint::text AS "atMicros",
         "actorId"::text AS "actorId", action, entity, "entityId", "regionCode"::text AS "regionCode",
         before::text AS before, after::text AS after, "prevHash"::text AS "prevHash", hash::text AS hash
    FROM "AuditLog"`;

async function rowsWhere(url: string, where: string, params: unknown[] = []): Promise<AuditChainRow[]> {
  return sql<AuditChainRow>(url, `${ROW_SQL} WHERE ${where} ORDER BY "AuditLog".id`, params);
}

/** The row before `id` in id order (the one its prevHash must name), or null. */
async function rowBefore(url: string, id: string): Promise<AuditChainRow | null> {
  const rows = await sql<AuditChainRow>(url, `${ROW_SQL} WHERE id < $1::bigint ORDER BY "AuditLog".id DESC LIMIT 1`, [
    id,
  ]);
  return rows[0] ?? null;
}

async function expectChained(url: string, row: AuditChainRow): Promise<void> {
  expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  const before = await rowBefore(url, row.id);
  expect(row.prevHash).toBe(before ? before.hash : GENESIS_HASH);
  expect(computeHash(row)).toBe(row.hash);
}

function runVerify(url: string, ...args: string[]): { status: number | null; out: string } {
  // `npx tsx scripts/audit-verify.ts`, without npx's own start-up.
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("audit rows are chained by the database", () => {
  it("a service's audit row gets a hash over its content and the previous row's hash", async () => {
    const u = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    const manager = (await loadCaller(db, u.id))!;
    const { hiddenDangerId } = await reportHiddenDanger(
      manager,
      { foundOn: todayInChina(), description: 'Audit chain test | roof: 顶板 "quoted"\n' },
      { db },
    );
    const [row] = await rowsWhere(databaseUrl(), `entity = 'HiddenDanger' AND "entityId" = $1`, [
      String(hiddenDangerId),
    ]);
    expect(row.action).toBe("hiddenDanger.selfReport");
    expect(row.actorId).toBe(String(manager.id));
    await expectChained(databaseUrl(), row);
  });

  it("hashes awkward values exactly as the verifier recomputes them, and a rolled-back append leaves no trace", async () => {
    const marker = `chain-awkward-${Date.now()}`;
    await db.$transaction(async (tx) => {
      await audit(tx, {
        actorId: null,
        action: "test.chain",
        entity: "Test|:",
        entityId: marker,
        before: { "z|": "a|3:b", nested: [1, 2.5, 1e21, -0.125, null, true, "中文", { "": "" }], date: new Date(0) },
        after: { quote: '"\\', control: "\u0001\t", emoji: "😀", big: 12345678901234567890n },
      });
    });
    await expect(
      db.$transaction(async (tx) => {
        await audit(tx, { actorId: null, action: "test.chain", entity: "Test", entityId: `${marker}-rolled-back` });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.$transaction((tx) => audit(tx, { actorId: null, action: "test.chain", entity: "Test", entityId: marker }));
    const rows = await rowsWhere(databaseUrl(), `"entityId" LIKE $1`, [`${marker}%`]);
    expect(rows.map((r) => r.entity)).toEqual(["Test|:", "Test"]);
    for (const row of rows) await expectChained(databaseUrl(), row);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    const result = await verifyAuditChain(databaseUrl());
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBeGreaterThanOrEqual(2);
  });

  it("multi-row inserts are chained row by row", async () => {
    const marker = `chain-bulk-${Date.now()}`;
    await db.auditLog.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        action: "test.chain",
        entity: "Bulk",
        entityId: `${marker}-${i}`,
      })),
    });
    const rows = await rowsWhere(databaseUrl(), `"entityId" LIKE $1`, [`${marker}-%`]);
    expect(rows).toHaveLength(50);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    for (const row of rows) expect(computeHash(row)).toBe(row.hash);
    expect((await verifyAuditChain(databaseUrl(), { batchSize: 7 })).ok).toBe(true);
  });
});

describe("concurrent appends", () => {
  it("transactions appending at once still give one chain in id order", async () => {
    const marker = `chain-concurrent-${Date.now()}`;
    const pool = createDb(databaseUrl(), 10);
    try {
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          pool.$transaction(
            async (tx) => {
              await tx.$queryRawUnsafe(`SELECT pg_sleep(${(i % 5) / 200})::text`);
              await audit(tx, {
                actorId: null,
                action: "test.chain",
                entity: "Concurrent",
                entityId: `${marker}-${i}`,
              });
              await tx.$queryRawUnsafe(`SELECT pg_sleep(${((i * 7) % 5) / 200})::text`);
              await audit(tx, {
                actorId: null,
                action: "test.chain",
                entity: "Concurrent",
                entityId: `${marker}-${i}b`,
              });
            },
            { maxWait: 30_000, timeout: 30_000 },
          ),
        ),
      );
    } finally {
      await pool.$disconnect();
    }
    const rows = await rowsWhere(databaseUrl(), `"entityId" LIKE $1`, [`${marker}-%`]);
    expect(rows).toHaveLength(48);
    // The two rows of one transaction are adjacent: appends are serialised until commit.
    for (let i = 0; i < rows.length; i += 2) {
      expect(rows[i + 1].entityId).toBe(`${rows[i].entityId}b`);
      expect(rows[i + 1].prevHash).toBe(rows[i].hash);
    }
    const result = await verifyAuditChain(databaseUrl());
    expect(result.ok).toBe(true);
  });

  it("a transaction that drew its id first but appends last is chained after, not before", async () => {
    const url = databaseUrl();
    const first = new pg.Client({ connectionString: url });
    const second = new pg.Client({ connectionString: url });
    await first.connect();
    await second.connect();
    const insert = `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('test.chain', 'Race', $1) RETURNING id::text AS id`;
    try {
      await first.query("BEGIN");
      await second.query("BEGIN");
      await first.query(insert, ["first-a"]);
      const secondPid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      // The second transaction's insert draws its default id now, then waits for the chain lock.
      const pending = second.query<{ id: string }>(insert, ["second"]);
      let waiting = false;
      for (let i = 0; i < 400 && !waiting; i++) {
        const { rows } = await first.query(
          `SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
          [secondPid],
        );
        waiting = rows.length > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 25));
      }
      expect(waiting).toBe(true);
      const firstB = (await first.query<{ id: string }>(insert, ["first-b"])).rows[0].id;
      await first.query("COMMIT");
      const secondId = (await pending).rows[0].id;
      await second.query("COMMIT");
      expect(BigInt(secondId)).toBeGreaterThan(BigInt(firstB));
      const [b] = await rowsWhere(url, `id = $1::bigint`, [firstB]);
      const [s] = await rowsWhere(url, `id = $1::bigint`, [secondId]);
      expect(s.prevHash).toBe(b.hash);
      expect((await verifyAuditChain(url)).ok).toBe(true);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it("refuses appends under REPEATABLE READ, where the chain head could be stale", async () => {
    await expect(
      db.$transaction((tx) => audit(tx, { actorId: null, action: "test.chain", entity: "Test", entityId: "rr" }), {
        isolationLevel: "RepeatableRead",
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });
});

describe("the database refuses changes to the audit log", () => {
  async function refused(statement: string): Promise<void> {
    const c = new pg.Client({ connectionString: databaseUrl() });
    await c.connect();
    try {
      // Inside a transaction that is rolled back, so nothing is lost even if the statement ran.
      await c.query("BEGIN");
      await expect(c.query(statement)).rejects.toThrow(/append-only/);
    } finally {
      await c.query("ROLLBACK");
      await c.end();
    }
  }
  it("UPDATE, DELETE and TRUNCATE (also by cascade) are refused, even for the superuser", async () => {
    await refused(`UPDATE "AuditLog" SET action = 'changed' WHERE id = (SELECT max(id) FROM "AuditLog")`);
    await refused(`UPDATE "AuditLog" SET hash = NULL`);
    await refused(`DELETE FROM "AuditLog" WHERE id = (SELECT max(id) FROM "AuditLog")`);
    await refused(`TRUNCATE "AuditLog"`);
    await refused(`TRUNCATE "User" CASCADE`);
    const rows = await sql<{ n: string }>(databaseUrl(), `SELECT count(*) AS n FROM "AuditLog"`);
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });
});

describe("the migration chains the rows already present", () => {
  it("backfills in id order", async () => {
    const scratch = await scratchDatabase("chain_backfill");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    try {
      const all = listMigrations();
      const mine = all.findIndex((m) => m.name.endsWith("_audit_hash_chain"));
      expect(mine).toBeGreaterThan(0);
      for (const m of all.slice(0, mine)) {
        fs.mkdirSync(path.join(dir, m.name));
        fs.writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
      }
      await migrate(scratch.url, dir);
      await sql(
        scratch.url,
        `INSERT INTO "AuditLog" (action, entity, "entityId", after)
         SELECT 'old', 'Mine', g::text, jsonb_build_object('g', g) FROM generate_series(1, 30) g`,
      );
      expect((await verifyAuditChain(scratch.url)).firstBroken?.reason).toBe("missing hash");
      await migrate(scratch.url);
      expect(await verifyAuditChain(scratch.url)).toMatchObject({ ok: true, checked: 30 });
      // And new rows continue the backfilled chain.
      await sql(scratch.url, `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('new', 'Mine', 'x')`);
      expect(await verifyAuditChain(scratch.url)).toMatchObject({ ok: true, checked: 31 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});

describe("npm run audit:verify detects tampering", () => {
  let base: { url: string; drop: () => Promise<void> };
  let ids: string[] = [];
  const copies: string[] = [];

  async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  }

  /** A new database copied from the chained base, as the superuser. */
  async function copy(): Promise<string> {
    const baseName = new URL(base.url).pathname.slice(1);
    const name = `${baseName}_copy${copies.length}`;
    await admin(async (c) => {
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [baseName]);
      await c.query(`CREATE DATABASE "${name}" TEMPLATE "${baseName}"`);
    });
    copies.push(name);
    const u = new URL(adminUrl());
    u.pathname = `/${name}`;
    return u.toString();
  }

  /** Runs statements with every trigger off (superuser only), as an attacker with full access would. */
  async function tamper(url: string, ...statements: string[]): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("SET session_replication_role = replica");
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    base = await scratchDatabase("chain_base");
    await migrate(base.url);
    const bdb = createDb(base.url, 2);
    try {
      for (let i = 0; i < 10; i++)
        await bdb.$transaction((tx) =>
          audit(tx, {
            actorId: null,
            action: "test.tamper",
            entity: "Mine",
            entityId: String(i),
            regionCode: "140211",
            before: i % 2 ? { level: i } : undefined,
            after: { level: i + 1, note: `row ${i}` },
          }),
        );
      await bdb.auditLog.createMany({
        data: [0, 1, 2].map((i) => ({ action: "test.tamper", entity: "Bulk", entityId: String(i) })),
      });
    } finally {
      await bdb.$disconnect();
    }
    ids = (await sql<{ id: string }>(base.url, `SELECT id::text AS id FROM "AuditLog" ORDER BY "AuditLog".id`)).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(13);
  });

  afterAll(async () => {
    await admin(async (c) => {
      for (const name of copies) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    await base?.drop();
  });

  it("passes the untouched chain (exit 0)", async () => {
    const url = await copy();
    const r = runVerify(url);
    expect(r.out).toContain("audit chain: 13 rows verified, intact");
    expect(r.status).toBe(0);
  });

  it("(a) a row whose content was changed: hash mismatch at that row", async () => {
    const url = await copy();
    await tamper(url, `UPDATE "AuditLog" SET after = '{"level": 1, "note": "changed"}' WHERE id = ${ids[5]}`);
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${ids[5]}: hash mismatch`);
  });

  it("(a') a changed row whose hash was recomputed too: the next row's link breaks", async () => {
    const url = await copy();
    await tamper(url, `UPDATE "AuditLog" SET after = '{"level": 1, "note": "changed"}' WHERE id = ${ids[5]}`);
    const [row] = await rowsWhere(url, `id = ${ids[5]}`);
    await tamper(url, `UPDATE "AuditLog" SET hash = '${computeHash(row)}' WHERE id = ${ids[5]}`);
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${ids[6]}: broken link`);
    expect(r.out).toContain(`hash of row ${ids[5]}`);
  });

  it("(b) a deleted middle row: broken link at the row after it, naming the row before the gap", async () => {
    const url = await copy();
    await tamper(url, `DELETE FROM "AuditLog" WHERE id = ${ids[6]}`);
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${ids[7]}: broken link`);
    expect(r.out).toContain(`hash of row ${ids[5]}`);
  });

  it("(c) a forged row with a made-up hash: hash mismatch at the forged row", async () => {
    const url = await copy();
    const forgedId = BigInt(ids[3]) + 1n;
    expect(BigInt(ids[4])).toBeGreaterThan(forgedId); // ids leave gaps: two sequence values per row
    const [prev] = await rowsWhere(url, `id = ${ids[3]}`);
    await tamper(
      url,
      `INSERT INTO "AuditLog" (id, action, entity, "entityId", "prevHash", hash)
       VALUES (${forgedId}, 'forged', 'Mine', '1', '${prev.hash}', '${"ab".repeat(32)}')`,
    );
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${forgedId}: hash mismatch`);
  });

  it("(c') a forged row with a correctly computed hash: the next row's link breaks", async () => {
    const url = await copy();
    const forgedId = String(BigInt(ids[3]) + 1n);
    const [prev] = await rowsWhere(url, `id = ${ids[3]}`);
    const forged: AuditChainRow = {
      id: forgedId,
      atMicros: prev.atMicros,
      actorId: null,
      action: "forged",
      entity: "Mine",
      entityId: "1",
      regionCode: "",
      before: null,
      after: null,
      prevHash: prev.hash,
      hash: null,
    };
    await tamper(
      url,
      `INSERT INTO "AuditLog" (id, at, action, entity, "entityId", "prevHash", hash)
       SELECT ${forgedId}, at, 'forged', 'Mine', '1', '${prev.hash}', '${computeHash(forged)}'
         FROM "AuditLog" WHERE id = ${ids[3]}`,
    );
    expect((await verifyAuditChain(url)).firstBroken).toMatchObject({ id: ids[4], reason: "broken link" });
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${ids[4]}: broken link`);
    expect(r.out).toContain(`hash of row ${forgedId}`);
  });

  it("(c'') a row slipped in with the chain trigger off: missing hash", async () => {
    const url = await copy();
    await tamper(url, `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('forged', 'Mine', '1')`);
    const [row] = await rowsWhere(url, `action = 'forged'`);
    const r = runVerify(url);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${row.id}: missing hash`);
  });

  it("(d) rows cut from the end are caught with a recorded head (--anchor)", async () => {
    const url = await copy();
    const head = runVerify(url);
    const m = /head: row (\d+), hash ([0-9a-f]{64})/.exec(head.out);
    expect(m?.[1]).toBe(ids[12]);
    await tamper(url, `DELETE FROM "AuditLog" WHERE id = ${ids[12]}`);
    // Without the anchor a shortened chain is still a valid chain: that is what the anchor is for.
    expect(runVerify(url).status).toBe(0);
    const r = runVerify(url, `--anchor=${m![1]}:${m![2]}`);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`BROKEN at row ${ids[12]}: anchor mismatch`);
  });
});
