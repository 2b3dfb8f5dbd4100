// The dashboard on the demo data: every point of every series equals computeMetrics (the one
// implementation of the metric definitions) for the same scope, year and date; the data layer refuses
// scopes outside the caller's jurisdiction; the CSV and XLSX exports carry the same numbers.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { seriesDay } from "@/lib/domain/series";
import { formatRatio } from "@/lib/dashboard/format";
import type { Caller } from "@/lib/server/auth/scope";
import { buildDashboardExport } from "@/lib/server/dashboard-export";
import {
  dashboardCoverageSeries,
  dashboardData,
  dashboardDecisionSeries,
  dashboardHeadline,
  dashboardRegions,
  dashboardScopeTrail,
  dashboardShareSeries,
} from "@/lib/server/data/dashboard";
import { coverageSeries } from "@/lib/server/metrics/coverage-series";
import { decisionSeries } from "@/lib/server/metrics/decision-series";
import type { Metrics, MetricsParams } from "@/lib/server/metrics/metrics-params";
import { computeMetrics } from "@/lib/server/metrics/metrics-sql";
import { regionComparison, type RegionMetrics } from "@/lib/server/metrics/region-comparison";
import { shareSeries } from "@/lib/server/metrics/share-series";
import { parseDashboardParams } from "@/lib/validation/dashboard";
import { migrate } from "@/prisma/tooling/migrate";
import { createDb } from "@/lib/server/db";
import { scratchDatabase, sql, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";

const db = testDb();
const today = todayInChina();
const currentYear = Number(today.slice(0, 4));
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), what).toBeLessThan(1e-12);

function expectSameShare(actual: Pick<Metrics, "producing" | "graded" | "share">, expected: Metrics, what: string) {
  expect(actual.producing, `${what} producing`).toBe(expected.producing);
  expect(actual.graded, `${what} graded`).toEqual(expected.graded);
  for (const k of ["l1", "l2", "l3", "l12", "unstandardized"] as const)
    close(actual.share[k], expected.share[k], `${what} share.${k}`);
}

/** Compares the coverage fields of computeMetrics (a series point also carries its date). */
function expectSameCoverage(actual: Metrics["coverage"], expected: Metrics["coverage"], what: string) {
  const { year, checked, graded, target } = actual;
  expect({ year, checked, graded, target }, what).toEqual({ ...expected, ratio: undefined });
  close(actual.ratio, expected.ratio, `${what} ratio`);
}

function expectSameRegion(r: RegionMetrics, m: Metrics) {
  const { nameZh, nameEn, ...rest } = r;
  expect(typeof nameZh).toBe("string");
  expect(nameEn === null || typeof nameEn === "string").toBe(true);
  expectSameShare(rest, m, `region ${r.scope}`);
  expectSameCoverage(rest.coverage, m.coverage, `region ${r.scope} coverage`);
  expect({ ...rest, share: null, coverage: null }).toEqual({ ...m, share: null, coverage: null });
}

// Scopes of every depth (nation, provinces, a prefecture, a county) and dates: a closed year, a day in
// the middle of a year (the year's period clipped), and today (the running year).
const SCOPES = ["", "14", "52", "1402", "140226"];
const DATES: { asOf: string; year: number }[] = [
  { asOf: "2020-12-31", year: 2020 },
  { asOf: "2022-06-30", year: 2022 },
  { asOf: today, year: currentYear },
];

