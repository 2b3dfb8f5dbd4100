// Where a request's time and the server's memory go: runs the standalone build under load with a CPU
// profile and heap snapshots, and measures what the heavy pages send.
//
//   npx tsx scripts/bench/profile.ts [--seconds=7] [--connections=10] [--db=grading_profile] [--fresh]
//
// 1. A database `--db` on the PostgreSQL of scripts/lib/postgres.mjs (TEST_DATABASE_URL, DATABASE_URL,
//    127.0.0.1:5432 or a throwaway one), seeded with the ×1 demo data when it is new (or --fresh).
// 2. The standalone server (`npm run build` first) under `node --cpu-prof --heapsnapshot-signal=SIGUSR2`,
//    all files into bench-results/profile-<stamp>/.
// 3. Page weight of the national dashboard, a provincial one, /register and a mine profile: HTML bytes,
//    the RSC payload inlined in it, first-load JavaScript (every <script src>, gzip -9, as measure.ts).
// 4. A heap snapshot after one warm-up request per route; autocannon on /dashboard, /register and
//    /mines/<code>, `--seconds` each at `--connections`, sampling RSS; RSS 10 s after the load (steady);
//    a second heap snapshot; then SIGTERM, which writes the CPU profile.
// 5. The top 20 self-time entries of the load phase (scripts/bench/cpu-top.ts) and the heap growth
//    (heap-top.ts). `--no-heap` skips the snapshots (they cost seconds and inflate RSS).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { findOrStartServer, freePort, withDatabase } from "../lib/postgres.mjs";
import { todayInChina } from "../../lib/domain/dates";
import { formatTop, type CpuProfile, type Window } from "./cpu-top";
import { formatHeap, summarize } from "./heap-top";
import { load, signInCookie } from "./http";
import { firstLoadJsKiB, rssMiB, rssSampler } from "./measure";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const SECONDS = Number(arg("seconds", "7"));
const CONNECTIONS = Number(arg("connections", "10"));
const DB = arg("db", "grading_profile");
const HEAP = !process.argv.includes("--no-heap");
const PASSWORD = "demo-password";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepareDatabase(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let fresh = process.argv.includes("--fresh");
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB]);
    if (fresh && rowCount) await admin.query(`DROP DATABASE "${DB}" WITH (FORCE)`);
    if (fresh || !rowCount) {
      await admin.query(`CREATE DATABASE "${DB}"`);
      fresh = true;
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, DB);
  if (fresh) {
    const r = spawnSync("npx", ["tsx", "scripts/db-setup.ts"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url, SEED_SCALE: "1" },
    });
    if (r.status !== 0) throw new Error("seeding failed");
  }
  return url;
}

async function waitHealthy(base: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("the server exited");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(500);
  }
  throw new Error("the server did not become healthy");
}

/** HTML bytes, the bytes of the RSC payload inlined in it (self.__next_f.push), and first-load JS. */
async function pageWeight(base: string, p: string, cookie?: string) {
  const res = await fetch(`${base}${p}`, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`${p}: ${res.status}`);
  const html = await res.text();
  const flight = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce(
    (a, m) => a + Buffer.byteLength(m[1]),
    0,
  );
  return {
    htmlKiB: Buffer.byteLength(html) / 1024,
    rscKiB: flight / 1024,
    firstLoadJsKiB: await firstLoadJsKiB(base, p, cookie),
  };
}

