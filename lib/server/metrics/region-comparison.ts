// The region comparison: the metrics of every region one level below the scope that holds a mine, in
// one query; each row equals computeMetrics({ scope: row.scope, asOf, year }) (tests/integration/
// dashboard.test.ts proves it). Empty for a county scope.
import { childLevel } from "@/lib/domain/region-code";
import { isYearToDate } from "@/lib/domain/year-to-date";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { frac, shareOf, tallyDecisions } from "./figures";
import {
  checkedWhileGraded,
  decisionIn,
  gradedOn,
  gradeSpans,
  inScope,
  levelColumn,
  producingMines,
  scopeColumn,
  targetFor,
} from "./fragments";
import { metricsPeriod, validateMetricsParams, type Metrics, type MetricsParams } from "./metrics-params";

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
  byType: string | null;
  target: number | null;
}

export async function regionComparison(db: PrismaClient, p: MetricsParams): Promise<RegionMetrics[]> {
  validateMetricsParams(p);
  const level = childLevel(p.scope);
  if (!level) return [];
  const where = p.scope === "" ? Prisma.empty : Prisma.sql`WHERE mi.${scopeColumn(p.scope)} = ${p.scope}`;
  const period = metricsPeriod(p.year, p.asOf);
  // An empty period (asOf before the year) counts no grade, check or decision, as in computeMetrics.
  const from = Prisma.sql`${period?.from ?? p.asOf}::date`;
  const to = Prisma.sql`${period?.to ?? p.asOf}::date`;
  const inPeriod = period ? Prisma.empty : Prisma.sql`AND false`;
  const day = Prisma.sql`${p.asOf}::date`;
  // Mines join "Mine" directly (not a CTE of the scope's mines) so that the planner knows each mine is one
  // row: with a CTE its estimates ran to millions of rows and PostgreSQL spent a second compiling the
  // query (JIT) at ×10 scale.
  const mine = Prisma.sql`mi.${levelColumn(level)}::text`;
  const rows = await db.$queryRaw<RegionRow[]>(Prisma.sql`
    WITH producing AS (${producingMines(day, p.scope)}),
    graded_now AS (
      SELECT g."mineId" AS id,
        bool_or(g."level" = 1) AS l1,
        bool_or(g."level" = 2) AS l2,
        bool_or(g."level" = 3) AS l3
      FROM "Grade" g
      WHERE ${gradedOn(Prisma.sql`g`, day)}
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
    graded_y AS (${gradeSpans(from, to, p.scope, inPeriod)}),
    checked_y AS (${checkedWhileGraded(Prisma.sql`graded_y`, from, to)}),
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
      WHERE ${decisionIn(Prisma.sql`d`, from, to, day)}
        ${inPeriod}
        ${inScope(Prisma.sql`d."mineId"`, p.scope)}
      GROUP BY 1, 2, 3
    ),
    -- Each region's (type, reason, n) rows, tallied in JS by the same code as computeMetrics.
    dec_rows AS (
      SELECT region, jsonb_agg(jsonb_build_object('type', type, 'reason', reason, 'n', n))::text AS by_type
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
      dc.by_type AS "byType",
      ${targetFor(Prisma.sql`${p.year}::int`, Prisma.sql`r.region`)} AS target
    FROM regions r
    LEFT JOIN "Region" rg ON rg."code" = r.region
    LEFT JOIN snap s ON s.region = r.region
    LEFT JOIN cov c ON c.region = r.region
    LEFT JOIN dec_rows dc ON dc.region = r.region
    ORDER BY r.region
  `);
  return rows.map((r) => ({
    scope: r.region,
    nameZh: r.nameZh ?? r.region,
    nameEn: r.nameEn,
    asOf: p.asOf,
    year: p.year,
    yearToDate: isYearToDate(p.year, p.asOf),
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
    decisions: tallyDecisions(r.byType ? (JSON.parse(r.byType) as { type: string; reason: string; n: number }[]) : []),
  }));
}
