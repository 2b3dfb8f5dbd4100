// Runs a command against a fresh, migrated, demo-seeded database on a real PostgreSQL server
// (found or started by scripts/lib/postgres.mjs), then drops it. Usage: with-test-db.mjs CMD ARGS...
import { spawnSync } from "node:child_process";
import { createDatabase, dropDatabase, findOrStartServer } from "./lib/postgres.mjs";

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: with-test-db.mjs <command> [args...]");
  process.exit(2);
}

const server = await findOrStartServer();
const name = `grading_test_${process.pid}_${Date.now()}`;
let status = 1;
try {
  const url = await createDatabase(server.adminUrl, name);
  const env = { ...process.env, DATABASE_URL: url, TEST_ADMIN_DATABASE_URL: server.adminUrl };
  const setup = spawnSync("npx", ["tsx", "scripts/db-setup.ts"], { stdio: "inherit", env });
  if (setup.status !== 0) throw new Error("database setup failed");
  const run = spawnSync("npx", [cmd, ...args], { stdio: "inherit", env });
  status = run.status ?? 1;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
} finally {
  await dropDatabase(server.adminUrl, name).catch(() => {});
  server.stop();
}
process.exit(status);