/** Sends the heap-snapshot signal and waits for the new file to be written. */
async function heapSnapshot(server: ChildProcess, dir: string, base: string): Promise<string> {
  const before = new Set(fs.readdirSync(dir));
  server.kill("SIGUSR2");
  for (let i = 0; i < 240; i++) {
    await sleep(500);
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    // The snapshot is written on the main thread: once the server answers again, the file is complete.
    if (
      file &&
      (await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      return path.join(dir, file);
  }
  throw new Error("no heap snapshot was written");
}

async function main() {
  const server0 = path.join(root, process.env.NEXT_DIST_DIR || ".next", "standalone", "server.js");
  if (!fs.existsSync(server0)) throw new Error("No standalone build: run `npm run build` first.");
  // The static files beside the standalone server (what `npm run build` does after `next build`).
  if (spawnSync(process.execPath, ["scripts/standalone-assets.mjs"], { cwd: root, stdio: "inherit" }).status !== 0)
    throw new Error("copying the static files failed");
  const pgServer = await findOrStartServer();
  const url = await prepareDatabase(pgServer.adminUrl);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = path.join(root, "bench-results", `profile-${stamp}`);
  fs.mkdirSync(out, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    ["--cpu-prof", `--diagnostic-dir=${out}`, `--cpu-prof-dir=${out}`, "--heapsnapshot-signal=SIGUSR2", server0],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        AUTH_SECRET: "benchmark-only-secret-0123456789abcdef",
        NODE_ENV: "production",
        DEMO_MODE: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const report: string[] = [`# Profile ${stamp}`, ""];
  try {
    await waitHealthy(base, server);
    const official = await signInCookie(base, "official@demo.test", PASSWORD);
    const shanxi = await signInCookie(base, "shanxi@demo.test", PASSWORD);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ code: string }>(
      `SELECT code FROM "Mine" WHERE "provinceCode" = '14' AND status = 'NORMAL_PRODUCTION' ORDER BY id LIMIT 1`,
    );
    await db.end();
    const year = todayInChina().slice(0, 4);
    const routes = [
      { name: "national dashboard", path: `/dashboard?year=${year}`, cookie: official },
      { name: "provincial dashboard", path: `/dashboard?scope=14&year=${year}`, cookie: shanxi },
      { name: "public register", path: "/register", cookie: undefined },
      { name: "mine profile", path: `/mines/${rows[0].code}`, cookie: shanxi },
    ];
    report.push("| page | HTML KiB | RSC inline KiB | first-load JS gzip KiB |", "|---|---:|---:|---:|");
    for (const r of routes) {
      const w = await pageWeight(base, r.path, r.cookie);
      report.push(`| ${r.name} | ${w.htmlKiB.toFixed(1)} | ${w.rscKiB.toFixed(1)} | ${w.firstLoadJsKiB.toFixed(1)} |`);
    }
    const idle = rssMiB(server.pid!);
    const snapBefore = HEAP ? await heapSnapshot(server, out, base) : null;
    const memory = rssSampler(server.pid!);
    const loaded = [routes[0], routes[2], routes[3]];
    const micros = () => Number(process.hrtime.bigint() / 1000n);
    const window: Window = { from: micros(), to: 0 };
    report.push(
      "",
      `| route (${CONNECTIONS} users, ${SECONDS} s) | req/s | p50 ms | p95 ms | errors |`,
      "|---|---:|---:|---:|---:|",
    );
    for (const r of loaded) {
      const l = await load(`${base}${r.path}`, CONNECTIONS, SECONDS, r.cookie);
      report.push(`| ${r.name} | ${l.throughput.toFixed(1)} | ${l.p50} | ${l.p95} | ${l.errors} |`);
    }
    window.to = micros();
    fs.writeFileSync(path.join(out, "window.json"), JSON.stringify(window));
    memory.stop();
    await sleep(10_000);
    const steady = rssMiB(server.pid!);
    report.push(
      "",
      `RSS: ${idle.toFixed(0)} MiB after warm-up, peak ${memory.peak().toFixed(0)} MiB under load, ${steady.toFixed(0)} MiB 10 s after.`,
    );
    if (snapBefore) {
      const snapAfter = await heapSnapshot(server, out, base);
      const summary = (f: string) => summarize(JSON.parse(fs.readFileSync(f, "utf8")));
      report.push("", "## Heap growth during the load", "", formatHeap(summary(snapAfter), summary(snapBefore), 25));
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    pgServer.stop();
  }
  const prof = fs.readdirSync(out).find((f) => f.endsWith(".cpuprofile"));
  if (prof) {
    const profile = JSON.parse(fs.readFileSync(path.join(out, prof), "utf8")) as CpuProfile;
    const window = JSON.parse(fs.readFileSync(path.join(out, "window.json"), "utf8")) as Window;
    report.push("", "## CPU during the load: top 20 by self time", "", formatTop(profile, 20, window));
  }
  const md = report.join("\n");
  fs.writeFileSync(path.join(out, "report.md"), md);
  console.log(md);
  console.log(`\nFiles: ${path.relative(root, out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
