// The dashboard's series: the metric definitions of product.md (as implemented by computeMetrics in
// metrics-sql.ts) evaluated for many years or many regions at once, each chart in one set-based SQL
// statement instead of computeMetrics in a loop. tests/integration/dashboard.test.ts proves that every
// point equals computeMetrics for the same scope, year and date. No "server-only" import, so that
// scripts and tests can use it too.
//
// A point for year Y of a series asked for (scope, asOf, year) is computeMetrics({ scope, year: Y,
// asOf: min(Y-12-31, asOf) }): the snapshot on 31 December of past years and on asOf in the last
// year; coverage and decisions over the year clipped to asOf (metricsPeriod).
import { FIRST_SERIES_YEAR, seriesDay, seriesYears as yearsFrom } from "@/lib/domain/series";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import {
  DECISION_REASONS,
  metricsPeriod,
  validateMetricsParams,
  type Metrics,
  type MetricsParams,
} from "@/lib/server/metrics/metrics-sql";

export interface SeriesParams extends MetricsParams {
  /** First year of the series; FIRST_SERIES_YEAR when omitted. */
  from?: number;
}

export interface SharePoint {
  year: number;
  /** The snapshot date of this point. */
  asOf: string;
  producing: number;
  graded: Metrics["graded"];
  share: Metrics["share"];
}

export type CoveragePoint = Metrics["coverage"] & { asOf: string };

export interface DecisionPoint {
  year: number;
  asOf: string;
  downgrades: number;
  revocations: number;
  byReason: Record<string, number>;
}

function seriesYears(p: SeriesParams): number[] {
  validateMetricsParams(p);
  const from = p.from ?? FIRST_SERIES_YEAR;
  if (!Number.isInteger(from) || from > p.year) throw new RangeError(`from must be a year ≤ ${p.year}: ${from}`);
  return yearsFrom(from, p.year);
}

/** The column that places a mine in a scope of this length. */
function scopeColumn(scope: string): Prisma.Sql {
  return scope.length === 2
    ? Prisma.sql`"provinceCode"`
    : scope.length === 4
      ? Prisma.sql`"prefectureCode"`
      : Prisma.sql`"countyCode"`;
}

/** `AND <column> IN (mines of the scope)`, nothing for the national scope (as in metrics-sql.ts). */
function inScope(column: Prisma.Sql, scope: string): Prisma.Sql {
  if (scope === "") return Prisma.empty;
  return Prisma.sql`AND ${column} IN (SELECT "id" FROM "Mine" WHERE ${scopeColumn(scope)} = ${scope})`;
}

