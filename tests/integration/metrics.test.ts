// The metric definitions of product.md, checked two ways against computeMetrics (the SQL
// implementation in lib/server/metrics/metrics-sql.ts):
// 1. on the demo-seeded database named by DATABASE_URL, against a reference implementation written
//    here in plain TypeScript over raw rows (loaded with simple SELECTs), for several scopes and
//    dates, and against the 2020 national figures;
// 2. on a small fixture database built inside the test, whose mines have hand-made histories (a
//    grade ending mid-year, a mine graded after its spot-check, a mine that stopped producing, …),
//    against numbers worked out by hand.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Metrics, MetricsParams } from "@/lib/server/metrics/metrics-params";
import { computeMetrics } from "@/lib/server/metrics/metrics-sql";
import { migrate } from "@/prisma/tooling/migrate";
import { databaseUrl, scratchDatabase } from "@/tests/support/db";

// ---------------------------------------------------------------------------------------------
// Reference implementation: the definitions applied literally to rows in memory.

interface RawData {
  mines: { id: number; provinceCode: string; prefectureCode: string; countyCode: string }[];
  periods: { mineId: number; status: string; startedOn: string; endedOn: string | null }[];
  grades: { mineId: number; level: number; announcedOn: string; validUntil: string; endedOn: string | null }[];
  checks: { mineId: number; checkedOn: string; status: string }[];
  decisions: {
    mineId: number;
    type: string;
    reason: string;
    status: string;
    effectiveOn: string | null;
    /** The day it was decided, in China (decidedAt is a UTC timestamp). */
    decidedOn: string | null;
  }[];
  targets: { year: number; regionCode: string; level: number | null; ratio: string }[];
}

