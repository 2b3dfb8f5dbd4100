// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as it
// stood at a git ref (default HEAD; nothing for the first migration) to prisma/schema.prisma.
// Needs a reachable Postgres (DATABASE_URL) only so the engine can read the server version.
// Usage: npm run db:new-migration -- <name> [--from <git-ref>|--from-empty]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { diffSchemas } from "../prisma/tooling/schema-engine";

async function main() {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith("--"));
  if (!name || !/^[a-z0-9_]+$/.test(name))
    throw new Error("usage: db:new-migration <snake_case_name> [--from REF|--from-empty]");
  const fromIdx = args.indexOf("--from");
  const ref = fromIdx >= 0 ? args[fromIdx + 1] : "HEAD";
  const from = args.includes("--from-empty")
    ? null
    : execFileSync("git", ["show", `${ref}:prisma/schema.prisma`], { encoding: "utf8" });
  const to = fs.readFileSync("prisma/schema.prisma", "utf8");
  const sql = await diffSchemas(from, to, process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
    console.log("No schema change: nothing written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${dir}/migration.sql`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