/** The target rule of computeMetrics (the scope's own, else its province's, else national) for a region expression. */
function targetFor(year: Prisma.Sql, region: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT t."ratio"::float8 FROM "SpotCheckTarget" t
    WHERE t."year" = ${year} AND t."level" IS NULL AND t."regionCode" IN (${region}, left(${region}, 2), '')
    ORDER BY length(t."regionCode") DESC
    LIMIT 1
  )`;
}

function frac(n: number, d: number): number {
  return d > 0 ? n / d : 0;
}

function shareOf(producing: number, l1: number, l2: number, l3: number, any: number): Metrics["share"] {
  return {
    l1: frac(l1, producing),
    l2: frac(l2, producing),
    l3: frac(l3, producing),
    l12: frac(l1 + l2, producing),
    unstandardized: frac(producing - any, producing),
  };
}

function emptyByReason(): Record<string, number> {
  return Object.fromEntries(DECISION_REASONS.map((r) => [r, 0]));
}

interface ShareRow {
  year: number;
  producing: number;
  l1: number;
  l2: number;
  l3: number;
  any: number;
}

/** Producing mines and their shares at each level, on each year's snapshot date (one query). */
export async function shareSeries(db: PrismaClient, p: SeriesParams): Promise<SharePoint[]> {
  const years = seriesYears(p);
  const days = Prisma.join(years.map((y) => Prisma.sql`(${y}::int, ${seriesDay(y, p.asOf)}::date)`));
  const rows = await db.$queryRaw<ShareRow[]>(Prisma.sql`
    WITH days(year, day) AS (VALUES ${days}),
    producing AS (
      SELECT DISTINCT d.year, sp."mineId" AS id
      FROM days d
      JOIN "MineStatusPeriod" sp
        ON sp."status" = 'NORMAL_PRODUCTION'
       AND sp."startedOn" <= d.day
       AND (sp."endedOn" IS NULL OR sp."endedOn" > d.day)
      WHERE true ${inScope(Prisma.sql`sp."mineId"`, p.scope)}
    ),
    graded AS (
      SELECT d.year, g."mineId" AS id,
        bool_or(g."level" = 1) AS l1,
        bool_or(g."level" = 2) AS l2,
        bool_or(g."level" = 3) AS l3
      FROM days d
      JOIN "Grade" g
        ON g."announcedOn" <= d.day
       AND g."validUntil" > d.day
       AND (g."endedOn" IS NULL OR g."endedOn" > d.day)
      WHERE true ${inScope(Prisma.sql`g."mineId"`, p.scope)}
      GROUP BY 1, 2
    )
    SELECT
      p.year::int AS year,
      count(*)::int AS producing,
      count(*) FILTER (WHERE g.l1)::int AS l1,
      count(*) FILTER (WHERE g.l2)::int AS l2,
      count(*) FILTER (WHERE g.l3)::int AS l3,
      count(g.id)::int AS any
    FROM producing p
    LEFT JOIN graded g ON g.year = p.year AND g.id = p.id
    GROUP BY p.year
  `);
  return years.map((year) => {
    const r = rows.find((x) => Number(x.year) === year);
    const producing = r?.producing ?? 0;
    const [l1, l2, l3, any] = [r?.l1 ?? 0, r?.l2 ?? 0, r?.l3 ?? 0, r?.any ?? 0];
    return {
      year,
      asOf: seriesDay(year, p.asOf),
      producing,
      graded: { l1, l2, l3 },
      share: shareOf(producing, l1, l2, l3, any),
    };
  });
}

interface CoverageRow {
  year: number;
  graded: number;
  checked: number;
  target: number | null;
}

/** Spot-check coverage of each year (clipped to asOf) with that year's target (one query). */
export async function coverageSeries(db: PrismaClient, p: SeriesParams): Promise<CoveragePoint[]> {
  const years = seriesYears(p);
  const periods = years.flatMap((y) => {
    const period = metricsPeriod(y, p.asOf);
    return period ? [{ year: y, ...period }] : [];
  });
  const rows: CoverageRow[] = periods.length
    ? await db.$queryRaw<CoverageRow[]>(Prisma.sql`
        WITH periods(year, pfrom, pto) AS (
          VALUES ${Prisma.join(periods.map((x) => Prisma.sql`(${x.year}::int, ${x.from}::date, ${x.to}::date)`))}
        ),
        spans AS (
          SELECT pe.year, g."mineId" AS id, g."announcedOn" AS a, LEAST(g."validUntil", g."endedOn") AS e
          FROM periods pe
          JOIN "Grade" g
            ON g."announcedOn" <= pe.pto
           AND g."validUntil" > pe.pfrom
           AND (g."endedOn" IS NULL OR g."endedOn" > pe.pfrom)
          WHERE true ${inScope(Prisma.sql`g."mineId"`, p.scope)}
        ),
        graded AS (
          SELECT year, id, a, e FROM spans WHERE a < e
        ),
        -- The checks of the whole range, keyed by year so that they meet the grades in a hash join
        -- (a nested loop of index probes, one per graded mine and year, took seconds at ×10 scale).
        checks AS MATERIALIZED (
          SELECT extract(year FROM sc."checkedOn")::int AS year, sc."mineId" AS id, sc."checkedOn" AS d
          FROM "SpotCheck" sc
          WHERE sc."status" = 'COMPLETED'
            AND sc."checkedOn" >= ${periods[0].from}::date
            AND sc."checkedOn" <= ${periods[periods.length - 1].to}::date
            ${inScope(Prisma.sql`sc."mineId"`, p.scope)}
        ),
        checked AS (
          SELECT DISTINCT gr.year, gr.id
          FROM graded gr
          JOIN checks c ON c.year = gr.year AND c.id = gr.id
          JOIN periods pe ON pe.year = gr.year
          WHERE c.d >= pe.pfrom
            AND c.d <= pe.pto
            AND c.d >= gr.a
            AND c.d < gr.e
        ),
        graded_count AS (
          SELECT year, count(*)::int AS n FROM (SELECT DISTINCT year, id FROM graded) x GROUP BY year
        ),
        checked_count AS (
          SELECT year, count(*)::int AS n FROM checked GROUP BY year
        )
        SELECT
          pe.year::int AS year,
          coalesce(gc.n, 0)::int AS graded,
          coalesce(cc.n, 0)::int AS checked,
          ${targetFor(Prisma.sql`pe.year`, Prisma.sql`${p.scope}::text`)} AS target
        FROM periods pe
        LEFT JOIN graded_count gc ON gc.year = pe.year
        LEFT JOIN checked_count cc ON cc.year = pe.year
      `)
    : [];
  // Years whose period is empty still carry their target, as computeMetrics does.
  const missing = years.filter((y) => !rows.some((r) => Number(r.year) === y));
  const targets = missing.length ? await targetsOf(db, p.scope, missing) : new Map<number, number | null>();
  return years.map((year) => {
    const r = rows.find((x) => Number(x.year) === year);
    const graded = r?.graded ?? 0;
    const checked = r?.checked ?? 0;
    const target = r ? (r.target === null ? null : Number(r.target)) : (targets.get(year) ?? null);
    return { year, asOf: seriesDay(year, p.asOf), checked, graded, ratio: frac(checked, graded), target };
  });
}

async function targetsOf(db: PrismaClient, scope: string, years: number[]): Promise<Map<number, number | null>> {
  const rows = await db.$queryRaw<{ year: number; target: number | null }[]>(Prisma.sql`
    SELECT y.year::int AS year, ${targetFor(Prisma.sql`y.year`, Prisma.sql`${scope}::text`)} AS target
    FROM (VALUES ${Prisma.join(years.map((y) => Prisma.sql`(${y}::int)`))}) AS y(year)
  `);
  return new Map(rows.map((r) => [Number(r.year), r.target === null ? null : Number(r.target)]));
}

interface DecisionRow {
  year: number;
  type: string;
  reason: string;
  n: number;
}

/** Confirmed downgrades and revocations of each year (clipped to asOf), by type and reason (one query). */
export async function decisionSeries(db: PrismaClient, p: SeriesParams): Promise<DecisionPoint[]> {
  const years = seriesYears(p);
  const periods = years.flatMap((y) => {
    const period = metricsPeriod(y, p.asOf);
    return period ? [{ year: y, ...period }] : [];
  });
  const rows: DecisionRow[] = periods.length
    ? await db.$queryRaw<DecisionRow[]>(Prisma.sql`
        WITH periods(year, pfrom, pto) AS (
          VALUES ${Prisma.join(periods.map((x) => Prisma.sql`(${x.year}::int, ${x.from}::date, ${x.to}::date)`))}
        )
        SELECT pe.year::int AS year, d."type"::text AS type, d."reason"::text AS reason, count(*)::int AS n
        FROM periods pe
        JOIN "Decision" d
          ON d."status" = 'CONFIRMED'
         AND d."effectiveOn" >= pe.pfrom
         AND d."effectiveOn" <= pe.pto
        WHERE true ${inScope(Prisma.sql`d."mineId"`, p.scope)}
        GROUP BY 1, 2, 3
      `)
    : [];
  return years.map((year) => {
    const byReason = emptyByReason();
    let downgrades = 0;
    let revocations = 0;
    for (const r of rows) {
      if (Number(r.year) !== year) continue;
      byReason[r.reason] = (byReason[r.reason] ?? 0) + r.n;
      if (r.type === "DOWNGRADE") downgrades += r.n;
      else if (r.type === "REVOCATION") revocations += r.n;
    }
    return { year, asOf: seriesDay(year, p.asOf), downgrades, revocations, byReason };
  });
}

/** The level of region below a scope: provinces under the nation, prefectures under a province, counties under a prefecture. */
export function childLevel(scope: string): "PROVINCE" | "PREFECTURE" | "COUNTY" | null {
  if (scope === "") return "PROVINCE";
  if (scope.length === 2) return "PREFECTURE";
  if (scope.length === 4) return "COUNTY";
  return null;
}

export interface RegionMetrics extends Metrics {
  nameZh: string;
  nameEn: string | null;
}

interface RegionRow {
  region: string;
  nameZh: string | null;
  nameEn: string | null;
  producing: number;
  l1: number;
  l2: number;
  l3: number;
  any: number;
  graded: number;
  checked: number;
  downgrades: number;
  revocations: number;
  byReason: string | null;
  target: number | null;
}

/**
 * The metrics of every region one level below the scope that holds a mine, in one query: each row
 * equals computeMetrics({ scope: row.scope, asOf, year }). Empty for a county scope.
 */
export async function regionComparison(db: PrismaClient, p: MetricsParams): Promise<RegionMetrics[]> {
  validateMetricsParams(p);
  const level = childLevel(p.scope);
  if (!level) return [];
  const child =
    level === "PROVINCE"
      ? Prisma.sql`"provinceCode"`
      : level === "PREFECTURE"
        ? Prisma.sql`"prefectureCode"`
        : Prisma.sql`"countyCode"`;
  const where = p.scope === "" ? Prisma.empty : Prisma.sql`WHERE mi.${scopeColumn(p.scope)} = ${p.scope}`;
  const period = metricsPeriod(p.year, p.asOf);
  // An empty period (asOf before the year) counts no grade, check or decision, as in computeMetrics.
  const from = period?.from ?? p.asOf;
  const to = period?.to ?? p.asOf;
  const inPeriod = period ? Prisma.empty : Prisma.sql`AND false`;
  // Mines join "Mine" directly (not a CTE of the scope's mines) so that the planner knows each mine is one
  // row: with a CTE its estimates ran to millions of rows and PostgreSQL spent a second compiling the
  // query (JIT) at ×10 scale.
  const mine = Prisma.sql`mi.${child}::text`;
  const rows = await db.$queryRaw<RegionRow[]>(Prisma.sql`
    WITH producing AS (
      SELECT DISTINCT sp."mineId" AS id
      FROM "MineStatusPeriod" sp
      WHERE sp."status" = 'NORMAL_PRODUCTION'
        AND sp."startedOn" <= ${p.asOf}::date
        AND (sp."endedOn" IS NULL OR sp."endedOn" > ${p.asOf}::date)
        ${inScope(Prisma.sql`sp."mineId"`, p.scope)}
    ),
    graded_now AS (
      SELECT g."mineId" AS id,
        bool_or(g."level" = 1) AS l1,
        bool_or(g."level" = 2) AS l2,
        bool_or(g."level" = 3) AS l3
      FROM "Grade" g
      WHERE g."announcedOn" <= ${p.asOf}::date
        AND g."validUntil" > ${p.asOf}::date
        AND (g."endedOn" IS NULL OR g."endedOn" > ${p.asOf}::date)
        ${inScope(Prisma.sql`g."mineId"`, p.scope)}
      GROUP BY g."mineId"
    ),
    snap AS (
      SELECT ${mine} AS region,
        count(*)::int AS producing,
        count(*) FILTER (WHERE gn.l1)::int AS l1,
        count(*) FILTER (WHERE gn.l2)::int AS l2,
        count(*) FILTER (WHERE gn.l3)::int AS l3,
        count(gn.id)::int AS any
      FROM producing p
      JOIN "Mine" mi ON mi."id" = p.id
      LEFT JOIN graded_now gn ON gn.id = p.id
      GROUP BY 1
    ),
    spans AS (
      SELECT g."mineId" AS id, g."announcedOn" AS a, LEAST(g."validUntil", g."endedOn") AS e
      FROM "Grade" g
      WHERE g."announcedOn" <= ${to}::date
        AND g."validUntil" > ${from}::date
        AND (g."endedOn" IS NULL OR g."endedOn" > ${from}::date)
        ${inPeriod}
        ${inScope(Prisma.sql`g."mineId"`, p.scope)}
    ),
    graded_y AS (
      SELECT id, a, e FROM spans WHERE a < e
    ),
    checked_y AS (
      SELECT DISTINCT gr.id
      FROM graded_y gr
      JOIN "SpotCheck" sc ON sc."mineId" = gr.id
      WHERE sc."status" = 'COMPLETED'
        AND sc."checkedOn" >= ${from}::date
        AND sc."checkedOn" <= ${to}::date
        AND sc."checkedOn" >= gr.a
        AND sc."checkedOn" < gr.e
    ),
    cov AS (
      SELECT ${mine} AS region, count(*)::int AS graded, count(c.id)::int AS checked
      FROM (SELECT DISTINCT id FROM graded_y) gy
      JOIN "Mine" mi ON mi."id" = gy.id
      LEFT JOIN checked_y c ON c.id = gy.id
      GROUP BY 1
    ),
    dec AS (
      SELECT ${mine} AS region, d."type"::text AS type, d."reason"::text AS reason, count(*)::int AS n
      FROM "Decision" d
      JOIN "Mine" mi ON mi."id" = d."mineId"
      WHERE d."status" = 'CONFIRMED'
        AND d."effectiveOn" >= ${from}::date
        AND d."effectiveOn" <= ${to}::date
        ${inPeriod}
        ${inScope(Prisma.sql`d."mineId"`, p.scope)}
      GROUP BY 1, 2, 3
    ),
    dec_by_reason AS (
      SELECT region, jsonb_object_agg(reason, n)::text AS by_reason
      FROM (SELECT region, reason, sum(n)::int AS n FROM dec GROUP BY 1, 2) x
      GROUP BY region
    ),
    dec_by_type AS (
      SELECT region,
        coalesce(sum(n) FILTER (WHERE type = 'DOWNGRADE'), 0)::int AS downgrades,
        coalesce(sum(n) FILTER (WHERE type = 'REVOCATION'), 0)::int AS revocations
      FROM dec
      GROUP BY region
    ),
    regions AS (
      SELECT DISTINCT ${mine} AS region FROM "Mine" mi ${where}
    )
    SELECT
      r.region,
      rg."nameZh" AS "nameZh",
      rg."nameEn" AS "nameEn",
      coalesce(s.producing, 0)::int AS producing,
      coalesce(s.l1, 0)::int AS l1,
      coalesce(s.l2, 0)::int AS l2,
      coalesce(s.l3, 0)::int AS l3,
      coalesce(s.any, 0)::int AS any,
      coalesce(c.graded, 0)::int AS graded,
      coalesce(c.checked, 0)::int AS checked,
      coalesce(dt.downgrades, 0)::int AS downgrades,
      coalesce(dt.revocations, 0)::int AS revocations,
      dr.by_reason AS "byReason",
      ${targetFor(Prisma.sql`${p.year}::int`, Prisma.sql`r.region`)} AS target
    FROM regions r
    LEFT JOIN "Region" rg ON rg."code" = r.region
    LEFT JOIN snap s ON s.region = r.region
    LEFT JOIN cov c ON c.region = r.region
    LEFT JOIN dec_by_type dt ON dt.region = r.region
    LEFT JOIN dec_by_reason dr ON dr.region = r.region
    ORDER BY r.region
  `);
  return rows.map((r) => {
    const byReason = emptyByReason();
    if (r.byReason) {
      for (const [reason, n] of Object.entries(JSON.parse(r.byReason) as Record<string, number>)) {
        byReason[reason] = (byReason[reason] ?? 0) + Number(n);
      }
    }
    return {
      scope: r.region,
      nameZh: r.nameZh ?? r.region,
      nameEn: r.nameEn,
      asOf: p.asOf,
      year: p.year,
      yearToDate: Number(p.asOf.slice(0, 4)) === p.year,
      producing: r.producing,
      graded: { l1: r.l1, l2: r.l2, l3: r.l3 },
      share: shareOf(r.producing, r.l1, r.l2, r.l3, r.any),
      coverage: {
        year: p.year,
        checked: r.checked,
        graded: r.graded,
        ratio: frac(r.checked, r.graded),
        target: r.target === null ? null : Number(r.target),
      },
      decisions: { downgrades: r.downgrades, revocations: r.revocations, byReason },
    };
  });
}