describe("series agree with computeMetrics", () => {
  for (const scope of SCOPES) {
    for (const { asOf, year } of DATES) {
      it(`scope "${scope}", year ${year} as of ${asOf}: every year's point`, async () => {
        const p = { scope, asOf, year };
        const [share, coverage, decisions] = await Promise.all([
          shareSeries(db, p),
          coverageSeries(db, p),
          decisionSeries(db, p),
        ]);
        expect(share.map((x) => x.year)).toEqual(coverage.map((x) => x.year));
        expect(share[0].year).toBe(2018);
        expect(share[share.length - 1].year).toBe(year);
        for (let i = 0; i < share.length; i++) {
          const y = share[i].year;
          // Past years as of 31 December, the last year as of asOf.
          const day = y === year ? asOf : `${y}-12-31`;
          expect(seriesDay(y, asOf)).toBe(day);
          const m = await computeMetrics(db, { scope, asOf: day, year: y });
          expect(share[i].asOf).toBe(day);
          expectSameShare(share[i], m, `share ${y}`);
          expectSameCoverage(
            { ...coverage[i], asOf: undefined } as unknown as Metrics["coverage"],
            m.coverage,
            `cov ${y}`,
          );
          expect(coverage[i].asOf).toBe(day);
          expect(decisions[i].downgrades, `downgrades ${y}`).toBe(m.decisions.downgrades);
          expect(decisions[i].revocations, `revocations ${y}`).toBe(m.decisions.revocations);
          expect(decisions[i].byReason, `byReason ${y}`).toEqual(m.decisions.byReason);
        }
      });
    }
  }

  it("a series stops at the chosen year and can start later than 2018", async () => {
    const share = await shareSeries(db, { scope: "14", asOf: "2021-12-31", year: 2021, from: 2020 });
    expect(share.map((x) => x.year)).toEqual([2020, 2021]);
  });

  const REGION_CASES: MetricsParams[] = [
    { scope: "", asOf: "2020-12-31", year: 2020 },
    { scope: "14", asOf: "2022-06-30", year: 2022 },
    { scope: "1402", asOf: today, year: currentYear },
    { scope: "52", asOf: "2021-12-31", year: 2021 },
  ];
  for (const p of REGION_CASES) {
    it(`region comparison under "${p.scope}" as of ${p.asOf}: every row equals computeMetrics of that region`, async () => {
      const rows = await regionComparison(db, p);
      expect(rows.length).toBeGreaterThan(0);
      const width = p.scope === "" ? 2 : p.scope.length + 2;
      for (const r of rows) {
        expect(r.scope).toHaveLength(width);
        expect(r.scope.startsWith(p.scope)).toBe(true);
        expectSameRegion(r, await computeMetrics(db, { ...p, scope: r.scope }));
      }
      // The regions partition the scope: their counts add up to the scope's own.
      const whole = await computeMetrics(db, p);
      const sum = (f: (r: RegionMetrics) => number) => rows.reduce((s, r) => s + f(r), 0);
      expect(sum((r) => r.producing)).toBe(whole.producing);
      expect(sum((r) => r.coverage.graded)).toBe(whole.coverage.graded);
      expect(sum((r) => r.coverage.checked)).toBe(whole.coverage.checked);
      expect(sum((r) => r.decisions.downgrades + r.decisions.revocations)).toBe(
        whole.decisions.downgrades + whole.decisions.revocations,
      );
    });
  }

  it("a county has no regions below it", async () => {
    expect(await regionComparison(db, { scope: "140226", asOf: "2020-12-31", year: 2020 })).toEqual([]);
  });
});

