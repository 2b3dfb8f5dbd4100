// `npm run setup` (DATABASE_URL): makes a database ready for service, or brings it forward after an
// upgrade. Applies the migrations (prisma/tooling/migrate.ts, under Prisma's migration lock), then
// loads the reference data (prisma/seed/reference.ts: regions, authorities, rule versions, grading
// configuration, default targets) under a lock of its own. Never the demo data or any account: the
// first ADMIN comes from `npm run user:create`. Safe to run again, and two at once: a second run
// finds everything current and writes nothing.
import pg from "pg";
import { migrate } from "../prisma/tooling/migrate";
import { buildReferenceData } from "../prisma/seed/reference";
import { applyReferenceData, REFERENCE_LOCK_ID } from "../prisma/seed/reference-apply";
import { loadGeography } from "../prisma/seed/regions";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: give the PostgreSQL database to set up, e.g. postgresql://user@host/db.");
  const started = performance.now();
  const applied = await migrate(url);
  console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Migrations: up to date.");
  const reference = buildReferenceData(loadGeography());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [REFERENCE_LOCK_ID]);
    const results = await applyReferenceData(client, reference, (m) => console.log(`  ${m}`));
    for (const r of results)
      console.log(
        `Reference data ${r.name}: ${r.outcome === "unchanged" ? "up to date" : `loaded (${r.written} rows written)`}.`,
      );
  } finally {
    await client.end();
  }
  console.log(`Setup done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  console.error(`Setup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
