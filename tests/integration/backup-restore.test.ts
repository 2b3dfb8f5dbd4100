// Backup and restore (scripts/db-backup.ts, scripts/db-restore.ts): the seeded test database is backed
// up, restored into a new database on the same server, and every table is compared, row count and
// content checksum, with sequences, triggers and the audit chain.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "@/lib/server/audit";
import { verifyAuditChain } from "@/lib/server/audit-chain";
import { ensureRunnerSchema } from "@/lib/server/jobs/runner";
import { databaseUrl, scratchDatabase, sql, testDb } from "../support/db";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grading-backup-"));
const file = path.join(dir, "backup.dump");
let target: { url: string; drop: () => Promise<void> };

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

interface TableSummary {
  table: string;
  rows: number;
  md5: string;
}

/** Every table of the public schema (the migrations table included): rows and an ordered content checksum. */
async function summarize(url: string): Promise<TableSummary[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ table: string; pk: string[] | null }>(
      `SELECT t.table_name AS table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = format('%I.%I', t.table_schema, t.table_name)::regclass AND i.indisprimary) AS pk
         FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY t.table_name`,
    );
    const out: TableSummary[] = [];
    for (const { table, pk } of tables) {
      const order = pk?.length ? pk.map((col) => `t.${pg.escapeIdentifier(col)}`).join(", ") : "t::text";
      const { rows } = await c.query<{ n: string; md5: string }>(
        `SELECT count(*)::text AS n, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY ${order})), '') AS md5
           FROM ${pg.escapeIdentifier(table)} t`,
      );
      out.push({ table, rows: Number(rows[0].n), md5: rows[0].md5 });
    }
    return out;
  } finally {
    await c.end();
  }
}