// Hand-made histories with the awkward cases the demo data may miss: a grade renewed at another level
// on its expiry day, a revocation on the day of a check, a grade that ends the day it begins, a grade
// superseded before its expiry (two grades cannot overlap: Grade_no_overlap), two producing periods
// back to back, a mine that stops and produces again, targets set
// for a prefecture, a province and the nation. Every series point and region row must still be
// computeMetrics.
describe("series agree with computeMetrics on hand-made histories", () => {
  let drop: () => Promise<void>;
  let fx: ReturnType<typeof createDb>;

  beforeAll(async () => {
    const scratch = await scratchDatabase("dashboard_fixture");
    drop = scratch.drop;
    await migrate(scratch.url);
    const q = (text: string, params: unknown[] = []) => sql(scratch.url, text, params);
    await q(`
      INSERT INTO "Region" (code, "nameZh", level, "parentCode") VALUES
        ('14', '山西省', 'PROVINCE', NULL), ('1402', '大同市', 'PREFECTURE', '14'), ('140226', '左云县', 'COUNTY', '1402'),
        ('1404', '长治市', 'PREFECTURE', '14'), ('140402', '潞州区', 'COUNTY', '1404'),
        ('52', '贵州省', 'PROVINCE', NULL), ('5201', '贵阳市', 'PREFECTURE', '52'), ('520102', '南明区', 'COUNTY', '5201');
      INSERT INTO "RuleVersion" (id, code, "nameZh", "nameEn", "effectiveFrom") VALUES (1, '2020', '2020', '2020', '2020-07-01');
      INSERT INTO "Authority" (id, kind, "regionCode", "nameZh", "nameEn") VALUES (1, 'NATIONAL', '', '国家矿山安全监察局', 'NMSA');
      INSERT INTO "SpotCheckTarget" (year, "regionCode", level, ratio) VALUES
        (2020, '', NULL, 0.30), (2021, '14', NULL, 0.40), (2022, '1402', NULL, 0.50), (2022, '', NULL, 0.35), (2022, '', 1, 0.9);
    `);
    const mines: [number, string, string][] = [
      [1, "140226", "NORMAL_PRODUCTION"],
      [2, "140226", "NORMAL_PRODUCTION"],
      [3, "140402", "NORMAL_PRODUCTION"],
      [4, "140402", "NORMAL_PRODUCTION"],
      [5, "520102", "NORMAL_PRODUCTION"],
      [6, "140226", "NORMAL_CONSTRUCTION"],
    ];
    for (const [id, county, status] of mines) {
      await q(
        `INSERT INTO "Mine" (id, code, name, "provinceCode", "prefectureCode", "countyCode", type, capacity, "gasGrade", "hydroType", "combustionClass", status)
         VALUES ($1, $2, $3, $4, $5, $6, 'UNDERGROUND', 90, 'LOW', 'SIMPLE', 'II', $7)`,
        [id, `DX${id}`, `看板煤矿${id}`, county.slice(0, 2), county.slice(0, 4), county, status],
      );
    }
    const periods: [number, string, string, string | null][] = [
      [1, "NORMAL_PRODUCTION", "2015-01-01", null],
      [2, "NORMAL_PRODUCTION", "2015-01-01", null],
      [3, "NORMAL_PRODUCTION", "2015-01-01", "2021-09-01"],
      [3, "STOPPED", "2021-09-01", "2023-01-01"],
      [3, "NORMAL_PRODUCTION", "2023-01-01", null],
      // Two producing periods back to back (periods may not overlap: the database refuses it).
      [4, "NORMAL_PRODUCTION", "2015-01-01", "2020-01-01"],
      [4, "NORMAL_PRODUCTION", "2020-01-01", null],
      [5, "NORMAL_PRODUCTION", "2015-01-01", null],
      [6, "NORMAL_CONSTRUCTION", "2018-01-01", null],
    ];
    for (const row of periods) {
      await q(`INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn", "endedOn") VALUES ($1, $2, $3, $4)`, row);
    }
    const grades: [number, number, number, string, string, string | null, string | null][] = [
      [1, 1, 1, "2019-03-10", "2022-03-10", null, null],
      [2, 1, 2, "2022-03-10", "2025-03-10", null, null],
      [3, 2, 2, "2020-05-01", "2023-05-01", "2021-07-01", "REVOKED"],
      [4, 3, 3, "2019-01-01", "2022-01-01", null, null],
      // Superseded by the next grade: a mine holds one grade a day (Grade_no_overlap).
      [5, 4, 1, "2020-01-01", "2023-01-01", "2021-01-01", "SUPERSEDED"],
      [6, 4, 2, "2021-01-01", "2024-01-01", null, null],
      [7, 5, 2, "2021-04-01", "2024-04-01", "2021-04-01", "SUPERSEDED"],
      [8, 5, 1, "2021-04-01", "2024-04-01", "2022-12-31", "DOWNGRADED"],
      [9, 5, 2, "2022-12-31", "2024-04-01", null, null],
    ];
    for (const row of grades) {
      await q(
        `INSERT INTO "Grade" (id, "mineId", level, "ruleVersionId", "authorityId", "announcementNo", "announcedOn", "validUntil", "endedOn", "endReason")
         VALUES ($1, $2, $3, 1, 1, 'DX', $4, $5, $6, $7)`,
        row,
      );
    }
    const checks: [number, string, string][] = [
      [1, "2021-06-01", "COMPLETED"],
      [1, "2022-03-10", "COMPLETED"],
      [2, "2021-07-01", "COMPLETED"],
      [3, "2020-12-31", "COMPLETED"],
      [4, "2022-12-31", "COMPLETED"],
      [4, "2021-05-05", "DRAFT"],
      [5, "2022-12-31", "COMPLETED"],
      [6, "2022-06-01", "COMPLETED"],
    ];
    for (const [i, [mineId, checkedOn, status]] of checks.entries()) {
      await q(
        `INSERT INTO "Scoresheet" (id, "mineId", "ruleVersionId", kind, "mineType", total, level) VALUES ($1, $2, 1, 'SPOT_CHECK', 'UNDERGROUND', 90, 1)`,
        [i + 1, mineId],
      );
      await q(
        `INSERT INTO "SpotCheck" ("mineId", "checkedOn", type, status, "authorityId", team, "scoresheetId", conclusion)
         VALUES ($1, $2, 'ROUTINE', $3, 1, '抽查组', $4, 'GRADE_MAINTAINED')`,
        [mineId, checkedOn, status, i + 1],
      );
    }
    const decisions: [number, number, number, string, string, string, string | null][] = [
      [1, 2, 3, "REVOCATION", "HIDDEN_DANGERS", "CONFIRMED", "2021-07-01"],
      [2, 5, 8, "DOWNGRADE", "FATAL_ACCIDENT", "CONFIRMED", "2022-12-31"],
      [3, 1, 2, "DOWNGRADE", "MANAGEMENT_SLIDE", "PROPOSED", null],
      [4, 4, 6, "REVOCATION", "FALSIFICATION", "WITHDRAWN", "2022-05-05"],
    ];
    for (const [id, mineId, gradeId, type, reason, status, effectiveOn] of decisions) {
      await q(
        `INSERT INTO "Decision" (id, "mineId", "gradeId", type, reason, "fromLevel", "toLevel", status, "effectiveOn", "decidedAt")
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7::"DecisionStatus", $8::date, CASE WHEN $7::text = 'PROPOSED' THEN NULL ELSE $8::date + interval '3 hours' END)`,
        [id, mineId, gradeId, type, reason, type === "DOWNGRADE" ? 2 : null, status, effectiveOn],
      );
    }
    fx = createDb(scratch.url, 4);
  });

  afterAll(async () => {
    await fx?.$disconnect();
    await drop?.();
  });

  const FIXTURE_DATES: { asOf: string; year: number }[] = [
    { asOf: "2021-07-01", year: 2021 },
    { asOf: "2022-12-31", year: 2022 },
    { asOf: "2023-06-30", year: 2023 },
  ];
  for (const scope of ["", "14", "1402", "1404", "52", "140226"]) {
    it(`scope "${scope}": series and regions`, async () => {
      for (const { asOf, year } of FIXTURE_DATES) {
        const p = { scope, asOf, year };
        const [share, coverage, decisions, regions] = await Promise.all([
          shareSeries(fx, p),
          coverageSeries(fx, p),
          decisionSeries(fx, p),
          regionComparison(fx, p),
        ]);
        for (let i = 0; i < share.length; i++) {
          const y = share[i].year;
          const m = await computeMetrics(fx, { scope, asOf: seriesDay(y, asOf), year: y });
          expectSameShare(share[i], m, `${asOf} share ${y}`);
          expectSameCoverage(coverage[i], m.coverage, `${asOf} coverage ${y}`);
          expect({ ...decisions[i], year: undefined, asOf: undefined }).toEqual({
            ...m.decisions,
            year: undefined,
            asOf: undefined,
          });
        }
        for (const r of regions) expectSameRegion(r, await computeMetrics(fx, { ...p, scope: r.scope }));
      }
    });
  }

  it("counts the awkward cases as the definitions say (2022, national)", async () => {
    const m = await computeMetrics(fx, { scope: "", asOf: "2022-12-31", year: 2022 });
    // Producing on 2022-12-31: F1, F2, F4, F5 (F3 stopped, F6 building). L1: none (F4's L1 was superseded
    // in 2021, F5's L1 ended that day); L2: F1 (renewed at Level 2), F4, F5 (from that day); none for F2 (revoked).
    expect(m.producing).toBe(4);
    expect(m.graded).toEqual({ l1: 0, l2: 3, l3: 0 });
    // Graded in 2022: F1, F3 (to 01-01, the day it ends: not graded that day), F4, F5 → F1, F4, F5 = 3;
    // checked while graded: F1 (03-10, first day of the renewal), F4 (12-31), F5 (12-31, under the new L2).
    expect(m.coverage).toMatchObject({ graded: 3, checked: 3, target: 0.35 });
    expect(m.decisions).toMatchObject({ downgrades: 1, revocations: 0 });
  });
});

