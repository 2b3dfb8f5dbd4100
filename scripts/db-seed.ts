// Seeds the deterministic national demo data: `npm run db:seed` (DATABASE_URL; SEED_SCALE=10 for ten
// times the national scale; SEED_TODAY=YYYY-MM-DD to fix "today"). Refuses a database that already
// has mines unless --force, which empties every table first.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { computeMetrics } from "../lib/server/metrics/metrics-sql";
import { seedDemo } from "../prisma/seed";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const scale = process.env.SEED_SCALE ? Number(process.env.SEED_SCALE) : 1;
  if (!(scale > 0)) throw new Error(`SEED_SCALE must be a positive number: ${process.env.SEED_SCALE}`);
  const force = process.argv.includes("--force");
  const started = performance.now();
  const summary = await seedDemo(url, {
    scale,
    today: process.env.SEED_TODAY || undefined,
    force,
    log: (m) => console.log(`  ${m}`),
  });
  console.log(`Seeded scale ${summary.scale}, today ${summary.today}:`);
  for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(22)} ${n}`);
  console.log("  year  graded  checked  coverage  decisions  accidents  deaths");
  for (const y of summary.years) {
    const ratio = y.graded > 0 ? ((100 * y.checked) / y.graded).toFixed(1) : "-";
    console.log(
      `  ${y.year}  ${String(y.graded).padStart(6)}  ${String(y.checked).padStart(7)}  ${ratio.padStart(7)}%  ${String(y.decisions).padStart(9)}  ${String(y.accidents).padStart(9)}  ${String(y.deaths).padStart(6)}`,
    );
  }
  console.log(
    `  demo manager mine ${summary.managerMine.code} ${summary.managerMine.name}; Guizhou mine ${summary.guizhouMine.code} ${summary.guizhouMine.name}`,
  );

  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
  try {
    const m = await computeMetrics(db, { scope: "", asOf: "2020-12-31", year: 2020 });
    const decided = m.decisions.downgrades + m.decisions.revocations;
    console.log(
      `2020 national: coverage ${(100 * m.coverage.ratio).toFixed(2)}% (${m.coverage.checked}/${m.coverage.graded}), ` +
        `${decided} downgrades and revocations, Level 1+2 share ${(100 * m.share.l12).toFixed(2)}% of ${m.producing} producing on 2020-12-31`,
    );
  } finally {
    await db.$disconnect();
  }
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
