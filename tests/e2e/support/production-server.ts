// The portal as it is deployed (README "Running in production"), for the specs that start from an
// empty database: a database of its own on the test server's PostgreSQL, made ready by `npm run setup`,
// the first ADMIN from `npm run user:create`, and the build's standalone server
// (`node .next/standalone/server.js`, PORT and HOSTNAME) in production mode without DEMO_MODE.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

function adminUrl(): string {
  if (process.env.TEST_ADMIN_DATABASE_URL) return process.env.TEST_ADMIN_DATABASE_URL;
  const u = new URL(process.env.DATABASE_URL ?? "");
  u.pathname = "/postgres";
  return u.toString();
}

async function run<T extends pg.QueryResultRow>(connectionString: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Production mode as an operator's shell has it: NODE_ENV=production, no DEMO_MODE. */
function productionEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "standalone-test-secret-0123456789abcdef",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DEMO_MODE;
  return env;
}

export interface StandaloneServer {
  baseURL: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the build's standalone server as the README says: the static files beside it, then
 * `node .next/standalone/server.js` on a free PORT and HOSTNAME, with `env`; resolves once it is healthy.
 */
export async function startStandaloneServer(
  env: NodeJS.ProcessEnv,
  onOutput: (chunk: string) => void = () => {},
): Promise<StandaloneServer> {
  const assets = spawnSync(process.execPath, ["scripts/standalone-assets.mjs"], { cwd: root, env, encoding: "utf8" });
  expect(assets.status, assets.stderr).toBe(0);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dist = process.env.NEXT_DIST_DIR || ".next";
  let output = "";
  const server: ChildProcess = spawn(process.execPath, [path.join(root, dist, "standalone", "server.js")], {
    cwd: root,
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (d: Buffer) => {
    output += d;
    onOutput(String(d));
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${baseURL}/api/health`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 60_000, message: output },
      )
      .toBe(200);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseURL, stop };
}

export interface ProductionServer {
  baseURL: string;
  /** A query on this server's own database (for reading what the pages wrote). */
  query<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/**
 * Creates an empty database named after `prefix`, runs `setup` and `user:create` for the first
 * ADMIN on it, and starts the standalone server on a free port. Takes a minute or two.
 */
export async function startProductionServer(
  prefix: string,
  admin: { email: string; password: string },
): Promise<ProductionServer> {
  const dbName = `${prefix}_${process.pid}_${Date.now()}`;
  await run(adminUrl(), `CREATE DATABASE "${dbName}"`);
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  const env = productionEnv(databaseUrl);
  let server: StandaloneServer | undefined;

  const stop = async () => {
    await server?.stop();
    await run(adminUrl(), `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  };

  try {
    const setup = spawnSync("npm", ["run", "-s", "setup"], { cwd: root, env, encoding: "utf8" });
    expect(setup.status, `${setup.stdout}${setup.stderr}`).toBe(0);
    const create = spawnSync("npm", ["run", "-s", "user:create", "--", "--email", admin.email, "--role", "ADMIN"], {
      cwd: root,
      env,
      input: `${admin.password}\n`,
      encoding: "utf8",
    });
    expect(create.status, `${create.stdout}${create.stderr}`).toBe(0);

    server = await startStandaloneServer(env);
    return { baseURL: server.baseURL, query: (text, params = []) => run(databaseUrl, text, params), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
