// For the fault tests: a throwaway PostgreSQL cluster of their own (initdb into a temp directory,
// started on a free port, as the postgres user when running as root, like scripts/lib/postgres.mjs)
// that a test may stop and start at will, and a production build of the portal served against it.
// Never touches the machine's own server.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  freePort,
  initCluster,
  postgresBinDir,
  postgresCommand,
  runAsPostgres,
} from "../../../scripts/lib/postgres.mjs";

function binDir(): string {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql (install the postgresql package)");
  return bin;
}

/** runAsPostgres without blocking the event loop (the load keeps running while pg_ctl works). */
function runAsPostgresAsync(cmd: string, args: string[]): Promise<void> {
  const [file, argv] = postgresCommand(cmd, args);
  return new Promise((resolve, reject) =>
    execFile(file, argv, { timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed: ${stderr || stdout}`)) : resolve(),
    ),
  );
}

export class FaultCluster {
  private readonly bin = binDir();
  private readonly data: string;
  running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = path.join(dir, "data");
  }

  /** initdb into a fresh temp directory and start on a free port (never 5432). */
  static async create(): Promise<FaultCluster> {
    const { dir } = initCluster(binDir(), "grading-faults-pg-");
    let port = await freePort();
    if (port === 5432) port = await freePort();
    const cluster = new FaultCluster(dir, port);
    cluster.start();
    return cluster;
  }

  url(database = "postgres"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private startArgs(): string[] {
    return [
      "-D",
      this.data,
      "-l",
      path.join(this.dir, "log"),
      "-w",
      "-t",
      "60",
      "-o",
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
      "start",
    ];
  }

  /** Starts the server and waits until it accepts connections (fsync stays on: writes are durable). */
  start() {
    runAsPostgres(path.join(this.bin, "pg_ctl"), this.startArgs());
    this.running = true;
  }

  async startAsync() {
    await runAsPostgresAsync(path.join(this.bin, "pg_ctl"), this.startArgs());
    this.running = true;
  }

  /** pg_ctl stop: "fast" rolls back open transactions and disconnects; "immediate" kills without a checkpoint. */
  stop(mode: "fast" | "immediate" = "fast") {
    runAsPostgres(path.join(this.bin, "pg_ctl"), ["-D", this.data, "-m", mode, "-w", "-t", "60", "stop"]);
    this.running = false;
  }

  async stopAsync(mode: "fast" | "immediate" = "fast") {
    await runAsPostgresAsync(path.join(this.bin, "pg_ctl"), ["-D", this.data, "-m", mode, "-w", "-t", "60", "stop"]);
    this.running = false;
  }

  /** Stops the server if it runs and deletes its directory. */
  destroy() {
    try {
      if (this.running || fs.existsSync(path.join(this.data, "postmaster.pid"))) this.stop("immediate");
    } catch {
      // already stopped
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }

  async query<T extends pg.QueryResultRow>(database: string, text: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.query("postgres", `CREATE DATABASE "${name}"`);
    return this.url(name);
  }
}

/** Migrates and seeds a database with the portal's own setup script. */
export function setupDatabase(databaseUrl: string, seedScale = "1") {
  const r = spawnSync("npx", ["tsx", "scripts/db-setup.ts"], {
    stdio: "pipe",
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED_SCALE: seedScale },
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`db-setup failed: ${r.stderr || r.stdout}`);
}

export interface Portal {
  baseUrl: string;
  /** Everything the server printed, for diagnosing a failure. */
  output: string[];
  /** The exit code or signal if the server stopped on its own (it must not crash). */
  exited: () => string | null;
  stop: () => Promise<void>;
}

/** `next start` of the build in NEXT_DIST_DIR on a free port, against databaseUrl; waits for health 200. */
export async function startPortal(databaseUrl: string): Promise<Portal> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  let exit: string | null = null;
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "faults-only-secret-not-for-production-0123456789",
      DEMO_MODE: "1",
    },
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (b: Buffer) => output.push(b.toString()));
  child.on("exit", (code, signal) => {
    exit = signal ?? String(code);
  });
  const stop = async () => {
    if (exit !== null || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (exit === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exit !== null) throw new Error(`the portal exited (${exit}) before it was ready:\n${output.join("")}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not become healthy within 120 s:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, output, exited: () => exit, stop };
}
