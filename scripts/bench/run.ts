// `npm run bench`: how fast the portal is at national scale (×1), and at ten times that (--scales=1,10).
// Against a production build and a dedicated database per scale on a real PostgreSQL server, it
// loads the sign-in page (the floor: the cheapest page, measured in the same run) and eight routes
// with autocannon at 10 concurrent users, the floor and the public routes also at 50, and gives each
// route's throughput as a share of the floor's; times the dashboard's raw SQL in the same run (ratio
// page / SQL); saves spot-checks through the server action; imports 10,000 spot-check rows; then
// starts a second instance on the same database and measures one instance against two (the load
// split across both, as a round-robin proxy would), with each process's CPU share; renames a mine
// through one instance and reads it at once through both (stale reads: must be 0); and reports
// peak and steady server memory and first-load JavaScript per route.
// Results: bench-results/<stamp>.json and .md (git-ignored), and the table on stdout.
// Options: --scales=1,10  --seconds=8  --connections=10  --wide=50  --port=N (and N+1)  --keep (keep the databases)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { serverNodeOptions } from "../lib/server-heap.mjs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { createDatabase, dropDatabase, findOrStartServer, freePort } from "../lib/postgres.mjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { computeMetrics } from "../../lib/server/metrics/metrics-sql";
import { coverageSeries } from "../../lib/server/metrics/coverage-series";
import { decisionSeries } from "../../lib/server/metrics/decision-series";
import { regionComparison } from "../../lib/server/metrics/region-comparison";
import { shareSeries } from "../../lib/server/metrics/share-series";
import { todayInChina } from "../../lib/domain/dates";
import { load, loadSplit, signInCookie, type LoadResult } from "./http";
import { firstLoadJsKiB, rssSampler, steadyRssMiB, timeRepeated, withCpuShare } from "./measure";
import { buildImportCsv, replaySpotCheckSave, timeImport, writeThenRead } from "./writes";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const SCALES = arg("scales", "1").split(",").map(Number);
const SECONDS = Number(arg("seconds", "8"));
const CONNECTIONS = arg("connections", "10").split(",").map(Number);
/** The floor and the public routes (which every visitor shares) are also loaded at these. */
const WIDE = arg("wide", "50").split(",").filter(Boolean).map(Number);
const KEEP = process.argv.includes("--keep");
/** The first instance's port (the second takes the next one); free ports when not given. */
const PORT = Number(arg("port", "0"));
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

