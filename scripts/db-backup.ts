// Backs up the database named by DATABASE_URL: `npm run db:backup -- <file>` writes a pg_dump archive
// in the custom format (compressed; restore with `npm run db:restore -- <file>`). The pg_dump used is
// the newest found (PG_BIN_DIR, then PATH, then /usr/lib/postgresql/*/bin); its major version must be
// at least the server's, or the backup is refused. The password is passed in the environment, never
// on the command line. Also exports the helpers scripts/db-restore.ts uses.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

export interface PgTool {
  path: string;
  version: string;
  major: number;
}

/** Versions of `name` (pg_dump, pg_restore) found on this machine, newest first. */
export function findPgTools(name: string): PgTool[] {
  const candidates = new Set<string>();
  if (process.env.PG_BIN_DIR) candidates.add(path.join(process.env.PG_BIN_DIR, name));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.add(path.join(dir, name));
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) for (const v of fs.readdirSync(root)) candidates.add(path.join(root, v, "bin", name));
  const found = new Map<string, PgTool>();
  for (const candidate of candidates) {
    if (!fs.existsSync(candidate)) continue;
    const real = fs.realpathSync(candidate);
    if (found.has(real)) continue;
    const r = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(r.stdout ?? "");
    if (r.status !== 0 || !m) continue;
    found.set(real, { path: candidate, version: `${m[1]}.${m[2] ?? "0"}`, major: Number(m[1]) });
  }
  return [...found.values()].sort((a, b) => b.major - a.major || compareVersions(b.version, a.version));
}

function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** The newest `name` whose major version is at least the server's; throws with what was found otherwise. */
export function pickPgTool(name: string, serverMajor: number, serverVersion: string): PgTool {
  const tools = findPgTools(name);
  const ok = tools.find((t) => t.major >= serverMajor);
  if (!ok) {
    const seen = tools.length ? tools.map((t) => `${t.version} (${t.path})`).join(", ") : "none";
    throw new Error(
      `${name} ${serverMajor} or newer is needed for a PostgreSQL ${serverVersion} server; found: ${seen}. ` +
        `Install postgresql-client-${serverMajor} (or newer), or point PG_BIN_DIR at its bin directory.`,
    );
  }
  return ok;
}

export async function serverVersion(url: string): Promise<{ version: string; major: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ v: string; n: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
    );
    return { version: rows[0].v, major: Math.floor(Number(rows[0].n) / 10000) };
  } finally {
    await c.end();
  }
}

// libpq parameters a postgres:// URL may carry besides host, port, user, password and database;
// anything else (Prisma's `schema`, `connection_limit`, ...) would make libpq refuse the URL.
const LIBPQ_PARAMS: Record<string, string> = {
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  application_name: "PGAPPNAME",
  connect_timeout: "PGCONNECT_TIMEOUT",
  options: "PGOPTIONS",
  host: "PGHOST",
  port: "PGPORT",
};

/**
 * libpq environment variables for a connection URL (so no password appears on a command line); what the
 * URL leaves out (a password in PGPASSWORD or ~/.pgpass, say) comes from the inherited environment as usual.
 */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1");
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (database) env.PGDATABASE = database;
  for (const [key, value] of u.searchParams) if (LIBPQ_PARAMS[key]) env[LIBPQ_PARAMS[key]] = value;
  return env;
}

/** Row counts of every table outside the system schemas, as schema-qualified name → rows. */
export async function tableCounts(url: string): Promise<Map<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const counts = new Map<string, number>();
    for (const t of tables) {
      const { rows } = await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`,
      );
      counts.set(t.schema === "public" ? t.name : `${t.schema}.${t.name}`, Number(rows[0].n));
    }
    return counts;
  } finally {
    await c.end();
  }
}

export function printCounts(counts: Map<string, number>): void {
  const width = Math.max(10, ...[...counts.keys()].map((k) => k.length));
  let total = 0;
  for (const [table, n] of counts) {
    console.log(`  ${table.padEnd(width)} ${String(n).padStart(10)}`);
    total += n;
  }
  console.log(`  ${"total".padEnd(width)} ${String(total).padStart(10)} rows in ${counts.size} tables`);
}

/** The positional arguments (after an optional "--"), and whether each --flag was given. */
export function parseArgs(argv: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") continue;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--") && a === "--target-url")
        options.set(a.slice(2), argv[++i]);
      else options.set(a.slice(2), true);
    } else positional.push(a);
  }
  return { positional, options };
}

async function main(): Promise<void> {
  const { positional } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file || positional.length > 1) throw new Error("usage: npm run db:backup -- <file>");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");

  const server = await serverVersion(url);
  const tool = pickPgTool("pg_dump", server.major, server.version);
  console.log(`pg_dump ${tool.version} (${tool.path}) for a PostgreSQL ${server.version} server`);

  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const started = performance.now();
  const r = spawnSync(tool.path, ["--format=custom", "--no-password", `--file=${partial}`], {
    env: libpqEnv(url),
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) {
    fs.rmSync(partial, { force: true });
    throw new Error(`pg_dump failed (exit ${r.status ?? r.signal}).`);
  }
  fs.renameSync(partial, target);
  const size = fs.statSync(target).size;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backup written to ${target}: ${(size / 1024 / 1024).toFixed(1)} MiB in ${seconds} s.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
