// How long the national dashboard's queries take on the database named by DATABASE_URL:
// `npx tsx scripts/dashboard-timings.ts [year asOf]` (default: the running year as of today).
// Each query alone (first run, then the median of 5), then all of them at once as the page runs them.
import { PrismaPg } from "@prisma/adapter-pg";
import { todayInChina } from "../lib/domain/dates";
import { PrismaClient } from "../lib/generated/prisma/client";
import { computeMetrics } from "../lib/server/metrics/metrics-sql";
import { coverageSeries } from "../lib/server/metrics/coverage-series";
import { decisionSeries } from "../lib/server/metrics/decision-series";
import { regionComparison } from "../lib/server/metrics/region-comparison";
import { shareSeries } from "../lib/server/metrics/share-series";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const today = todayInChina();
  const year = Number(process.argv[2] ?? today.slice(0, 4));
  const asOf = process.argv[3] ?? (year === Number(today.slice(0, 4)) ? today : `${year}-12-31`);
  const p = { scope: "", year, asOf };
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  const mines = await db.mine.count();
  const queries: [string, () => Promise<unknown>][] = [
    ["headline (computeMetrics)", () => computeMetrics(db, p)],
    ["share by level, 2018..year", () => shareSeries(db, p)],
    ["coverage by year", () => coverageSeries(db, p)],
    ["decisions by year and reason", () => decisionSeries(db, p)],
    ["provinces compared", () => regionComparison(db, p)],
  ];
  const ms = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  console.log(`national dashboard, year ${year} as of ${asOf}, ${mines} mines`);
  for (const [name, f] of queries) {
    const first = await ms(f);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(await ms(f));
    runs.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(32)} first ${first.toFixed(0).padStart(5)} ms   median ${runs[2].toFixed(0).padStart(5)} ms`,
    );
  }
  const all: number[] = [];
  for (let i = 0; i < 5; i++) all.push(await ms(() => Promise.all(queries.map(([, f]) => f()))));
  all.sort((a, b) => a - b);
  console.log(`  ${"all at once (as the page)".padEnd(32)} median ${all[2].toFixed(0).padStart(5)} ms`);
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