/** `next start` on `port` against the database at `url`. */
function startServer(url: string, port: number): ChildProcess {
  return spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "benchmark-only-secret-0123456789abcdef",
      NODE_ENV: "production",
      // The benchmark signs in with the demo accounts, which production mode refuses.
      DEMO_MODE: "1",
      // Request serving only: the scheduled jobs (which catch up on the missed ticks of a new database
      // at their first start: a scan of every mine, thousands of reminders) run in no instance here.
      JOBS_IN_PROCESS: "false",
      // The heap bound `npm start` gives the server (scripts/lib/server-heap.mjs).
      NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** A load run with the cores each process used meanwhile: [first instance, second instance, load generator]. */
type SharedRun = LoadResult & { cores: number[] };

interface ScaleResult {
  scale: number;
  mines: number;
  seedSeconds: number;
  endpoints: { name: string; path: string; auth: string | null; runs: LoadResult[] }[];
  sql: { name: string; sqlP50: number; pageP50: number; ratio: number }[];
  spotCheckSave: { p50: number; p95: number; samples: number; errors: number };
  import10k: { seconds: number; rowsPerSecond: number; rows: number };
  twoInstances: { name: string; path: string; one: SharedRun; two: SharedRun }[];
  writeThenRead: { writes: number; reads: number; stale: number; staleReads: string[] };
  /** Per instance: the first served the whole run, the second from its start. */
  memory: { instance: string; peakRssMiB: number; steadyRssMiB: number }[];
  firstLoadJsKiB: Record<string, number>;
}

async function benchScale(scale: number, adminUrl: string): Promise<ScaleResult> {
  const dbName = `grading_bench_x${scale}`;
  const url = await createDatabase(adminUrl, dbName);
  const seedStart = Date.now();
  run("npx", ["tsx", "scripts/db-setup.ts"], { ...process.env, DATABASE_URL: url, SEED_SCALE: String(scale) });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  const port = PORT || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(url, port);
  const memory = rssSampler(server.pid!);
  let second: ChildProcess | undefined;
  let secondMemory: ReturnType<typeof rssSampler> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
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
    const targets: { name: string; path: string; cookie: string | undefined; auth: string | null; wide?: boolean }[] = [
      { name: "sign-in page (floor)", path: "/login", cookie: undefined, auth: null, wide: true },
      { name: "national dashboard", path: `/dashboard?year=${year}`, cookie: official, auth: "official" },
      { name: "provincial dashboard", path: `/dashboard?scope=14&year=${year}`, cookie: shanxi, auth: "shanxi" },
      {
        name: "registry search",
        path: "/mines?q=%E7%85%A4&grade=1&sort=capacity&dir=desc",
        cookie: official,
        auth: "official",
      },
      { name: "mine profile", path: `/mines/${mine.code}`, cookie: shanxi, auth: "shanxi" },
      { name: "public register", path: "/register", cookie: undefined, auth: null, wide: true },
      {
        name: "public grades API",
        path: "/api/public/v1/grades?province=14&pageSize=100",
        cookie: undefined,
        auth: null,
        wide: true,
      },
      { name: "metrics API", path: `/api/v1/metrics?scope=&year=${year}`, cookie: official, auth: "official" },
    ];
    // Warm every route once so compilation and first connections are not measured.
    for (const t of targets) await fetch(`${base}${t.path}`, { headers: t.cookie ? { cookie: t.cookie } : {} });

    const endpoints: ScaleResult["endpoints"] = [];
    for (const t of targets) {
      const runs: LoadResult[] = [];
      const levels = [...new Set([...CONNECTIONS, ...(t.wide ? WIDE : [])])].sort((a, b) => a - b);
      for (const c of levels) runs.push(await load(`${base}${t.path}`, c, SECONDS, t.cookie));
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
      // Everything the dashboard page reads, one query after another: the headline, the three series
      // and the region comparison (the page runs them at once).
      round = 0;
      const pageSql = await timeRepeated(dates.length, async () => {
        const p = { scope, asOf: nextDate(), year };
        await computeMetrics(prisma, p);
        await shareSeries(prisma, p);
        await coverageSeries(prisma, p);
        await decisionSeries(prisma, p);
        await regionComparison(prisma, p);
      });
      round = 0;
      const dash = await timeRepeated(dates.length, () =>
        fetch(`${base}/dashboard?scope=${scope}&year=${year}&asOf=${nextDate()}`, { headers: { cookie } }).then((r) =>
          r.text(),
        ),
      );
      sql.push({ name: `${name} metrics API`, sqlP50: sqlTime.p50, pageP50: api.p50, ratio: api.p50 / sqlTime.p50 });
      sql.push({
        name: `${name} dashboard page`,
        sqlP50: pageSql.p50,
        pageP50: dash.p50,
        ratio: dash.p50 / pageSql.p50,
      });
    }

    // Writes, through the real forms and server actions, in Chromium.
    browser = await chromium.launch({
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
    const spotCheckSave = await replaySpotCheckSave(browser, base, mine.code, 40, prisma);
    const csv = await buildImportCsv(prisma, 10_000, today);
    const import10k = await timeImport(browser, base, csv, 10_000, prisma);

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

    // Two instances on the same database, against one: the same load on the first instance alone,
    // then split across both. CPU shares: [first, second, load generator] in cores.
    const port2 = PORT ? PORT + 1 : await freePort();
    const base2 = `http://127.0.0.1:${port2}`;
    second = startServer(url, port2);
    secondMemory = rssSampler(second.pid!);
    await waitHealthy(base2, second);
    const pids = [server.pid!, second.pid!, process.pid];
    const twoInstances: ScaleResult["twoInstances"] = [];
    for (const t of [
      { name: "public register", path: "/register", cookie: undefined, c: Math.max(...WIDE, ...CONNECTIONS) },
      { name: "national dashboard", path: `/dashboard?year=${year}`, cookie: official, c: CONNECTIONS[0] },
    ]) {
      for (const b of [base, base2]) await fetch(`${b}${t.path}`, { headers: t.cookie ? { cookie: t.cookie } : {} });
      const one = await withCpuShare(pids, () => load(`${base}${t.path}`, t.c, SECONDS, t.cookie));
      const two = await withCpuShare(pids, () =>
        loadSplit([`${base}${t.path}`, `${base2}${t.path}`], t.c, SECONDS, t.cookie),
      );
      twoInstances.push({
        name: t.name,
        path: t.path,
        one: { ...one.result, cores: one.cores },
        two: { ...two.result, cores: two.cores },
      });
      const show = (r: SharedRun) =>
        `${r.throughput.toFixed(1)} req/s p95 ${r.p95} ms, cores ${r.cores.map((c) => c.toFixed(2)).join("/")}`;
      console.log(
        `  ×${scale} ${t.name} at ${t.c}c: one instance ${show(twoInstances.at(-1)!.one)}; two ${show(twoInstances.at(-1)!.two)}`,
      );
    }

    // Write through the first instance, read at once through both.
    const [listed] = (
      (await (await fetch(`${base}/api/public/v1/grades?province=14&pageSize=1`)).json()) as {
        items: { mineCode: string }[];
      }
    ).items;
    const freshness = await writeThenRead(browser, base, [base2, base], listed.mineCode, 5, prisma);
    console.log(
      `  ×${scale} write then read: ${freshness.reads} reads after ${freshness.writes} writes, ${freshness.stale} stale`,
    );

    const memoryResult = [
      { instance: "first", peakRssMiB: memory.peak(), steadyRssMiB: 0 },
      { instance: "second", peakRssMiB: secondMemory.peak(), steadyRssMiB: 0 },
    ];
    const [steady1, steady2] = await Promise.all([steadyRssMiB(server.pid!), steadyRssMiB(second.pid!)]);
    memoryResult[0].steadyRssMiB = steady1;
    memoryResult[1].steadyRssMiB = steady2;
    return {
      scale,
      mines,
      seedSeconds,
      endpoints,
      sql,
      spotCheckSave,
      import10k,
      twoInstances,
      writeThenRead: freshness,
      memory: memoryResult,
      firstLoadJsKiB: firstLoad,
    };
  } finally {
    memory.stop();
    secondMemory?.stop();
    await browser?.close();
    second?.kill("SIGTERM");
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
      "Share of floor: the route's throughput against the sign-in page's at the same number of users, in this run.",
      "",
      "| endpoint | users | req/s | share of floor | p50 ms | p95 ms | p99 ms | errors |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    const floor = r.endpoints[0].runs;
    for (const e of r.endpoints)
      for (const run of e.runs) {
        const base = floor.find((x) => x.connections === run.connections)?.throughput ?? Number.NaN;
        lines.push(
          `| ${e.name} | ${run.connections} | ${f(run.throughput)} | ${f((100 * run.throughput) / base, 0)} % | ${f(run.p50, 0)} | ${f(run.p95, 0)} | ${f(run.p99, 0)} | ${run.errors} |`,
        );
      }
    lines.push(
      "",
      "Cold path (a different as-of date per sample). The metrics API against its headline SQL; the dashboard page against the sum of all its SQL run one after another (headline, three series, regions), which the page runs at once.",
      "",
      "| page vs its own SQL run directly | SQL p50 ms | page p50 ms | page / SQL |",
      "|---|---:|---:|---:|",
    );
    for (const s of r.sql) lines.push(`| ${s.name} | ${f(s.sqlP50)} | ${f(s.pageP50)} | ${f(s.ratio, 2)} |`);
    lines.push(
      "",
      `Spot-check save through its server action: p50 ${f(r.spotCheckSave.p50)} ms, p95 ${f(r.spotCheckSave.p95)} ms (${r.spotCheckSave.samples} saves, ${r.spotCheckSave.errors} errors).`,
      `Import of ${r.import10k.rows} spot-check rows: ${f(r.import10k.seconds)} s, ${f(r.import10k.rowsPerSecond, 0)} rows/s.`,
      "",
      "One instance against two on the same database: the same load on the first instance alone, then split across both",
      "(as a round-robin proxy would). Cores: CPU seconds per second of each process during the run (first / second",
      "instance / load generator; PostgreSQL has the rest of the machine). Per portal core: req/s over the instances' cores.",
      "",
      "| route | users | instances | req/s | p50 ms | p95 ms | errors | cores (1st / 2nd / load) | req/s per portal core |",
      "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    );
    for (const t of r.twoInstances)
      for (const [n, run] of [
        [1, t.one],
        [2, t.two],
      ] as const) {
        const portal = run.cores[0] + run.cores[1];
        lines.push(
          `| ${t.name} | ${run.connections} | ${n} | ${f(run.throughput)} | ${f(run.p50, 0)} | ${f(run.p95, 0)} | ${run.errors} | ${run.cores.map((c) => f(c, 2)).join(" / ")} | ${f(run.throughput / portal)} |`,
        );
      }
    lines.push(
      "",
      `Write then read: ${r.writeThenRead.writes} renames of a mine through the first instance, each followed at once by reads of its public page, the public API and its registry profile through both instances: ${r.writeThenRead.reads} reads, **${r.writeThenRead.stale} stale**${r.writeThenRead.stale ? ` (${r.writeThenRead.staleReads.join("; ")})` : ""}.`,
      "",
      "| server memory (RSS) | peak MiB | steady MiB (5 s after the load) |",
      "|---|---:|---:|",
      ...r.memory.map((m) => `| ${m.instance} instance | ${f(m.peakRssMiB, 0)} | ${f(m.steadyRssMiB, 0)} |`),
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
