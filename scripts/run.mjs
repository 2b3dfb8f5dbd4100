// `npm run dev` / `npm start`: runs the portal. With DATABASE_URL set it uses that PostgreSQL;
// without it, it serves an embedded PostgreSQL (PGlite, WebAssembly: nothing to install) from
// .data/pglite, which survives restarts. Either way it applies migrations and seeds the demo data
// on first start, then starts Next.js (building first for `start` when there is no build yet).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");
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

let embedded;
if (!env.DATABASE_URL) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(path.join(dataDir, "pglite"));
  const port = Number(env.EMBEDDED_DB_PORT ?? 54329);
  // The socket server multiplexes several client connections onto the single PGlite instance.
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  embedded = { db, server };
  env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  console.log(`Embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in .data/pglite`);
}

// Asynchronous on purpose: the embedded database is served from this process, so a synchronous
// child (which blocks our event loop) could never get an answer from it.
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env, cwd: root });
    child.on("exit", (code) => (code === 0 ? resolve() : shutdown(code ?? 1)));
  });
}

async function shutdown(code) {
  if (embedded) {
    await embedded.server.stop().catch(() => {});
    await embedded.db.close().catch(() => {});
  }
  process.exit(code);
}

await run("npx", ["tsx", "scripts/db-setup.ts"]);

if (mode === "start" && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) await run("npx", ["next", "build"]);

const port = env.PORT ?? "3000";
const child = spawn("npx", ["next", mode, "-p", port], { stdio: "inherit", env, cwd: root });
console.log(`Portal: http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
child.on("exit", (code) => shutdown(code ?? 0));
