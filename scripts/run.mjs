// `npm run dev` / `npm start`: runs the portal. With DATABASE_URL set it uses that PostgreSQL;
// without it, it serves an embedded PostgreSQL (PGlite, WebAssembly: nothing to install) from
// .data/pglite (or EMBEDDED_DB_DIR) on 127.0.0.1:54329 (or EMBEDDED_DB_PORT), which survives
// restarts. Either way it applies migrations and seeds the demo data on first start, then starts
// Next.js on PORT (3000): `next dev`, or for `start` the standalone server of the build
// (node .next/standalone/server.js, next.config.ts), building first when there is none yet.
//
// Stopping: SIGINT or SIGTERM stops Next.js and everything it started, then the embedded database.
// Each child runs in a process group of its own and the signal goes to the whole group: `next dev`
// serves from a child process of its own, which a signal to `next` alone (or to `npx`) left running
// with the port open. A group still there after 10 s is killed.
//
// The lines for the operator are translated (scripts/lib/operator-messages.mjs picks the language).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { startEmbeddedDatabase } from "./lib/embedded-db.mjs";
import { operatorMessages } from "./lib/operator-messages.mjs";
import { serverNodeOptions } from "./lib/server-heap.mjs";
import { copyStandaloneAssets, standaloneServer } from "./standalone-assets.mjs";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const say = operatorMessages();
const STOP_GRACE_MS = 10_000;

/** The running children, each the leader of its own process group. */
const children = new Set();
/** The embedded database once it is being started (resolves to undefined if that failed). */
let embedded = Promise.resolve(undefined);
let stopping = false;

/** Stops the embedded database (its files synced) and ends the process. */
async function finish(code, message) {
  const db = await embedded.catch(() => undefined);
  if (db) await db.stop().catch(() => {});
  if (message) console.log(message);
  process.exit(code);
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(say("stopping"));
  if (children.size === 0) return void finish(0, say("stopped"));
  for (const child of children) signalGroup(child, signal);
  setTimeout(() => {
    for (const child of children) signalGroup(child, "SIGKILL");
  }, STOP_GRACE_MS).unref();
}
// From the start: a signal while the embedded database is being created waits for it to close.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));

/** Runs a Node.js script in its own process group; resolves with its exit code. Never resolves once stopping. */
function run(script, args, env) {
  if (stopping) return new Promise(() => {});
  return new Promise((resolve) => {
    // No stdin: a child outside the terminal's foreground group that read it would be stopped.
    const stdio = ["ignore", "inherit", "inherit"];
    const child = spawn(process.execPath, [script, ...args], { stdio, env, cwd: root, detached: true });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      // The leader is gone; whatever it left in its group goes with it.
      signalGroup(child, "SIGKILL");
      if (stopping) {
        if (children.size === 0) void finish(0, say("stopped"));
      } else resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Runs a step to its end; a failed step ends the run. */
async function step(script, args, env) {
  const code = await run(script, args, env);
  if (code !== 0) await finish(code);
}

/** Whether something already listens on the port (probed as Next.js binds it: every address). */
function portInUse(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (e) => resolve(e.code === "EADDRINUSE"));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

const dataDir = path.join(root, ".data");
fs.mkdirSync(dataDir, { recursive: true });

// The demo: its accounts and demo-password may be used even by `npm start` (NODE_ENV=production);
// see isProductionMode in lib/server/env.ts.
const env = { ...process.env, DEMO_MODE: "1" };

// A stable session secret for this checkout, unless one is given.
if (!env.AUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(secretFile))
    fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}

// A second start while one runs gets one line that says so, before anything is opened.
const port = Number(env.PORT ?? 3000);
if (await portInUse(port)) {
  console.error(say("portalPortInUse", { port }));
  process.exit(1);
}

if (!env.DATABASE_URL) {
  const dbPort = Number(env.EMBEDDED_DB_PORT ?? 54329);
  const dbDir = env.EMBEDDED_DB_DIR ? path.resolve(env.EMBEDDED_DB_DIR) : path.join(dataDir, "pglite");
  embedded = startEmbeddedDatabase({ dataDir: dbDir, port: dbPort });
  try {
    await embedded;
  } catch (e) {
    if (e?.code !== "EADDRINUSE") throw e;
    console.error(say("databasePortInUse", { port: dbPort }));
    process.exit(1);
  }
  env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`;
  // Its one session serves the connections in turn: under load the proxy's availability probe waits
  // in line, and must not take that for an outage (lib/server/http/availability.ts).
  env.DATABASE_PROBE_TIMEOUT_MS ??= "10000";
  console.log(say("embeddedDatabase", { port: dbPort, dir: path.relative(root, dbDir) || dbDir }));
}

const tsx = require.resolve("tsx/cli");
const next = require.resolve("next/dist/bin/next");

await step(tsx, ["scripts/db-setup.ts"], env);

if (mode === "start") {
  // A build from before `output: "standalone"` has no standalone server: build again.
  if (!fs.existsSync(standaloneServer(env))) await step(next, ["build"], env);
  copyStandaloneAssets(env);
  console.log(say("portal", { url: `http://localhost:${port}` }));
  // Every address, as `next start` did. HOSTNAME is the standalone server's address setting, and
  // the one a shell may have exported with the machine's name: set it, never inherit it.
  await step(standaloneServer(env), [], {
    ...env,
    PORT: String(port),
    HOSTNAME: "0.0.0.0",
    NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS),
  });
} else {
  console.log(say("portal", { url: `http://localhost:${port}` }));
  await step(next, [mode, "-p", String(port)], env);
}
await finish(0);
