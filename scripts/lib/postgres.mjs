// Finds a PostgreSQL server for the tests, or starts a throwaway one from the machine's binaries.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** The newest PostgreSQL server binaries of the machine (Debian's layout), or null. */
export function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (fs.existsSync(path.join(bin, "initdb"))) return bin;
  }
  return null;
}

/** The command line that runs a PostgreSQL tool as the postgres user when we are root (Postgres refuses root). */
export function postgresCommand(cmd, args) {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

/** Runs a PostgreSQL tool (see postgresCommand) and returns its output; throws with its message on failure. */
export function runAsPostgres(cmd, args) {
  const [file, argv] = postgresCommand(cmd, args);
  const r = spawnSync(file, argv, { stdio: "pipe", encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** initdb a new cluster (trust auth, UTF-8) in a fresh temp directory owned by the postgres user. */
export function initCluster(bin, prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres", dir]);
  const data = path.join(dir, "data");
  runAsPostgres(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  return { dir, data };
}

async function startThrowaway(log) {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      "No PostgreSQL server found and no PostgreSQL binaries to start one (install the postgresql package).",
    );
  const { dir, data } = initCluster(bin, "grading-pg-");
  const port = await freePort();
  runAsPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  log(`started a throwaway PostgreSQL on 127.0.0.1:${port}`);
  const stop = () => {
    try {
      runAsPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
}

/**
 * The server named by TEST_DATABASE_URL or DATABASE_URL, else the machine's on 127.0.0.1:5432,
 * else a throwaway one. Returns an admin URL (database "postgres") and a stop function.
 */
export async function findOrStartServer(log = console.log) {
  for (const candidate of [
    process.env.TEST_DATABASE_URL,
    process.env.DATABASE_URL,
    "postgresql://postgres@127.0.0.1:5432/postgres",
  ]) {
    if (!candidate) continue;
    const admin = withDatabase(candidate, "postgres");
    if (await canConnect(admin)) return { adminUrl: admin, stop: () => {} };
  }
  return startThrowaway(log);
}

export async function createDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