async function sequences(url: string) {
  return sql<{ name: string; last: string | null }>(
    url,
    `SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
}

async function triggers(url: string) {
  const rows = await sql<{ line: string }>(
    url,
    `SELECT format('%s %s %s', c.relname, t.tgname, t.tgenabled) AS line
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

let source: TableSummary[];
// Issue 15.5: an evidence file (bytes in PostgreSQL) that must come back byte for byte.
const evidenceBytes = randomBytes(200_000);
const evidenceSha = createHash("sha256").update(evidenceBytes).digest("hex");
let evidenceId: number;

beforeAll(async () => {
  // Some audit rows, so the chain to carry over is not empty.
  const db = testDb();
  try {
    for (let i = 0; i < 5; i++)
      await db.$transaction((tx) =>
        audit(tx, { actorId: null, action: "test.backup", entity: "Mine", entityId: String(i), after: { i } }),
      );
    const finding = await db.finding.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    evidenceId = (
      await db.evidenceFile.create({
        data: {
          findingId: finding.id,
          filename: "备份测试.pdf",
          mimeType: "application/pdf",
          size: evidenceBytes.length,
          sha256: evidenceSha,
          bytes: evidenceBytes,
        },
      })
    ).id;
  } finally {
    await db.$disconnect();
  }
  // The job runner's schema (graphile_worker, lib/server/jobs) with a queued run and a schedule's
  // last tick: the backup keeps them, so a restored portal neither loses a queued run nor runs a tick
  // it already ran.
  await ensureRunnerSchema(databaseUrl());
  await sql(databaseUrl(), `SELECT graphile_worker.add_job('housekeeping', '{}'::json, job_key := 'backup-test')`);
  await sql(
    databaseUrl(),
    `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
     VALUES ('backup-test', now(), '2026-01-01T00:00:00Z') ON CONFLICT DO NOTHING`,
  );
  source = await summarize(databaseUrl());
  target = await scratchDatabase("restore");
});

afterAll(async () => {
  await target?.drop();
  await sql(databaseUrl(), `SELECT graphile_worker.remove_job('backup-test')::text`).catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("backs up with pg_dump no older than the server", () => {
    const r = run("scripts/db-backup.ts", ["--", file]);
    expect(r.out).toMatch(/pg_dump \d+\.\d+ .* for a PostgreSQL \d+/);
    expect(r.status).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    // A custom-format archive: "PGDMP" magic.
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("PGDMP");
  });

  it("restores into an empty database: every table has the same rows and content", async () => {
    const r = run("scripts/db-restore.ts", ["--", file, "--target-url", target.url]);
    expect(r.status).toBe(0);
    const auditRows = source.find((t) => t.table === "AuditLog")!.rows;
    expect(auditRows).toBeGreaterThanOrEqual(5);
    expect(r.out).toContain(`audit chain: ${auditRows} rows verified, intact`);
    // The restore prints each table's rows: the seed's mines and those other test files built.
    const mines = source.find((t) => t.table === "Mine")!.rows;
    expect(mines).toBeGreaterThanOrEqual(5900);
    expect(r.out).toMatch(new RegExp(`Mine\\s+${mines}\\b`));

    const restored = await summarize(target.url);
    expect(restored.map((t) => t.table)).toEqual(source.map((t) => t.table));
    expect(source.map((t) => t.table)).toContain("_prisma_migrations");
    expect(source.length).toBeGreaterThanOrEqual(28);
    expect(source.find((t) => t.table === "ElementScore")!.rows).toBeGreaterThan(100_000);
    expect(restored).toEqual(source);
    expect(await sequences(target.url)).toEqual(await sequences(databaseUrl()));
  });

  it("carries evidence files byte for byte: the restored bytes match the stored checksum", async () => {
    const [row] = await sql<{ sha: string; stored: string; size: number; filename: string }>(
      target.url,
      `SELECT encode(sha256(bytes), 'hex') AS sha, sha256 AS stored, size, filename FROM "EvidenceFile" WHERE id = $1`,
      [evidenceId],
    );
    expect(row).toEqual({
      sha: evidenceSha,
      stored: evidenceSha,
      size: evidenceBytes.length,
      filename: "备份测试.pdf",
    });
    const [{ bytes }] = await sql<{ bytes: Buffer }>(target.url, `SELECT bytes FROM "EvidenceFile" WHERE id = $1`, [
      evidenceId,
    ]);
    expect(Buffer.compare(bytes, evidenceBytes)).toBe(0);
  });

  it("the restored copy keeps the job runner's queue and schedules (schema graphile_worker)", async () => {
    const queued = await sql<{ task: string }>(
      target.url,
      `SELECT task_identifier AS task FROM graphile_worker.jobs WHERE key = 'backup-test'`,
    );
    expect(queued).toEqual([{ task: "housekeeping" }]);
    const known = await sql<{ last: Date }>(
      target.url,
      `SELECT last_execution AS last FROM graphile_worker._private_known_crontabs WHERE identifier = 'backup-test'`,
    );
    expect(known.map((k) => k.last.toISOString())).toEqual(["2026-01-01T00:00:00.000Z"]);
  });

  it("the restored copy keeps the audit chain and its guards", async () => {
    expect(await triggers(target.url)).toEqual(await triggers(databaseUrl()));
    expect(await triggers(target.url)).toEqual(
      expect.arrayContaining([
        "AuditLog AuditLog_append_only O",
        "AuditLog AuditLog_chain O",
        "AuditLog AuditLog_no_truncate O",
      ]),
    );
    const before = await verifyAuditChain(target.url);
    expect(before.ok).toBe(true);
    await expect(sql(target.url, `UPDATE "AuditLog" SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(sql(target.url, `DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(sql(target.url, `TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    // A new row continues the restored chain.
    const [row] = await sql<{ prevHash: string }>(
      target.url,
      `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('test.restored', 'Mine', '1') RETURNING "prevHash"`,
    );
    expect(row.prevHash).toBe(before.head!.hash);
    expect(await verifyAuditChain(target.url)).toMatchObject({ ok: true, checked: before.checked + 1 });
  });

  it("refuses a database that is not empty unless --clean, which replaces its content", async () => {
    const refused = run("scripts/db-restore.ts", ["--", file, `--target-url=${target.url}`]);
    expect(refused.status).toBe(1);
    expect(refused.out).toContain("not empty");
    // DATABASE_URL is the default target: the source itself is refused too.
    const self = run("scripts/db-restore.ts", ["--", file]);
    expect(self.status).toBe(1);
    expect(self.out).toContain("not empty");

    const clean = run("scripts/db-restore.ts", ["--", file, `--target-url=${target.url}`, "--clean"]);
    expect(clean.status).toBe(0);
    expect(await summarize(target.url)).toEqual(source);
  });
});
