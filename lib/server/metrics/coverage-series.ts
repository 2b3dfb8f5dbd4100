// The coverage chart's series: spot-check coverage of each year (clipped to asOf) with that year's
// target, in one query (series-params.ts says which periods).
import { seriesDay } from "@/lib/domain/series";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { frac } from "./figures";
import {
  completedCheckIn,
  dayIn,
  gradedDuring,
  gradeSpanColumns,
  inScope,
  periodValues,
  targetFor,
  whileGraded,
} from "./fragments";
import type { Metrics } from "./metrics-params";
import { seriesPeriods, seriesYears, type SeriesParams } from "./series-params";

export type CoveragePoint = Metrics["coverage"] & { asOf: string };

interface CoverageRow {
  year: number;
  graded: number;
  checked: number;
  target: number | null;
}

export async function coverageSeries(db: PrismaClient, p: SeriesParams): Promise<CoveragePoint[]> {
  const years = seriesYears(p);
  const periods = seriesPeriods(years, p.asOf);
  const [from, to] = [Prisma.sql`pe.pfrom`, Prisma.sql`pe.pto`];
  const rows: CoverageRow[] = periods.length
    ? await db.$queryRaw<CoverageRow[]>(Prisma.sql`
        WITH periods(year, pfrom, pto) AS (VALUES ${periodValues(periods)}),
        graded AS (
          SELECT pe.year, ${gradeSpanColumns(Prisma.sql`g`)}
          FROM periods pe
          JOIN "Grade" g ON ${gradedDuring(Prisma.sql`g`, from, to)}
          WHERE true ${inScope(Prisma.sql`g."mineId"`, p.scope)}
        ),
        -- The checks of the whole range, keyed by year so that they meet the grades in a hash join
        -- (a nested loop of index probes, one per graded mine and year, took seconds at ×10 scale).
        checks AS MATERIALIZED (
          SELECT extract(year FROM sc."checkedOn")::int AS year, sc."mineId" AS id, sc."checkedOn" AS d
          FROM "SpotCheck" sc
          WHERE ${completedCheckIn(Prisma.sql`sc`, Prisma.sql`${periods[0]?.from}::date`, Prisma.sql`${periods[periods.length - 1]?.to}::date`)}
            ${inScope(Prisma.sql`sc."mineId"`, p.scope)}
        ),
        checked AS (
          SELECT DISTINCT gr.year, gr.id
          FROM graded gr
          JOIN checks c ON c.year = gr.year AND c.id = gr.id
          JOIN periods pe ON pe.year = gr.year
          WHERE ${dayIn(Prisma.sql`c.d`, from, to)}
            AND ${whileGraded(Prisma.sql`c.d`, Prisma.sql`gr`)}
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
