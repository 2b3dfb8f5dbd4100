// The one implementation of the metric definitions of product.md, as SQL aggregates in PostgreSQL
// (nothing is loaded row by row into JS). Dashboards, the metrics API, scripts and tests use it.
// No "server-only" import, so that scripts and tests can use it too.
//
// Definitions, for a scope (GB/T 2260 prefix of the mine's county: "" national, 2 digits a province,
// 4 a prefecture, 6 a county), a date asOf and a year Y:
// - producing on D: the mine's status period with startedOn ≤ D < endedOn (or open) is NORMAL_PRODUCTION;
// - graded at L on D: a grade of level L with announcedOn ≤ D < end, end = the earlier of validUntil
//   and endedOn (endedOn is set when a decision or a superseding grade ends it);
// - share at L on asOf = |producing and graded at L| / |producing| (0 when nothing is producing);
//   unstandardized = |producing and graded at no level| / |producing| (grades never overlap in
//   consistent data; if two of different levels did, the mine would count at both);
// - coverage in Y = |mines graded at some time in P that had a COMPLETED spot-check in P while
//   graded (checkedOn within one of their grades' [announcedOn, end))| / |mines graded at some time
//   in P| (0 when none), where P is the year Y clipped to asOf: [Y-01-01, min(Y-12-31, asOf)]. When
//   asOf is before Y the period is empty and every count is 0. A grade whose end equals its
//   announcement (ended the day it began) is in force on no day and counts for nothing;
// - target = SpotCheckTarget.ratio for (Y, level null) of the scope, else of its province, else national;
// - decisions in Y: CONFIRMED decisions with effectiveOn in P, by type and by reason;
// - yearToDate: Y is the year of asOf (the year is still running on asOf).
// A mine counts in a scope by its current location (Mine.provinceCode / prefectureCode / countyCode).
import { isIsoDate } from "@/lib/domain/dates";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export interface MetricsParams {
  /** GB/T 2260 prefix: "" national, 2-digit province, 4-digit prefecture (6-digit county also accepted). */
  scope: string;
  /** YYYY-MM-DD */
  asOf: string;
  year: number;
}

export interface Metrics {
  scope: string;
  asOf: string;
  year: number;
  yearToDate: boolean;
  producing: number;
  graded: { l1: number; l2: number; l3: number };
  share: { l1: number; l2: number; l3: number; l12: number; unstandardized: number };
  coverage: { year: number; checked: number; graded: number; ratio: number; target: number | null };
  decisions: { downgrades: number; revocations: number; byReason: Record<string, number> };
}

/** Every decision reason, so that byReason always lists all of them (0 when none). */
export const DECISION_REASONS = [
  "FATAL_ACCIDENT",
  "HIDDEN_DANGERS",
  "PRODUCTION_STOPPED",
  "MANAGEMENT_SLIDE",
  "FALSIFICATION",
] as const;

export class MetricsParamsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "MetricsParamsError";
  }
}

const SCOPE_RE = /^(\d{2}|\d{4}|\d{6})?$/;

export function validateMetricsParams(p: MetricsParams): void {
  if (typeof p.scope !== "string" || !SCOPE_RE.test(p.scope)) {
    throw new MetricsParamsError(`scope must be empty or a 2-, 4- or 6-digit region code: ${String(p.scope)}`);
  }
  if (typeof p.asOf !== "string" || !isIsoDate(p.asOf))
    throw new MetricsParamsError(`asOf must be YYYY-MM-DD: ${String(p.asOf)}`);
  if (!Number.isInteger(p.year) || p.year < 1900 || p.year > 9999)
    throw new MetricsParamsError(`year must be a year: ${String(p.year)}`);
}

/** The period of year Y that counts on asOf: [Y-01-01, min(Y-12-31, asOf)], or null when asOf is before Y. */
export function metricsPeriod(year: number, asOf: string): { from: string; to: string } | null {
  const from = `${String(year).padStart(4, "0")}-01-01`;
  const end = `${String(year).padStart(4, "0")}-12-31`;
  const to = asOf < end ? asOf : end;
  return to < from ? null : { from, to };
}

/** The scope chain for targets: the scope itself, then its province, then national. */
function targetChain(scope: string): string[] {
  const chain = [scope];
  if (scope.length > 2) chain.push(scope.slice(0, 2));
  if (scope !== "") chain.push("");
  return chain;
}

/** `AND <alias>."mineId" IN (mines of the scope)`, or nothing for the national scope. */
function inScope(column: Prisma.Sql, scope: string): Prisma.Sql {
  if (scope === "") return Prisma.empty;
  const field =
    scope.length === 2
      ? Prisma.sql`"provinceCode"`
      : scope.length === 4
        ? Prisma.sql`"prefectureCode"`
        : Prisma.sql`"countyCode"`;
  return Prisma.sql`AND ${column} IN (SELECT "id" FROM "Mine" WHERE ${field} = ${scope})`;
}

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

interface TargetRow {
  regionCode: string;
  ratio: number;
}