describe("scope checks in the data layer", () => {
  const p = (scope: string) => ({ scope, asOf: "2020-12-31", year: 2020 });
  const reads = [
    ["headline", dashboardHeadline],
    ["share", dashboardShareSeries],
    ["coverage", dashboardCoverageSeries],
    ["decisions", dashboardDecisionSeries],
    ["regions", dashboardRegions],
  ] as const;

  for (const [name, read] of reads) {
    it(`shanxi@demo.test cannot read national or Guizhou ${name}`, async () => {
      await expect(read(callers.shanxi, p(""), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(read(callers.shanxi, p("52"), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(read(callers.shanxi, p("5202"), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
    it(`datong@demo.test cannot read Shanxi ${name}; the manager reads none`, async () => {
      await expect(read(callers.datong, p("14"), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(read(callers.manager, p("14"), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(read(callers.manager, p(""), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  }

  it("shanxi@demo.test reads Shanxi and its prefectures, and only Shanxi's regions", async () => {
    const data = await dashboardData(callers.shanxi, p("14"), { db });
    expect(data.headline.scope).toBe("14");
    expect(data.regions.length).toBeGreaterThan(0);
    expect(data.regions.every((r) => r.scope.startsWith("14") && r.scope.length === 4)).toBe(true);
    const datong = await dashboardHeadline(callers.shanxi, p("1402"), { db });
    expect(datong.producing).toBeGreaterThan(0);
  });

  it("the breadcrumb trail is checked too, and an unknown region is not found", async () => {
    await expect(dashboardScopeTrail(callers.shanxi, "", { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const trail = await dashboardScopeTrail(callers.shanxi, "1402", { db });
    expect(trail.map((s) => [s.code, s.readable])).toEqual([
      ["", false],
      ["14", true],
      ["1402", true],
    ]);
    await expect(dashboardScopeTrail(callers.official, "1499", { db })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the default scope is the caller's jurisdiction; ?scope= (empty) asks for the nation", () => {
    const parse = (q: Record<string, string>, c: Caller) =>
      parseDashboardParams(q, { jurisdiction: c.jurisdiction, today: "2026-05-20" });
    expect(parse({}, callers.shanxi)).toMatchObject({
      ok: true,
      params: { scope: "14", year: 2026, asOf: "2026-05-20" },
    });
    expect(parse({ scope: "" }, callers.shanxi)).toMatchObject({ ok: true, params: { scope: "" } });
    expect(parse({ year: "2020" }, callers.official)).toMatchObject({
      ok: true,
      params: { scope: "", year: 2020, asOf: "2020-12-31" },
      asOfAdjusted: false,
    });
    expect(parse({ year: "2020", asOf: "2021-03-01" }, callers.official)).toMatchObject({
      ok: true,
      params: { year: 2020, asOf: "2020-12-31" },
      asOfAdjusted: true,
    });
    expect(parse({ asOf: "2019-06-30" }, callers.official)).toMatchObject({
      ok: true,
      params: { year: 2019, asOf: "2019-06-30" },
    });
    expect(parse({ year: "2017" }, callers.official)).toEqual({ ok: false });
    expect(parse({ year: "2027" }, callers.official)).toEqual({ ok: false });
    expect(parse({ asOf: "2020-02-30" }, callers.official)).toEqual({ ok: false });
    expect(parse({ scope: "1" }, callers.official)).toEqual({ ok: false });
  });
});

describe("exports carry the page's numbers", () => {
  const params = { scope: "", asOf: "2020-12-31", year: 2020 };

  async function csvRows(body: Uint8Array): Promise<string[][]> {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return Papa.parse<string[]>(text.slice(1).trim()).data;
  }

  it("the headline CSV, in English and in Chinese", async () => {
    const m = await computeMetrics(db, params);
    for (const locale of ["en", "zh-CN"] as const) {
      const file = await buildDashboardExport(callers.official, params, {
        view: "headline",
        format: "csv",
        locale,
        scopeName: "national",
        db,
      });
      expect(file?.filename).toBe("dashboard-national-2020-2020-12-31-headline.csv");
      const rows = await csvRows(file!.body);
      expect(rows[0][0]).toBe(locale === "en" ? "Indicator" : "指标");
      const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
      const en = locale === "en";
      expect(value(en ? "Producing mines" : "正常生产煤矿")).toBe(String(m.producing));
      expect(value(en ? "Spot-check coverage" : "抽查覆盖率")).toBe(formatRatio(m.coverage.ratio, locale));
      expect(value(en ? "Level 1+2 share" : "一级和二级占比")).toBe(formatRatio(m.share.l12, locale));
      expect(value(en ? "Downgrades and revocations" : "降级和撤消")).toBe(
        String(m.decisions.downgrades + m.decisions.revocations),
      );
      expect(value(en ? "Downgrades" : "降级")).toBe(String(m.decisions.downgrades));
    }
  });

  it("the workbook of every view: one sheet each, exact fractions shown as percentages", async () => {
    const data = await dashboardData(callers.official, params, { db });
    const file = await buildDashboardExport(callers.official, params, {
      view: "all",
      format: "xlsx",
      locale: "en",
      scopeName: "National",
      db,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file!.body) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "Headline",
      "Share by level",
      "Coverage",
      "Decisions",
      "Regions",
    ]);
    const rowsOf = (i: number) => {
      const out: ExcelJS.CellValue[][] = [];
      wb.worksheets[i].eachRow((row, n) => {
        if (n > 2) out.push((row.values as ExcelJS.CellValue[]).slice(1));
      });
      return out;
    };
    const headline = rowsOf(0);
    const value = (label: string) => headline.find((r) => r[0] === label)?.[1];
    expect(value("Producing mines")).toBe(data.headline.producing);
    expect(value("Spot-check coverage")).toBe(data.headline.coverage.ratio);
    expect(value("Level 1+2 share")).toBe(data.headline.share.l12);
    expect(value("Downgrades and revocations")).toBe(
      data.headline.decisions.downgrades + data.headline.decisions.revocations,
    );
    expect(wb.worksheets[0].getRow(3).getCell(1).value).toBe("Producing mines");
    expect(wb.worksheets[0].getRow(4).getCell(2).numFmt).toBe("0.0%");

    const share = rowsOf(1);
    expect(share.map((r) => r[2])).toEqual(data.share.map((p) => p.producing));
    expect(share.map((r) => r[7])).toEqual(data.share.map((p) => p.share.l12));
    const coverage = rowsOf(2);
    expect(coverage.map((r) => [r[2], r[3], r[4]])).toEqual(data.coverage.map((p) => [p.graded, p.checked, p.ratio]));
    const decisions = rowsOf(3);
    expect(decisions.map((r) => r[3])).toEqual(data.decisions.map((p) => p.downgrades + p.revocations));
    const regions = rowsOf(4);
    expect(regions.map((r) => r[0])).toEqual(data.regions.map((r) => r.scope));
    expect(regions.map((r) => r[2])).toEqual(data.regions.map((r) => r.producing));
    expect(regions.map((r) => r[8])).toEqual(data.regions.map((r) => r.coverage.ratio));
  });

  it("refuses a scope outside the caller's jurisdiction", async () => {
    await expect(
      buildDashboardExport(callers.shanxi, params, {
        view: "headline",
        format: "csv",
        locale: "en",
        scopeName: "",
        db,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      buildDashboardExport(
        callers.shanxi,
        { ...params, scope: "52" },
        {
          view: "all",
          format: "xlsx",
          locale: "en",
          scopeName: "",
          db,
        },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
