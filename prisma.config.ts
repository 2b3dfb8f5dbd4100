import { defineConfig } from "prisma/config";

// The Prisma CLI is used here for `generate` only: migrations are committed SQL applied by
// scripts/db-migrate.ts, because the CLI's schema engine cannot be downloaded offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/postgres" },
});
