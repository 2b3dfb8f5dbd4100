// Two processes starting together on an empty database do not race: migrations hold the advisory
// lock `prisma migrate deploy` holds (prisma/tooling/migrate.ts), and the demo seed one of its own
// (scripts/db-setup.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/prisma/tooling/migrate";
import { scratchDatabase, sql } from "../support/db";

const root = path.resolve(import.meta.dirname, "..", "..");
const scratch: { drop: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const db of scratch.splice(0)) await db.drop();
});

async function emptyDatabase(prefix: string) {
  const db = await scratchDatabase(prefix);
  scratch.push(db);
  return db.url;
}

async function migrationRows(url: string) {
  return sql<{ migration_name: string; finished: boolean }>(
    url,
    `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
  );
}

/** Runs scripts/db-setup.ts against a database; resolves with its exit code and output. */
function dbSetup(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "scripts/db-setup.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, SEED_SCALE: "0.05" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("migrations started together", () => {
  it("both succeed, and each migration is applied once", async () => {
    const url = await emptyDatabase("migrate_race");
    const names = listMigrations().map((m) => m.name);
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    // One run applied everything; the other, waiting on the lock, found nothing left to do.
    expect([...first, ...second].sort()).toEqual(names);
    expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, names.length]);
    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => r.finished)).toBe(true);
  });

  it("wait for `prisma migrate deploy`'s lock, which they share", async () => {
    const url = await emptyDatabase("migrate_prisma_lock");
    const prisma = new pg.Client({ connectionString: url });
    await prisma.connect();
    try {
      // Stands in for a `prisma migrate deploy` in progress: the lock its schema engine takes.
      await prisma.query(`SELECT pg_advisory_lock(72707369)`);
      const run = migrate(url);
      let finished = false;
      run.then(
        () => (finished = true),
        () => (finished = true),
      );
      // The run waits on that very lock...
      for (;;) {
        expect(finished, "migrate() ran without waiting for the lock").toBe(false);
        const waiting = await prisma.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND NOT granted AND database =
             (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        if (waiting.rowCount) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const table = await prisma.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
      expect(table.rows[0].t).toBeNull();
      // ...and goes on once it is released.
      await prisma.query(`SELECT pg_advisory_unlock(72707369)`);
      expect(await run).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await prisma.end();
    }
  });

  it("two starts (scripts/db-setup.ts) on one empty database: both succeed, one seeds", async () => {
    const url = await emptyDatabase("setup_race");
    const runs = await Promise.all([dbSetup(url), dbSetup(url)]);
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const outputs = runs.map((r) => r.output);
    expect(outputs.filter((o) => o.includes("Demo data seeded"))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes("already has data; not seeding"))).toHaveLength(1);
    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrations().map((m) => m.name));
    const [users] = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM "User" WHERE email = 'admin@demo.test'`,
    );
    expect(users.n).toBe(1);
  });
});
