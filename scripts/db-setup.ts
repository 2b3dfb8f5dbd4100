// The demo start (npm run dev / npm start, the tests): brings a database up to date (migrations) and
// seeds the demo data when it has no mines yet; a database that has data gets the reference data
// brought forward as `npm run setup` does (prisma/seed/reference-apply.ts).
// Two processes starting together on an empty database do not race: the migrations hold Prisma's
// migration lock (prisma/tooling/migrate.ts), and the check for mines and the seeding hold the
// reference data's lock, so the second process finds the data the first one seeded.
import pg from "pg";
import { migrate } from "../prisma/tooling/migrate";
import { seedDemo } from "../prisma/seed/index";
import { buildReferenceData } from "../prisma/seed/reference";
import { applyReferenceData, REFERENCE_LOCK_ID } from "../prisma/seed/reference-apply";
import { loadGeography } from "../prisma/seed/regions";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const applied = await migrate(url);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [REFERENCE_LOCK_ID]);
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Mine"`);
    if (Number(rows[0].n) > 0) {
      const results = await applyReferenceData(client, buildReferenceData(loadGeography()));
      const loaded = results.filter((r) => r.outcome === "loaded").map((r) => r.name);
      console.log(
        `Database already has data; not seeding.${loaded.length ? ` Reference data brought forward: ${loaded.join(", ")}.` : ""}`,
      );
      return;
    }
    const started = Date.now();
    const scale = Number(process.env.SEED_SCALE ?? "1");
    await seedDemo(url, { scale, log: (m) => console.log(m) });
    console.log(`Demo data seeded (scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