async function loadRaw(client: pg.Client): Promise<RawData> {
  const q = async <T>(sql: string): Promise<T[]> => (await client.query(sql)).rows as T[];
  return {
    mines: await q(`SELECT id, "provinceCode", "prefectureCode", "countyCode" FROM "Mine"`),
    periods: await q(
      `SELECT "mineId", status::text AS status, "startedOn"::text AS "startedOn", "endedOn"::text AS "endedOn" FROM "MineStatusPeriod"`,
    ),
    grades: await q(
      `SELECT "mineId", level, "announcedOn"::text AS "announcedOn", "validUntil"::text AS "validUntil", "endedOn"::text AS "endedOn" FROM "Grade"`,
    ),
    checks: await q(`SELECT "mineId", "checkedOn"::text AS "checkedOn", status::text AS status FROM "SpotCheck"`),
    decisions: await q(
      `SELECT "mineId", type::text AS type, reason::text AS reason, status::text AS status, "effectiveOn"::text AS "effectiveOn",
         ("decidedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date::text AS "decidedOn" FROM "Decision"`,
    ),
    targets: await q(`SELECT year, "regionCode", level, ratio::text AS ratio FROM "SpotCheckTarget"`),
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type Grade = RawData["grades"][number];

/** Where a grade stops being in force: the earlier of its valid-until and the day something ended it. */
function endOf(g: Grade): string {
  return g.endedOn !== null && g.endedOn < g.validUntil ? g.endedOn : g.validUntil;
}

function inForceOn(g: Grade, day: string): boolean {
  return g.announcedOn <= day && day < endOf(g);
}

function referenceMetrics(data: RawData, p: MetricsParams): Metrics {
  const { scope, asOf, year } = p;
  const inScope = new Set(
    data.mines
      .filter((m) =>
        scope === ""
          ? true
          : scope.length === 2
            ? m.provinceCode === scope
            : scope.length === 4
              ? m.prefectureCode === scope
              : m.countyCode === scope,
      )
      .map((m) => m.id),
  );
  const gradesOf = new Map<number, Grade[]>();
  for (const g of data.grades) {
    if (!inScope.has(g.mineId)) continue;
    gradesOf.set(g.mineId, [...(gradesOf.get(g.mineId) ?? []), g]);
  }
  const checksOf = new Map<number, RawData["checks"]>();
  for (const c of data.checks) {
    if (!inScope.has(c.mineId)) continue;
    checksOf.set(c.mineId, [...(checksOf.get(c.mineId) ?? []), c]);
  }

  // Producing on asOf, and graded at each level on asOf.
  const producing = new Set<number>();
  for (const sp of data.periods) {
    if (!inScope.has(sp.mineId) || sp.status !== "NORMAL_PRODUCTION") continue;
    if (sp.startedOn <= asOf && (sp.endedOn === null || asOf < sp.endedOn)) producing.add(sp.mineId);
  }
  const atLevel = (level: number) =>
    [...producing].filter((id) => (gradesOf.get(id) ?? []).some((g) => g.level === level && inForceOn(g, asOf))).length;
  const anyLevel = [...producing].filter((id) => (gradesOf.get(id) ?? []).some((g) => inForceOn(g, asOf))).length;
  const l1 = atLevel(1);
  const l2 = atLevel(2);
  const l3 = atLevel(3);
  const n = producing.size;
  const share = (k: number) => (n === 0 ? 0 : k / n);

  // The year's period, clipped to asOf.
  const from = `${year}-01-01`;
  const to = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const empty = to < from;

  let graded = 0;
  let checked = 0;
  if (!empty) {
    const afterTo = nextDay(to);
    for (const [mineId, grades] of gradesOf) {
      // Graded at some time in [from, to]: some grade's [announcedOn, end) meets [from, to + 1 day).
      const spans = grades.filter((g) => {
        const lo = g.announcedOn > from ? g.announcedOn : from;
        const end = endOf(g);
        const hi = end < afterTo ? end : afterTo;
        return lo < hi;
      });
      if (spans.length === 0) continue;
      graded++;
      const wasChecked = (checksOf.get(mineId) ?? []).some(
        (c) =>
          c.status === "COMPLETED" &&
          c.checkedOn >= from &&
          c.checkedOn <= to &&
          grades.some((g) => inForceOn(g, c.checkedOn)),
      );
      if (wasChecked) checked++;
    }
  }

  const byReason: Record<string, number> = {
    FATAL_ACCIDENT: 0,
    HIDDEN_DANGERS: 0,
    PRODUCTION_STOPPED: 0,
    MANAGEMENT_SLIDE: 0,
    FALSIFICATION: 0,
  };
  let downgrades = 0;
  let revocations = 0;
  if (!empty) {
    for (const d of data.decisions) {
      if (!inScope.has(d.mineId) || d.status !== "CONFIRMED" || d.effectiveOn === null) continue;
      if (d.effectiveOn < from || d.effectiveOn > to) continue;
      // Counted by its status on asOf: a decision taken after asOf was not yet a decision then.
      if (d.decidedOn === null || d.decidedOn > asOf) continue;
      byReason[d.reason] = (byReason[d.reason] ?? 0) + 1;
      if (d.type === "DOWNGRADE") downgrades++;
      else revocations++;
    }
  }

  let target: number | null = null;
  const chain = [scope, ...(scope.length > 2 ? [scope.slice(0, 2)] : []), ...(scope !== "" ? [""] : [])];
  for (const code of chain) {
    const t = data.targets.find((x) => x.year === year && x.level === null && x.regionCode === code);
    if (t) {
      target = Number(t.ratio);
      break;
    }
  }

  return {
    scope,
    asOf,
    year,
    // product.md: year-to-date when asOf is before Y-12-31.
    yearToDate: asOf < `${year}-12-31`,
    producing: n,
    graded: { l1, l2, l3 },
    share: { l1: share(l1), l2: share(l2), l3: share(l3), l12: share(l1 + l2), unstandardized: share(n - anyLevel) },
    coverage: { year, checked, graded, ratio: graded === 0 ? 0 : checked / graded, target },
    decisions: { downgrades, revocations, byReason },
  };
}

/** Counts equal, ratios within 1e-9. */
function expectSameMetrics(actual: Metrics, expected: Metrics): void {
  const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), what).toBeLessThan(1e-9);
  expect({ ...actual, share: null, coverage: { ...actual.coverage, ratio: null } }).toEqual({
    ...expected,
    share: null,
    coverage: { ...expected.coverage, ratio: null },
  });
  for (const k of ["l1", "l2", "l3", "l12", "unstandardized"] as const)
    close(actual.share[k], expected.share[k], `share.${k}`);
  close(actual.coverage.ratio, expected.coverage.ratio, "coverage.ratio");
  if (expected.coverage.target === null) expect(actual.coverage.target).toBeNull();
  else close(actual.coverage.target ?? Number.NaN, expected.coverage.target, "coverage.target");
}

