// The metric definitions of product.md for one scope, year and date, as SQL aggregates in PostgreSQL
// (nothing is loaded row by row into JS). Dashboards, the metrics API, scripts and tests use it; the
// definitions themselves are the fragments of fragments.ts. No "server-only" import, so that scripts
// and tests can use it too.
//
// For a scope (GB/T 2260 prefix of the mine's county: "" national, 2 digits a province, 4 a
// prefecture, 6 a county), a date asOf and a year Y:
// - share at L on asOf = |producing and graded at L| / |producing| (0 when nothing is producing);
//   unstandardized = |producing and graded at no level| / |producing| (grades never overlap in
//   consistent data; if two of different levels did, the mine would count at both);
// - coverage in Y = |mines graded at some time in P that had a COMPLETED spot-check in P while
//   graded| / |mines graded at some time in P| (0 when none), where P is the year Y clipped to asOf
//   (metricsPeriod). When asOf is before Y the period is empty and every count is 0;
// - target: the target chain of the scope for (Y, level null);
// - decisions in Y: CONFIRMED decisions with effectiveOn in P and decided on or before asOf, by type
//   and by reason;
// - yearToDate: isYearToDate (lib/domain/year-to-date.ts).
import { isYearToDate } from "@/lib/domain/year-to-date";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { frac, shareOf, tallyDecisions } from "./figures";
import { checkedWhileGraded, decisionIn, gradedOn, gradeSpans, inScope, producingMines, targetFor } from "./fragments";
import { metricsPeriod, validateMetricsParams, type Metrics, type MetricsParams } from "./metrics-params";

interface SnapshotRow {
  producing: number;
  l1: number;
  l2: number;
  l3: number;
  any: number;
}

interface CoverageRow {
  graded: number;
  checked: number;
}

interface DecisionRow {
  type: string;
  reason: string;
  n: number;
}

export async function computeMetrics(db: PrismaClient, p: MetricsParams): Promise<Metrics> {
  validateMetricsParams(p);
  const { scope, asOf, year } = p;
  const period = metricsPeriod(year, asOf);
  const day = Prisma.sql`${asOf}::date`;

  // Producing and graded on asOf: one pass over the open status periods and the grades in force.
  const snapshot = db.$queryRaw<SnapshotRow[]>(Prisma.sql`
    WITH producing AS (${producingMines(day, scope)}),
    graded AS (
      SELECT g."mineId" AS id, g."level"
      FROM "Grade" g
      WHERE ${gradedOn(Prisma.sql`g`, day)}
        ${inScope(Prisma.sql`g."mineId"`, scope)}
    )
    SELECT
      (SELECT count(*) FROM producing)::int AS producing,
      count(DISTINCT p.id) FILTER (WHERE g."level" = 1)::int AS l1,
      count(DISTINCT p.id) FILTER (WHERE g."level" = 2)::int AS l2,
      count(DISTINCT p.id) FILTER (WHERE g."level" = 3)::int AS l3,
      count(DISTINCT p.id)::int AS any
    FROM producing p
    JOIN graded g ON g.id = p.id
  `);

  const from = Prisma.sql`${period?.from ?? asOf}::date`;
  const to = Prisma.sql`${period?.to ?? asOf}::date`;

  // Coverage: the grades in force at some time in the period, and the completed checks inside them.
  const coverage: Promise<CoverageRow[]> = period
    ? db.$queryRaw<CoverageRow[]>(Prisma.sql`
        WITH graded AS (${gradeSpans(from, to, scope)}),
        checked AS (${checkedWhileGraded(Prisma.sql`graded`, from, to)})
        SELECT (SELECT count(DISTINCT id) FROM graded)::int AS graded, (SELECT count(*) FROM checked)::int AS checked
      `)
    : Promise.resolve([{ graded: 0, checked: 0 }]);

  const decisions: Promise<DecisionRow[]> = period
    ? db.$queryRaw<DecisionRow[]>(Prisma.sql`
        SELECT d."type"::text AS type, d."reason"::text AS reason, count(*)::int AS n
        FROM "Decision" d
        WHERE ${decisionIn(Prisma.sql`d`, from, to, day)}
          ${inScope(Prisma.sql`d."mineId"`, scope)}
        GROUP BY 1, 2
      `)
    : Promise.resolve([]);

  const target = db.$queryRaw<{ target: number | null }[]>(Prisma.sql`
    SELECT ${targetFor(Prisma.sql`${year}::int`, Prisma.sql`${scope}::text`)} AS target
  `);

  const [[snap], [cov], decisionRows, [targetRow]] = await Promise.all([snapshot, coverage, decisions, target]);

  const producing = snap?.producing ?? 0;
  const [l1, l2, l3, any] = [snap?.l1 ?? 0, snap?.l2 ?? 0, snap?.l3 ?? 0, snap?.any ?? 0];
  const graded = cov?.graded ?? 0;
  const checked = cov?.checked ?? 0;
  return {
    scope,
    asOf,
    year,
    yearToDate: isYearToDate(year, asOf),
    producing,
    graded: { l1, l2, l3 },
    share: shareOf(producing, l1, l2, l3, any),
    coverage: {
      year,
      checked,
      graded,
      ratio: frac(checked, graded),
      target: targetRow?.target == null ? null : Number(targetRow.target),
    },
    decisions: tallyDecisions(decisionRows),
  };
}