export async function computeMetrics(db: PrismaClient, p: MetricsParams): Promise<Metrics> {
  validateMetricsParams(p);
  const { scope, asOf, year } = p;
  const period = metricsPeriod(year, asOf);

  // Producing and graded on asOf: one pass over the open status periods and the grades in force.
  const snapshot = db.$queryRaw<SnapshotRow[]>(Prisma.sql`
    WITH producing AS (
      SELECT DISTINCT sp."mineId" AS id
      FROM "MineStatusPeriod" sp
      WHERE sp."status" = 'NORMAL_PRODUCTION'
        AND sp."startedOn" <= ${asOf}::date
        AND (sp."endedOn" IS NULL OR sp."endedOn" > ${asOf}::date)
        ${inScope(Prisma.sql`sp."mineId"`, scope)}
    ),
    graded AS (
      SELECT g."mineId" AS id, g."level"
      FROM "Grade" g
      WHERE g."announcedOn" <= ${asOf}::date
        AND g."validUntil" > ${asOf}::date
        AND (g."endedOn" IS NULL OR g."endedOn" > ${asOf}::date)
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

  // Coverage: the grades in force at some time in the period, and the completed checks inside them.
  const coverage: Promise<CoverageRow[]> = period
    ? db.$queryRaw<CoverageRow[]>(Prisma.sql`
        WITH spans AS (
          SELECT g."mineId" AS id, g."announcedOn" AS a, LEAST(g."validUntil", g."endedOn") AS e
          FROM "Grade" g
          WHERE g."announcedOn" <= ${period.to}::date
            AND g."validUntil" > ${period.from}::date
            AND (g."endedOn" IS NULL OR g."endedOn" > ${period.from}::date)
            ${inScope(Prisma.sql`g."mineId"`, scope)}
        ),
        graded AS (
          SELECT id, a, e FROM spans WHERE a < e
        ),
        checked AS (
          SELECT DISTINCT gr.id
          FROM graded gr
          JOIN "SpotCheck" sc ON sc."mineId" = gr.id
          WHERE sc."status" = 'COMPLETED'
            AND sc."checkedOn" >= ${period.from}::date
            AND sc."checkedOn" <= ${period.to}::date
            AND sc."checkedOn" >= gr.a
            AND sc."checkedOn" < gr.e
        )
        SELECT (SELECT count(DISTINCT id) FROM graded)::int AS graded, (SELECT count(*) FROM checked)::int AS checked
      `)
    : Promise.resolve([{ graded: 0, checked: 0 }]);

  const decisions: Promise<DecisionRow[]> = period
    ? db.$queryRaw<DecisionRow[]>(Prisma.sql`
        SELECT d."type"::text AS type, d."reason"::text AS reason, count(*)::int AS n
        FROM "Decision" d
        WHERE d."status" = 'CONFIRMED'
          AND d."effectiveOn" >= ${period.from}::date
          AND d."effectiveOn" <= ${period.to}::date
          ${inScope(Prisma.sql`d."mineId"`, scope)}
        GROUP BY 1, 2
      `)
    : Promise.resolve([]);

  const targets = db.$queryRaw<TargetRow[]>(Prisma.sql`
    SELECT t."regionCode" AS "regionCode", t."ratio"::float8 AS ratio
    FROM "SpotCheckTarget" t
    WHERE t."year" = ${year}::int AND t."level" IS NULL AND t."regionCode" IN (${Prisma.join(targetChain(scope))})
  `);

  const [[snap], [cov], decisionRows, targetRows] = await Promise.all([snapshot, coverage, decisions, targets]);

  const producing = snap?.producing ?? 0;
  const l1 = snap?.l1 ?? 0;
  const l2 = snap?.l2 ?? 0;
  const l3 = snap?.l3 ?? 0;
  const any = snap?.any ?? 0;
  const frac = (n: number) => (producing > 0 ? n / producing : 0);

  const byReason: Record<string, number> = Object.fromEntries(DECISION_REASONS.map((r) => [r, 0]));
  let downgrades = 0;
  let revocations = 0;
  for (const r of decisionRows) {
    byReason[r.reason] = (byReason[r.reason] ?? 0) + r.n;
    if (r.type === "DOWNGRADE") downgrades += r.n;
    else if (r.type === "REVOCATION") revocations += r.n;
  }

  let target: number | null = null;
  for (const code of targetChain(scope)) {
    const row = targetRows.find((t) => t.regionCode === code);
    if (row) {
      target = Number(row.ratio);
      break;
    }
  }

  const graded = cov?.graded ?? 0;
  const checked = cov?.checked ?? 0;
  return {
    scope,
    asOf,
    year,
    yearToDate: Number(asOf.slice(0, 4)) === year,
    producing,
    graded: { l1, l2, l3 },
    share: {
      l1: frac(l1),
      l2: frac(l2),
      l3: frac(l3),
      l12: frac(l1 + l2),
      unstandardized: frac(producing - any),
    },
    coverage: { year, checked, graded, ratio: graded > 0 ? checked / graded : 0, target },
    decisions: { downgrades, revocations, byReason },
  };
}
