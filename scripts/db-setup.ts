// Brings a database up to date (migrations) and seeds the demo data when it has no mines yet.
import pg from "pg";
import { migrate } from "../prisma/tooling/migrate";
import { seedDemo } from "../prisma/seed/index";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const applied = await migrate(url);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Mine"`);
  await client.end();
  if (Number(rows[0].n) > 0) {
    console.log("Database already has data; not seeding.");
    return;
  }
  const started = Date.now();
  const scale = Number(process.env.SEED_SCALE ?? "1");
  await seedDemo(url, { scale, log: (m) => console.log(m) });
  console.log(`Demo data seeded (scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
