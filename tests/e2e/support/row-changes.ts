// Proof that a request wrote nothing: row-level triggers, installed in the test database only,
// count every inserted, updated or deleted row per table. Reads never touch the counters, and a
// conditional UPDATE that matches no row does not fire a row trigger, so an unchanged count means
// no row changed. Session bookkeeping is left out: every sign-in writes a LoginAttempt, every
// sign-out a RevokedSession. So is the cache's invalidation log (CacheTagInvalidation): it records
// which cached reads to drop, holds no data of the domain, and Next writes a server action's tags
// after its response, so an allowed write's entry can land while the next request is measured.
import pg from "pg";

const IGNORED = ["_prisma_migrations", "LoginAttempt", "RevokedSession", "CacheTagInvalidation", "_test_row_changes"];

async function withClient<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Installs the counters (idempotent). */
export async function installRowChangeCounters(): Promise<void> {
  await withClient(async (c) => {
    await c.query(`CREATE TABLE IF NOT EXISTS "_test_row_changes" (tbl text PRIMARY KEY, n bigint NOT NULL)`);
    await c.query(`CREATE OR REPLACE FUNCTION "_test_count_row_change"() RETURNS trigger AS $$
      BEGIN
        INSERT INTO "_test_row_changes" (tbl, n) VALUES (TG_TABLE_NAME, 1)
          ON CONFLICT (tbl) DO UPDATE SET n = "_test_row_changes".n + 1;
        RETURN NULL;
      END; $$ LANGUAGE plpgsql`);
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of rows) {
      if (IGNORED.includes(table_name)) continue;
      await c.query(`DROP TRIGGER IF EXISTS "_test_row_change" ON "${table_name}"`);
      await c.query(`CREATE TRIGGER "_test_row_change" AFTER INSERT OR UPDATE OR DELETE ON "${table_name}"
        FOR EACH ROW EXECUTE FUNCTION "_test_count_row_change"()`);
    }
  });
}

export type RowChanges = Record<string, number>;

/** Rows changed so far, per table. */
export async function rowChanges(): Promise<RowChanges> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ tbl: string; n: string }>(`SELECT tbl, n FROM "_test_row_changes"`);
    return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
  });
}

/** Tables whose rows changed between two readings, with how many row changes. */
export function changedTables(before: RowChanges, after: RowChanges): RowChanges {
  const out: RowChanges = {};
  for (const [tbl, n] of Object.entries(after)) if (n !== (before[tbl] ?? 0)) out[tbl] = n - (before[tbl] ?? 0);
  return out;
}
