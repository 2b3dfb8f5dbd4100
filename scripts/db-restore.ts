// Restores a backup made by `npm run db:backup`: `npm run db:restore -- <file> [--target-url=URL] [--clean]`.
// The target (DATABASE_URL unless --target-url) must be an empty database: a database that already has
// tables is refused unless --clean, which drops the archive's objects before recreating them. The whole
// restore is one transaction (pg_restore --single-transaction --exit-on-error --no-owner): it lands
// completely or not at all. Afterwards it analyzes the tables, prints every table's row count and
// verifies the audit log's hash chain.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { verifyAuditChain } from "../lib/server/audit-chain";
import { libpqEnv, parseArgs, pickPgTool, printCounts, serverVersion, tableCounts } from "./db-backup";

/** Relations (tables, views, sequences, ...) outside the system schemas. */
async function userRelations(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
    );
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file || positional.length > 1)
    throw new Error("usage: npm run db:restore -- <file> [--target-url=URL] [--clean]");
  for (const k of options.keys()) if (k !== "target-url" && k !== "clean") throw new Error(`unknown option --${k}`);
  const targetUrl = options.get("target-url");
  if (targetUrl === true) throw new Error("--target-url needs a URL");
  const url = targetUrl ?? process.env.DATABASE_URL;
  if (!url) throw new Error("Give --target-url=URL or set DATABASE_URL.");
  const clean = options.has("clean");
  const archive = path.resolve(file);
  if (!fs.existsSync(archive)) throw new Error(`No such file: ${archive}`);

  const server = await serverVersion(url);
  const tool = pickPgTool("pg_restore", server.major, server.version);
  console.log(`pg_restore ${tool.version} (${tool.path}) into a PostgreSQL ${server.version} server`);

  const existing = await userRelations(url);
  if (existing > 0 && !clean) {
    console.error(
      `Refusing to restore: the target database is not empty (${existing} tables, sequences or views). ` +
        `Restore into a new database, or pass --clean to drop the archive's objects first.`,
    );
    return 1;
  }

  const started = performance.now();
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"];
  if (clean) args.push("--clean", "--if-exists");
  const env = libpqEnv(url);
  args.push(`--dbname=${env.PGDATABASE ?? env.PGUSER ?? ""}`, archive);
  const r = spawnSync(tool.path, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    console.error(`pg_restore failed (exit ${r.status ?? r.signal}); nothing was restored (single transaction).`);
    return 1;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("ANALYZE").finally(() => c.end());
  console.log(`Restored ${archive} in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
  const counts = await tableCounts(url);
  printCounts(counts);

  if (!counts.has("AuditLog")) return 0;
  const chain = await verifyAuditChain(url);
  if (!chain.ok) {
    console.log(`audit chain: BROKEN at row ${chain.firstBroken!.id}: ${chain.firstBroken!.reason}`);
    console.log(`  ${chain.firstBroken!.detail}`);
    return 1;
  }
  console.log(`audit chain: ${chain.checked} rows verified, intact`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
