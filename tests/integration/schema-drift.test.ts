// The committed migrations must build exactly the database that schema.prisma describes.
// "Describes" is decided by Prisma's own schema engine (WASM build): it turns schema.prisma into
// SQL, we apply that to one scratch database and the migrations to another, and compare catalogs.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffCatalogs, snapshotCatalog, type CatalogSnapshot } from "@/prisma/tooling/catalog";
import { listMigrations, migrate } from "@/prisma/tooling/migrate";
import { diffSchemas } from "@/prisma/tooling/schema-engine";
import { scratchDatabase, sql } from "../support/db";

const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

let fromMigrations: { url: string; drop: () => Promise<void> };
let fromSchema: { url: string; drop: () => Promise<void> };
let expected: CatalogSnapshot;

/**
 * What the migrations add by hand because schema.prisma cannot say it (the only allowed drift):
 * a mine's status periods never overlap (exclusion constraint, with its index), never end before
 * they start, and follow one another without a gap (a deferred constraint trigger; its function,
 * like the audit log's triggers, is not in the snapshot: tests/integration/mine-status.test.ts and
 * the test below exercise them). And a mine holds one grade a day (Grade_no_overlap, over the grade's
 * span: tests/integration/grades-never-overlap.test.ts).
 */
const HAND_WRITTEN = [
  `constraints: Grade Grade_no_overlap EXCLUDE USING gist ("mineId" WITH =, grade_span("announcedOn", "validUntil", "endedOn") WITH &&)`,
  `indexes: CREATE INDEX "Grade_no_overlap" ON public."Grade" USING gist ("mineId", grade_span("announcedOn", "validUntil", "endedOn"))`,
  `constraints: MineStatusPeriod MineStatusPeriod_contiguous TRIGGER DEFERRABLE INITIALLY DEFERRED`,
  `constraints: MineStatusPeriod MineStatusPeriod_ends_after_start CHECK ((("endedOn" IS NULL) OR ("endedOn" > "startedOn")))`,
  `constraints: MineStatusPeriod MineStatusPeriod_no_overlap EXCLUDE USING gist ("mineId" WITH =, daterange("startedOn", "endedOn", '[)'::text) WITH &&)`,
  `indexes: CREATE INDEX "MineStatusPeriod_no_overlap" ON public."MineStatusPeriod" USING gist ("mineId", daterange("startedOn", "endedOn", '[)'::text))`,
  `constraints: EvidenceFile EvidenceFile_one_owner CHECK ((num_nonnulls("findingId", "accidentId", "hiddenDangerId", "objectionId", "applicationId") = 1))`,
  `constraints: EvidenceFile EvidenceFile_sha256 CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))`,
  `constraints: EvidenceFile EvidenceFile_size CHECK (((size > 0) AND (size = octet_length(bytes))))`,
];

/** The catalog without the hand-written lines, failing if any of them is missing. */
function withoutHandWritten(snapshot: CatalogSnapshot): CatalogSnapshot {
  const lines = new Set([
    ...snapshot.constraints.map((l) => `constraints: ${l}`),
    ...snapshot.indexes.map((l) => `indexes: ${l}`),
  ]);
  expect(HAND_WRITTEN.filter((l) => !lines.has(l))).toEqual([]);
  const keep = (key: "constraints" | "indexes") => (l: string) => !HAND_WRITTEN.includes(`${key}: ${l}`);
  return {
    ...snapshot,
    constraints: snapshot.constraints.filter(keep("constraints")),
    indexes: snapshot.indexes.filter(keep("indexes")),
  };
}

beforeAll(async () => {
  fromMigrations = await scratchDatabase("drift_migrations");
  fromSchema = await scratchDatabase("drift_schema");
  await migrate(fromMigrations.url);
  const ddl = await diffSchemas(null, fs.readFileSync(schemaPath, "utf8"), fromSchema.url);
  const c = new pg.Client({ connectionString: fromSchema.url });
  await c.connect();
  await c.query(ddl);
  await c.end();
  expected = await snapshotCatalog(fromSchema.url);
});

afterAll(async () => {
  await fromMigrations?.drop();
  await fromSchema?.drop();
});

describe("schema drift", () => {
  it("the migrated database matches schema.prisma", async () => {
    const actual = withoutHandWritten(await snapshotCatalog(fromMigrations.url));
    expect(expected.columns.length).toBeGreaterThan(100);
    expect(diffCatalogs(actual, expected)).toEqual([]);
  });

  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const rows = await sql<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      fromMigrations.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = listMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    // A second run applies nothing.
    expect(await migrate(fromMigrations.url)).toEqual([]);
  });

  it("detects a deliberate drift", async () => {
    const drifted = await scratchDatabase("drift_deliberate");
    try {
      await migrate(drifted.url);
      await sql(drifted.url, `ALTER TABLE "Mine" ADD COLUMN "unexpected" integer`);
      await sql(drifted.url, `DROP INDEX "Mine_status_idx"`);
      const diff = diffCatalogs(withoutHandWritten(await snapshotCatalog(drifted.url)), expected);
      expect(diff).toContain(`- columns: Mine.unexpected int4(32,0) nullable=YES default=-`);
      expect(diff.some((line) => line.startsWith("+ indexes:") && line.includes("Mine_status_idx"))).toBe(true);
    } finally {
      await drifted.drop();
    }
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "migrations-"));
    const db = await scratchDatabase("drift_edited");
    try {
      const first = listMigrations()[0];
      fs.mkdirSync(path.join(dir, first.name));
      fs.writeFileSync(path.join(dir, first.name, "migration.sql"), first.sql);
      await migrate(db.url, dir);
      fs.writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited`);
      await expect(migrate(db.url, dir)).rejects.toThrow(/edited after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it("keeps the audit log append-only", async () => {
    const rows = await sql<{ id: string }>(
      fromMigrations.url,
      `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('test', 'Mine', '1') RETURNING id`,
    );
    await expect(
      sql(fromMigrations.url, `UPDATE "AuditLog" SET action = 'changed' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(fromMigrations.url, `DELETE FROM "AuditLog" WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(fromMigrations.url, `TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    // Chained on insert by the database (tests/integration/audit-chain.test.ts covers the chain).
    const [row] = await sql<{ hash: string | null }>(fromMigrations.url, `SELECT hash FROM "AuditLog" WHERE id = $1`, [
      rows[0].id,
    ]);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
