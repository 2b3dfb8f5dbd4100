// Applies prisma/migrations/*/migration.sql in order and records each in _prisma_migrations
// exactly as `prisma migrate deploy` does (same table, sha256 checksum of the file), so that
// either tool can take over a database. Each migration runs in its own transaction, and the whole
// run holds the advisory lock `prisma migrate deploy` takes, so that two processes starting at
// once (two servers, or this tool and Prisma's) apply each migration once, one after the other.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "..", "migrations");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** The id of Prisma's migration lock (its schema engine: `SELECT pg_advisory_lock(72707369)`). */
export const MIGRATION_LOCK_ID = 72707369;
/** How long a run waits for another to finish before it gives up (Prisma's own waits 10 s). */
export const MIGRATION_LOCK_TIMEOUT_MS = 5 * 60 * 1000;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies the pending migrations; returns the names applied. Refuses a database whose history diverged. */
export async function migrate(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await lock(client);
    // Read only now: what a run that held the lock before us applied is done.
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of listMigrations(dir)) {
      const prior = done.get(m.name);
      if (prior) {
        if (!prior.finished_at) throw new Error(`Migration ${m.name} failed earlier; resolve it before migrating.`);
        if (prior.checksum !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied.`);
        continue;
      }
      const id = crypto.randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    // The session's end releases the lock too; unlocking first frees it before the socket closes.
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

/** Takes the migration lock for the session, waiting at most MIGRATION_LOCK_TIMEOUT_MS. */
async function lock(client: pg.Client): Promise<void> {
  await client.query(`SET lock_timeout = ${MIGRATION_LOCK_TIMEOUT_MS}`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
  } catch (e) {
    if ((e as { code?: string }).code !== "55P03") throw e;
    throw new Error(
      `Another migration has held the migration lock (pg_advisory_lock(${MIGRATION_LOCK_ID})) for ` +
        `${MIGRATION_LOCK_TIMEOUT_MS / 1000} s; is one still running? Try again once it has finished.`,
    );
  } finally {
    await client.query("RESET lock_timeout");
  }
}
