// `npm run bench`: how fast the portal is at national scale (×1) and at ten times that (×10).
// Against a production build and a dedicated database per scale on a real PostgreSQL server, it
// loads six endpoints at 1, 10 and 50 concurrent users with autocannon, times the dashboard's raw
// SQL in the same run (ratio page / SQL), saves spot-checks through the server action, imports
// 10,000 spot-check rows, and reports peak server memory and first-load JavaScript per route.
// Results: bench-results/<stamp>.json and .md (git-ignored), and the table on stdout.
// Options: --scales=1,10  --seconds=10  --connections=1,10,50  --keep (keep the databases)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createDatabase, dropDatabase, findOrStartServer, freePort } from "../lib/postgres.mjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { computeMetrics } from "../../lib/server/metrics/metrics-sql";
import { todayInChina } from "../../lib/domain/dates";
import { load, signInCookie, type LoadResult } from "./http";
import { firstLoadJsKiB, rssSampler, timeRepeated } from "./measure";
import { buildImportCsv, replaySpotCheckSave, timeImport } from "./writes";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const SCALES = arg("scales", "1,10").split(",").map(Number);
const SECONDS = Number(arg("seconds", "10"));
const CONNECTIONS = arg("connections", "1,10,50").split(",").map(Number);
const KEEP = process.argv.includes("--keep");
const PASSWORD = "demo-password";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env, cwd: root });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function waitHealthy(base: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("the server exited");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy");
}

interface ScaleResult {
  scale: number;
  mines: number;
  seedSeconds: number;
  endpoints: { name: string; path: string; auth: string | null; runs: LoadResult[] }[];
  sql: { name: string; sqlP50: number; pageP50: number; ratio: number }[];
  spotCheckSave: { p50: number; p95: number; samples: number; errors: number };
  import10k: { seconds: number; rowsPerSecond: number; rows: number };
  peakRssMiB: number;
  firstLoadJsKiB: Record<string, number>;
}

async function benchScale(scale: number, adminUrl: string): Promise<ScaleResult> {
  const dbName = `grading_bench_x${scale}`;
  const url = await createDatabase(adminUrl, dbName);
  const seedStart = Date.now();
  run("npx", ["tsx", "scripts/db-setup.ts"], { ...process.env, DATABASE_URL: url, SEED_SCALE: String(scale) });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        AUTH_SECRET: "benchmark-only-secret-0123456789abcdef",
        NODE_ENV: "production",
        // The benchmark signs in with the demo accounts, which production mode refuses.
        DEMO_MODE: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const memory = rssSampler(server.pid!);
  try {
    await waitHealthy(base, server);
    const official = await signInCookie(base, "official@demo.test", PASSWORD);
    const shanxi = await signInCookie(base, "shanxi@demo.test", PASSWORD);
    const mines = await prisma.mine.count();
    const mine = await prisma.mine.findFirstOrThrow({
      where: { provinceCode: "14", status: "NORMAL_PRODUCTION" },
      orderBy: { id: "asc" },
    });
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    const targets = [
      { name: "national dashboard", path: `/dashboard?year=${year}`, cookie: official, auth: "official" },
      { name: "provincial dashboard", path: `/dashboard?scope=14&year=${year}`, cookie: shanxi, auth: "shanxi" },
      {
        name: "registry search",
        path: "/mines?q=%E7%85%A4&grade=1&sort=capacity&dir=desc",
        cookie: official,
        auth: "official",
      },
      { name: "mine profile", path: `/mines/${mine.code}`, cookie: shanxi, auth: "shanxi" },
      {
        name: "public grades API",
        path: "/api/public/v1/grades?province=14&pageSize=100",
        cookie: undefined,
        auth: null,
      },
      { name: "metrics API", path: `/api/v1/metrics?scope=&year=${year}`, cookie: official, auth: "official" },
    ];
    // Warm every route once so compilation and first connections are not measured.
    for (const t of targets) await fetch(`${base}${t.path}`, { headers: t.cookie ? { cookie: t.cookie } : {} });

    const endpoints: ScaleResult["endpoints"] = [];
    for (const t of targets) {
      const runs: LoadResult[] = [];
      for (const c of CONNECTIONS) runs.push(await load(`${base}${t.path}`, c, SECONDS, t.cookie));
      endpoints.push({ name: t.name, path: t.path, auth: t.auth, runs });
      console.log(
        `  ×${scale} ${t.name}: ${runs.map((r) => `${r.connections}c ${r.throughput.toFixed(1)} req/s p95 ${r.p95} ms`).join(", ")}`,
      );
    }

    // The dashboard's raw SQL, run directly in Postgres, against the page and the API that serve it.
    // Each sample asks for a different "as of" date, so neither side can reuse an earlier result
    // (the server shares identical aggregates for a few seconds): this is the cold path.
    const sql: ScaleResult["sql"] = [];
    const dates = Array.from({ length: 20 }, (_, i) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - i - 1);
      return d.toISOString().slice(0, 10);
    }).filter((d) => d.startsWith(String(year)));
    let round = 0;
    const nextDate = () => dates[round++ % dates.length];
    for (const [name, scope, cookie] of [
      ["national", "", official],
      ["Shanxi", "14", shanxi],
    ] as const) {
      round = 0;
      const sqlTime = await timeRepeated(dates.length, () => computeMetrics(prisma, { scope, asOf: nextDate(), year }));
      round = 0;
      const api = await timeRepeated(dates.length, () =>
        fetch(`${base}/api/v1/metrics?scope=${scope}&year=${year}&asOf=${nextDate()}`, { headers: { cookie } }).then(
          (r) => r.text(),
        ),
      );
      round = 0;
      const dash = await timeRepeated(dates.length, () =>
        fetch(`${base}/dashboard?scope=${scope}&year=${year}&asOf=${nextDate()}`, { headers: { cookie } }).then((r) =>
          r.text(),
        ),
      );
      sql.push({ name: `${name} metrics API`, sqlP50: sqlTime.p50, pageP50: api.p50, ratio: api.p50 / sqlTime.p50 });
      sql.push({
        name: `${name} dashboard page`,
        sqlP50: sqlTime.p50,
        pageP50: dash.p50,
        ratio: dash.p50 / sqlTime.p50,
      });
    }

    // Writes, through the real forms and server actions, in Chromium.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    let spotCheckSave: ScaleResult["spotCheckSave"];
    let import10k: ScaleResult["import10k"];
    try {
      spotCheckSave = await replaySpotCheckSave(browser, base, mine.code, 40, prisma);
      const csv = await buildImportCsv(prisma, 10_000, today);
      import10k = await timeImport(browser, base, csv, 10_000, prisma);
    } finally {
      await browser.close();
    }

    const firstLoad: Record<string, number> = {};
    for (const [route, p, cookie] of [
      ["/login", "/login", undefined],
      ["/dashboard", `/dashboard?year=${year}`, official],
      ["/mines", "/mines", official],
      ["/mines/[code]", `/mines/${mine.code}`, shanxi],
      ["/mines/[code]/spot-checks/new", `/mines/${mine.code}/spot-checks/new`, shanxi],
      ["/register", "/register", undefined],
    ] as const) {
      firstLoad[route] = await firstLoadJsKiB(base, p, cookie);
    }
    return {
      scale,
      mines,
      seedSeconds,
      endpoints,
      sql,
      spotCheckSave,
      import10k,
      peakRssMiB: memory.peak(),
      firstLoadJsKiB: firstLoad,
    };
  } finally {
    memory.stop();
    server.kill("SIGTERM");
    await prisma.$disconnect();
    if (!KEEP) await dropDatabase(adminUrl, dbName).catch(() => {});
  }
}