function prismaFor(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
}

// ---------------------------------------------------------------------------------------------
// 1. The demo-seeded database.

describe("metrics on the demo data", () => {
  let db: PrismaClient;
  let raw: RawData;
  const today = todayInChina();
  const currentYear = Number(today.slice(0, 4));

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      raw = await loadRaw(client);
    } finally {
      await client.end();
    }
    if (raw.mines.length === 0) throw new Error("The database has no mines: seed it first (npm run db:seed).");
    db = prismaFor(databaseUrl());
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  const cases: MetricsParams[] = [
    { scope: "", asOf: "2020-12-31", year: 2020 },
    { scope: "14", asOf: "2020-12-31", year: 2020 },
    { scope: "52", asOf: "2021-12-31", year: 2021 },
    { scope: "1402", asOf: "2022-12-31", year: 2022 },
    { scope: "", asOf: "2025-06-30", year: 2025 },
    { scope: "140226", asOf: "2023-09-30", year: 2023 },
    { scope: "61", asOf: "2024-03-31", year: 2023 },
    { scope: "14", asOf: "2019-06-30", year: 2020 },
  ];
  for (const p of cases) {
    it(`agrees with the reference for scope "${p.scope}" as of ${p.asOf}, year ${p.year}`, async () => {
      expectSameMetrics(await computeMetrics(db, p), referenceMetrics(raw, p));
    });
  }

  it("agrees with the reference for the current year as of today", async () => {
    const p = { scope: "", asOf: today, year: currentYear };
    const m = await computeMetrics(db, p);
    expectSameMetrics(m, referenceMetrics(raw, p));
    expect(m.yearToDate).toBe(true);
  });

  it("reproduces the 2020 national figures", async () => {
    const m = await computeMetrics(db, { scope: "", asOf: "2020-12-31", year: 2020 });
    expect(m.coverage.ratio).toBeGreaterThanOrEqual(0.38);
    expect(m.coverage.ratio).toBeLessThanOrEqual(0.4);
    const decided = m.decisions.downgrades + m.decisions.revocations;
    expect(decided).toBeGreaterThanOrEqual(100);
    expect(decided).toBeLessThanOrEqual(140);
    expect(m.share.l12).toBeGreaterThan(0.75);
    // About half of the mines produce; the shares add up.
    expect(m.producing).toBeGreaterThan(1000);
    expect(m.share.l1 + m.share.l2 + m.share.l3 + m.share.unstandardized).toBeCloseTo(1, 9);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A fixture database with hand-made histories.

// Mines (county 140226 is in prefecture 1402 of Shanxi "14"; 140402 in 1404; 520102 in Guizhou).
// Status: producing from 2015 unless noted. Year examined: 2022.
//  M1 140226  L1 2021-03-10..2024-03-10; COMPLETED check 2022-05-01 (in force); a PROPOSED decision.
//  M2 140226  L2 2020-08-10..2023-08-10, revoked 2022-06-15 (HIDDEN_DANGERS); check 2022-07-01 after the end.
//  M3 140226  construction until 2021-06-01, then producing; check 2022-02-01, then L3 from 2022-03-10.
//  M4 140402  L2 2021-05-25..2024-05-25; producing until 2022-09-01, then STOPPED; check 2022-10-10.
//  M5 140226  L1 2020-01-10..2023-01-10, downgraded 2022-04-20 (FATAL_ACCIDENT) to L2 until 2023-01-10;
//             check 2022-04-01 (under L1).
//  M6 140226  L2 2019-06-10..2022-06-10 superseded 2022-05-25 by L1 until 2025-05-25; no check.
//  M7 140226  L2 2021-01-10..2024-01-10; only a DRAFT check 2022-08-08; a WITHDRAWN decision dated 2022-08-20.
//  M8 140226  L3 2019-03-10..2022-03-10 (expired, not renewed); check on 2022-03-10, the first day without it.
//  M9 140226  L2 from 2022-12-31 (the last day of the year); check 2022-12-31.
//  M10 140226 construction only, never graded.
//  M11 520102 L1 2021-02-10..2024-02-10, revoked 2023-02-01 (FALSIFICATION); check 2022-09-09.
describe("metrics on hand-made histories", () => {
  let fixture: { url: string; drop: () => Promise<void> } | undefined;
  let db: PrismaClient;
  let raw: RawData;

  beforeAll(async () => {
    fixture = await scratchDatabase("metrics_fixture");
    const fixtureUrl = fixture.url;
    await migrate(fixtureUrl);

    const c = new pg.Client({ connectionString: fixtureUrl });
    await c.connect();
    try {
      await c.query(`
        INSERT INTO "Region" (code, "nameZh", level, "parentCode") VALUES
          ('14', '山西省', 'PROVINCE', NULL), ('1402', '大同市', 'PREFECTURE', '14'), ('140226', '左云县', 'COUNTY', '1402'),
          ('1404', '长治市', 'PREFECTURE', '14'), ('140402', '潞州区', 'COUNTY', '1404'),
          ('52', '贵州省', 'PROVINCE', NULL), ('5201', '贵阳市', 'PREFECTURE', '52'), ('520102', '南明区', 'COUNTY', '5201');
        INSERT INTO "RuleVersion" (id, code, "nameZh", "nameEn", "effectiveFrom") VALUES (1, '2020', '2020', '2020', '2020-07-01');
        INSERT INTO "Authority" (id, kind, "regionCode", "nameZh", "nameEn") VALUES (1, 'NATIONAL', '', '国家矿山安全监察局', 'NMSA');
      `);
      const mine = (id: number, county: string, status: string) =>
        c.query(
          `INSERT INTO "Mine" (id, code, name, "provinceCode", "prefectureCode", "countyCode", type, capacity, "gasGrade", "hydroType", "combustionClass", status)
           VALUES ($1, $2, $3, $4, $5, $6, 'UNDERGROUND', 90, 'LOW', 'SIMPLE', 'II', $7)`,
          [id, `FX${id}`, `测试煤矿${id}`, county.slice(0, 2), county.slice(0, 4), county, status],
        );
      const period = (mineId: number, status: string, startedOn: string, endedOn: string | null) =>
        c.query(`INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn", "endedOn") VALUES ($1, $2, $3, $4)`, [
          mineId,
          status,
          startedOn,
          endedOn,
        ]);
      const grade = async (
        id: number,
        mineId: number,
        level: number,
        announcedOn: string,
        validUntil: string,
        endedOn: string | null = null,
        endReason: string | null = null,
      ) =>
        c.query(
          `INSERT INTO "Grade" (id, "mineId", level, "ruleVersionId", "authorityId", "announcementNo", "announcedOn", "validUntil", "endedOn", "endReason")
           VALUES ($1, $2, $3, 1, 1, 'FX', $4, $5, $6, $7)`,
          [id, mineId, level, announcedOn, validUntil, endedOn, endReason],
        );
      let sheet = 0;
      const check = async (mineId: number, checkedOn: string, status = "COMPLETED") => {
        sheet++;
        await c.query(
          `INSERT INTO "Scoresheet" (id, "mineId", "ruleVersionId", kind, "mineType", total, level) VALUES ($1, $2, 1, 'SPOT_CHECK', 'UNDERGROUND', 90, 1)`,
          [sheet, mineId],
        );
        await c.query(
          `INSERT INTO "SpotCheck" ("mineId", "checkedOn", type, status, "authorityId", team, "scoresheetId", conclusion)
           VALUES ($1, $2, 'ROUTINE', $3, 1, '抽查组', $4, 'GRADE_MAINTAINED')`,
          [mineId, checkedOn, status, sheet],
        );
      };
      const decision = (
        id: number,
        mineId: number,
        gradeId: number,
        type: string,
        reason: string,
        status: string,
        effectiveOn: string | null,
        decidedOn?: string,
      ) =>
        c.query(
          `INSERT INTO "Decision" (id, "mineId", "gradeId", type, reason, "fromLevel", "toLevel", status, "effectiveOn", "decidedAt")
           VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`,
          [
            id,
            mineId,
            gradeId,
            type,
            reason,
            type === "DOWNGRADE" ? 2 : null,
            status,
            effectiveOn,
            decidedOn ?? (status === "PROPOSED" ? null : `${effectiveOn} 03:00:00`),
          ],
        );

      for (const [id, county, status] of [
        [1, "140226", "NORMAL_PRODUCTION"],
        [2, "140226", "NORMAL_PRODUCTION"],
        [3, "140226", "NORMAL_PRODUCTION"],
        [4, "140402", "STOPPED"],
        [5, "140226", "NORMAL_PRODUCTION"],
        [6, "140226", "NORMAL_PRODUCTION"],
        [7, "140226", "NORMAL_PRODUCTION"],
        [8, "140226", "NORMAL_PRODUCTION"],
        [9, "140226", "NORMAL_PRODUCTION"],
        [10, "140226", "NORMAL_CONSTRUCTION"],
        [11, "520102", "NORMAL_PRODUCTION"],
      ] as const) {
        await mine(id, county, status);
      }
      for (const id of [1, 2, 5, 6, 7, 8, 9, 11]) await period(id, "NORMAL_PRODUCTION", "2015-01-01", null);
      await period(3, "NORMAL_CONSTRUCTION", "2018-01-01", "2021-06-01");
      await period(3, "NORMAL_PRODUCTION", "2021-06-01", null);
      await period(4, "NORMAL_PRODUCTION", "2015-01-01", "2022-09-01");
      await period(4, "STOPPED", "2022-09-01", null);
      await period(10, "NORMAL_CONSTRUCTION", "2018-01-01", null);

      await grade(1, 1, 1, "2021-03-10", "2024-03-10");
      await grade(2, 2, 2, "2020-08-10", "2023-08-10", "2022-06-15", "REVOKED");
      await grade(3, 3, 3, "2022-03-10", "2025-03-10");
      await grade(4, 4, 2, "2021-05-25", "2024-05-25");
      await grade(5, 5, 1, "2020-01-10", "2023-01-10", "2022-04-20", "DOWNGRADED");
      await grade(6, 5, 2, "2022-04-20", "2023-01-10");
      await grade(7, 6, 2, "2019-06-10", "2022-06-10", "2022-05-25", "SUPERSEDED");
      await grade(8, 6, 1, "2022-05-25", "2025-05-25");
      await grade(9, 7, 2, "2021-01-10", "2024-01-10");
      await grade(10, 8, 3, "2019-03-10", "2022-03-10");
      await grade(11, 9, 2, "2022-12-31", "2025-12-31");
      await grade(12, 11, 1, "2021-02-10", "2024-02-10", "2023-02-01", "REVOKED");

      await check(1, "2022-05-01");
      await check(2, "2022-07-01");
      await check(3, "2022-02-01");
      await check(4, "2022-10-10");
      await check(5, "2022-04-01");
      await check(7, "2022-08-08", "DRAFT");
      await check(8, "2022-03-10");
      await check(9, "2022-12-31");
      await check(11, "2022-09-09");

      await decision(1, 2, 2, "REVOCATION", "HIDDEN_DANGERS", "CONFIRMED", "2022-06-15");
      await decision(2, 5, 5, "DOWNGRADE", "FATAL_ACCIDENT", "CONFIRMED", "2022-04-20");
      // Decided on 2023-03-15, effective back to 2023-02-01: not a decision yet as of 2023-02-28.
      await decision(3, 11, 12, "REVOCATION", "FALSIFICATION", "CONFIRMED", "2023-02-01", "2023-03-15 03:00:00");
      await decision(4, 1, 1, "DOWNGRADE", "HIDDEN_DANGERS", "PROPOSED", null);
      await decision(5, 7, 9, "DOWNGRADE", "MANAGEMENT_SLIDE", "WITHDRAWN", "2022-08-20");
      await c.query(`UPDATE "Grade" SET "endedByDecisionId" = 1 WHERE id = 2`);
      await c.query(`UPDATE "Grade" SET "endedByDecisionId" = 2 WHERE id = 5`);
      await c.query(`UPDATE "Grade" SET "fromDecisionId" = 2 WHERE id = 6`);
      await c.query(`UPDATE "Grade" SET "endedByDecisionId" = 3 WHERE id = 12`);

      await c.query(`
        INSERT INTO "SpotCheckTarget" (year, "regionCode", level, ratio) VALUES
          (2022, '', NULL, 0.35), (2022, '14', NULL, 0.40), (2022, '', 1, 0.50);
      `);
      raw = await loadRaw(c);
    } finally {
      await c.end();
    }
    db = prismaFor(fixtureUrl);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await fixture?.drop();
  });

  const none = { FATAL_ACCIDENT: 0, HIDDEN_DANGERS: 0, PRODUCTION_STOPPED: 0, MANAGEMENT_SLIDE: 0, FALSIFICATION: 0 };
  const expected = (
    p: MetricsParams,
    producing: number,
    l1: number,
    l2: number,
    l3: number,
    unstandardized: number,
    coverage: { checked: number; graded: number; target: number | null },
    decisions: { downgrades: number; revocations: number; byReason: Partial<Record<keyof typeof none, number>> },
  ): Metrics => ({
    ...p,
    yearToDate: p.asOf < `${p.year}-12-31`,
    producing,
    graded: { l1, l2, l3 },
    share: {
      l1: l1 / producing,
      l2: l2 / producing,
      l3: l3 / producing,
      l12: (l1 + l2) / producing,
      unstandardized: unstandardized / producing,
    },
    coverage: {
      year: p.year,
      checked: coverage.checked,
      graded: coverage.graded,
      ratio: coverage.graded === 0 ? 0 : coverage.checked / coverage.graded,
      target: coverage.target,
    },
    decisions: {
      downgrades: decisions.downgrades,
      revocations: decisions.revocations,
      byReason: { ...none, ...decisions.byReason },
    },
  });

  const hand: [string, MetricsParams, () => Metrics][] = [
    [
      // Producing on 12-31: all but M4 (stopped) and M10 (construction). In force: L1 M1, M6, M11;
      // L2 M5 (after its downgrade), M7, M9 (announced that day); L3 M3; none for M2 (revoked), M8 (expired).
      // Graded during 2022: all but M10 = 10. Checked while graded: M1, M4 (stopped but graded), M5, M9, M11 = 5;
      // not M2 (check after the revocation), M3 (check before its grade), M7 (draft), M8 (check on the expiry day).
      "national, the whole year",
      { scope: "", asOf: "2022-12-31", year: 2022 },
      () =>
        expected(
          { scope: "", asOf: "2022-12-31", year: 2022 },
          9,
          3,
          3,
          1,
          2,
          { checked: 5, graded: 10, target: 0.35 },
          {
            downgrades: 1,
            revocations: 1,
            byReason: { FATAL_ACCIDENT: 1, HIDDEN_DANGERS: 1 },
          },
        ),
    ],
    [
      // Prefecture 1402: M4 (1404) and M11 (Guizhou) drop out. Target: none for 1402, Shanxi's 0.40.
      "prefecture 1402",
      { scope: "1402", asOf: "2022-12-31", year: 2022 },
      () =>
        expected(
          { scope: "1402", asOf: "2022-12-31", year: 2022 },
          8,
          2,
          3,
          1,
          2,
          { checked: 3, graded: 8, target: 0.4 },
          {
            downgrades: 1,
            revocations: 1,
            byReason: { FATAL_ACCIDENT: 1, HIDDEN_DANGERS: 1 },
          },
        ),
    ],
    [
      "county 140226",
      { scope: "140226", asOf: "2022-12-31", year: 2022 },
      () =>
        expected(
          { scope: "140226", asOf: "2022-12-31", year: 2022 },
          8,
          2,
          3,
          1,
          2,
          { checked: 3, graded: 8, target: 0.4 },
          {
            downgrades: 1,
            revocations: 1,
            byReason: { FATAL_ACCIDENT: 1, HIDDEN_DANGERS: 1 },
          },
        ),
    ],
    [
      // Province 14 adds M4: stopped on 12-31 (not producing) but graded in 2022 and checked while graded.
      "province 14",
      { scope: "14", asOf: "2022-12-31", year: 2022 },
      () =>
        expected(
          { scope: "14", asOf: "2022-12-31", year: 2022 },
          8,
          2,
          3,
          1,
          2,
          { checked: 4, graded: 9, target: 0.4 },
          {
            downgrades: 1,
            revocations: 1,
            byReason: { FATAL_ACCIDENT: 1, HIDDEN_DANGERS: 1 },
          },
        ),
    ],
    [
      // Guizhou: M11 only; the national target as fallback.
      "province 52",
      { scope: "52", asOf: "2022-12-31", year: 2022 },
      () =>
        expected(
          { scope: "52", asOf: "2022-12-31", year: 2022 },
          1,
          1,
          0,
          0,
          0,
          { checked: 1, graded: 1, target: 0.35 },
          {
            downgrades: 0,
            revocations: 0,
            byReason: {},
          },
        ),
    ],
    [
      // Year to date (clipped to 06-30). Producing: all but M10 = 10 (M4 still producing). In force on 06-30:
      // L1 M1, M6 (since 05-25), M11; L2 M4, M5, M7; L3 M3; none for M2 (revoked 06-15), M8 (expired), M9 (later).
      // Graded during [01-01, 06-30]: all but M9, M10 = 9; checked: M1, M5 = 2 (M4's and M11's checks come later).
      "national, year to date",
      { scope: "", asOf: "2022-06-30", year: 2022 },
      () =>
        expected(
          { scope: "", asOf: "2022-06-30", year: 2022 },
          10,
          3,
          3,
          1,
          3,
          { checked: 2, graded: 9, target: 0.35 },
          {
            downgrades: 1,
            revocations: 1,
            byReason: { FATAL_ACCIDENT: 1, HIDDEN_DANGERS: 1 },
          },
        ),
    ],
    [
      // asOf before the year: the year's period is empty. Snapshot on 2021-12-31: producing all but M10 = 10;
      // L1 M1, M5, M11; L2 M2, M4, M6, M7; L3 M8; none for M3, M9.
      "a year after asOf",
      { scope: "", asOf: "2021-12-31", year: 2022 },
      () =>
        expected(
          { scope: "", asOf: "2021-12-31", year: 2022 },
          10,
          3,
          4,
          1,
          2,
          { checked: 0, graded: 0, target: 0.35 },
          {
            downgrades: 0,
            revocations: 0,
            byReason: {},
          },
        ),
    ],
    [
      // 2023, no target rows: null. On 2023-12-31: producing M1, M2, M3, M5, M6, M7, M8, M9, M11 = 9;
      // L1 M1, M6; L2 M7, M9; L3 M3; none for M2, M5 (expired 2023-01-10), M8, M11 (revoked 2023-02-01).
      // Graded during 2023: M1, M3, M4, M5 (to 01-10), M6, M7, M9, M11 (to 02-01) = 8; no checks in 2023.
      "the next year",
      { scope: "", asOf: "2023-12-31", year: 2023 },
      () =>
        expected(
          { scope: "", asOf: "2023-12-31", year: 2023 },
          9,
          2,
          2,
          1,
          4,
          { checked: 0, graded: 8, target: null },
          {
            downgrades: 0,
            revocations: 1,
            byReason: { FALSIFICATION: 1 },
          },
        ),
    ],
    // A figure published as of a day can be reproduced later: M11's revocation takes effect on 2023-02-01
    // but was decided on 2023-03-15, so as of 2023-02-28 it is not counted, as of 2023-03-31 it is.
    // Producing: M11; its grade ended on 02-01, so no level; graded during the period: M11; no checks.
    ...(["2023-02-28", "2023-03-31"] as const).map((asOf): [string, MetricsParams, () => Metrics] => [
      `province 52, a decision taken after it took effect, as of ${asOf}`,
      { scope: "52", asOf, year: 2023 },
      () =>
        expected(
          { scope: "52", asOf, year: 2023 },
          1,
          0,
          0,
          0,
          1,
          { checked: 0, graded: 1, target: null },
          {
            downgrades: 0,
            revocations: asOf === "2023-02-28" ? 0 : 1,
            byReason: asOf === "2023-02-28" ? {} : { FALSIFICATION: 1 },
          },
        ),
    ]),
  ];

  for (const [name, p, want] of hand) {
    it(`computes the hand-worked figures: ${name}`, async () => {
      const expectedMetrics = want();
      expectSameMetrics(referenceMetrics(raw, p), expectedMetrics);
      expectSameMetrics(await computeMetrics(db, p), expectedMetrics);
    });
  }

  it("rejects malformed parameters", async () => {
    await expect(computeMetrics(db, { scope: "1", asOf: "2022-12-31", year: 2022 })).rejects.toThrow(/scope/);
    await expect(computeMetrics(db, { scope: "", asOf: "2022-02-30", year: 2022 })).rejects.toThrow(/asOf/);
    await expect(computeMetrics(db, { scope: "", asOf: "2022-12-31", year: 22.5 })).rejects.toThrow(/year/);
  });
});