function markdown(results: ScaleResult[], meta: Record<string, string>): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  const lines = [
    `# Benchmark ${meta.date}`,
    "",
    `Machine: ${meta.machine}. Build: next start (production). ${meta.note}`,
    "",
  ];
  for (const r of results) {
    lines.push(`## Scale ×${r.scale} (${r.mines} mines; seeded in ${f(r.seedSeconds)} s)`, "");
    lines.push(
      "| endpoint | users | req/s | p50 ms | p95 ms | p99 ms | errors |",
      "|---|---:|---:|---:|---:|---:|---:|",
    );
    for (const e of r.endpoints)
      for (const run of e.runs) {
        lines.push(
          `| ${e.name} | ${run.connections} | ${f(run.throughput)} | ${f(run.p50, 0)} | ${f(run.p95, 0)} | ${f(run.p99, 0)} | ${run.errors} |`,
        );
      }
    lines.push(
      "",
      "Cold path (a different as-of date per sample). The dashboard page runs the headline SQL plus its charts' SQL and renders them, so its ratio includes those queries.",
      "",
      "| page vs its raw headline SQL | SQL p50 ms | page p50 ms | page / SQL |",
      "|---|---:|---:|---:|",
    );
    for (const s of r.sql) lines.push(`| ${s.name} | ${f(s.sqlP50)} | ${f(s.pageP50)} | ${f(s.ratio, 2)} |`);
    lines.push(
      "",
      `Spot-check save through its server action: p50 ${f(r.spotCheckSave.p50)} ms, p95 ${f(r.spotCheckSave.p95)} ms (${r.spotCheckSave.samples} saves, ${r.spotCheckSave.errors} errors).`,
      `Import of ${r.import10k.rows} spot-check rows: ${f(r.import10k.seconds)} s, ${f(r.import10k.rowsPerSecond, 0)} rows/s.`,
      `Peak server memory (RSS): ${f(r.peakRssMiB, 0)} MiB.`,
      "",
      "| route | first-load JS (gzip, KiB) |",
      "|---|---:|",
      ...Object.entries(r.firstLoadJsKiB).map(([k, v]) => `| ${k} | ${f(v)} |`),
      "",
    );
  }
  return lines.join("\n");
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || process.argv.includes("--build"))
    run("npx", ["next", "build"]);
  const pgServer = await findOrStartServer();
  const results: ScaleResult[] = [];
  try {
    for (const scale of SCALES) {
      console.log(`Scale ×${scale}…`);
      results.push(await benchScale(scale, pgServer.adminUrl));
    }
  } finally {
    pgServer.stop();
  }
  const meta = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    note: `Load: autocannon, ${SECONDS} s per run; server and load generator share the machine.`,
  };
  const out = path.join(root, "bench-results");
  fs.mkdirSync(out, { recursive: true });
  const stamp = meta.date.replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(out, `${stamp}.json`), JSON.stringify({ meta, results }, null, 2));
  const md = markdown(results, meta);
  fs.writeFileSync(path.join(out, `${stamp}.md`), md);
  fs.writeFileSync(path.join(out, "latest.md"), md);
  console.log(`\n${md}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
