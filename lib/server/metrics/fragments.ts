// The pieces every metric query is built from, one per definition of product.md ("Metric
// definitions"), so that each definition is written once in SQL: computeMetrics (metrics-sql.ts) and
// the dashboard's series (share-, coverage-, decision-series.ts, region-comparison.ts) assemble them.
// No "server-only" import: scripts and tests use them too.
import { columnOfLevel, isScope, regionColumn, type RegionLevel } from "@/lib/domain/region-code";
import { Prisma } from "@/lib/generated/prisma/client";
import { gradeEndSql, inForceDuringSql, inForceSql } from "@/lib/server/grade-in-force";

/** The Mine column (quoted) that places a mine in a scope: provinceCode, prefectureCode or countyCode. */
export function scopeColumn(scope: string): Prisma.Sql {
  return Prisma.raw(`"${regionColumn(scope)}"`);
}

/** The Mine column (quoted) that holds a mine's region at a level. */
export function levelColumn(level: RegionLevel): Prisma.Sql {
  return Prisma.raw(`"${columnOfLevel(level)}"`);
}

/**
 * Scope filter: `AND <mineId> IN (mines of the scope)`, nothing for the national scope. A mine counts
 * in a scope by its current location (Mine.provinceCode / prefectureCode / countyCode).
 */
export function inScope(mineId: Prisma.Sql, scope: string): Prisma.Sql {
  if (!isScope(scope)) throw new RangeError(`Not a scope: ${scope}`);
  if (scope === "") return Prisma.empty;
  return Prisma.sql`AND ${mineId} IN (SELECT "id" FROM "Mine" WHERE ${scopeColumn(scope)} = ${scope})`;
}

/** Producing on D: the "MineStatusPeriod" row `sp` is normal production and covers D (startedOn ≤ D < endedOn or open). */
export function producingOn(sp: Prisma.Sql, day: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${sp}."status" = 'NORMAL_PRODUCTION'
    AND ${sp}."startedOn" <= ${day}
    AND (${sp}."endedOn" IS NULL OR ${sp}."endedOn" > ${day})`;
}

/** The query of the mines of a scope producing on D, one row (`id`) each. */
export function producingMines(day: Prisma.Sql, scope: string): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT sp."mineId" AS id
    FROM "MineStatusPeriod" sp
    WHERE ${producingOn(Prisma.sql`sp`, day)}
      ${inScope(Prisma.sql`sp."mineId"`, scope)}`;
}

/** Graded on D: the "Grade" row `g` is in force on D (announcedOn ≤ D < its end). */
export function gradedOn(g: Prisma.Sql, day: Prisma.Sql): Prisma.Sql {
  return inForceSql(g, day);
}

/**
 * Grade spans of a period: `id, a, e` (mine, announcement, end) of every "Grade" row `g` in force on
 * some day of [from, to]. A grade ended the day it began is in force on no day and counts for nothing.
 */
export function gradeSpanColumns(g: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${g}."mineId" AS id, ${g}."announcedOn" AS a, ${gradeEndSql(g)} AS e`;
}

export function gradedDuring(g: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return inForceDuringSql(g, from, to);
}

/** The query of the grade spans (`id, a, e`) of a scope's mines in force during [from, to]; `extra` narrows it. */
export function gradeSpans(
  from: Prisma.Sql,
  to: Prisma.Sql,
  scope: string,
  extra: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  return Prisma.sql`SELECT ${gradeSpanColumns(Prisma.sql`g`)}
    FROM "Grade" g
    WHERE ${gradedDuring(Prisma.sql`g`, from, to)}
      ${extra}
      ${inScope(Prisma.sql`g."mineId"`, scope)}`;
}

/** A day within a period, both ends included (metricsPeriod: [Y-01-01, min(Y-12-31, asOf)]). */
export function dayIn(day: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${day} >= ${from} AND ${day} <= ${to}`;
}

/** A completed spot-check `sc` (a "SpotCheck" row) checked in [from, to]. */
export function completedCheckIn(sc: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${sc}."status" = 'COMPLETED' AND ${dayIn(Prisma.sql`${sc}."checkedOn"`, from, to)}`;
}

/** Checked while graded: the check's date lies within the span `span` (columns a, e) of one of the mine's grades. */
export function whileGraded(checkedOn: Prisma.Sql, span: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${checkedOn} >= ${span}.a AND ${checkedOn} < ${span}.e`;
}

/**
 * The query of the mines checked while graded: one row (`id`) per mine of the spans `spans` (a CTE
 * of gradeSpans) with a completed spot-check in [from, to] inside one of its spans.
 */
export function checkedWhileGraded(spans: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT gr.id
    FROM ${spans} gr
    JOIN "SpotCheck" sc ON sc."mineId" = gr.id
    WHERE ${completedCheckIn(Prisma.sql`sc`, from, to)}
      AND ${whileGraded(Prisma.sql`sc."checkedOn"`, Prisma.sql`gr`)}`;
}

/**
 * A decision `d` that counts in a period as of the day `asOf`: confirmed, with its effective date in
 * [from, to], and decided on or before `asOf` (its decidedAt, a UTC timestamp, read as a day in China).
 * So a figure published as of a day can be reproduced later, whatever is confirmed afterwards, even a
 * decision that takes effect back in that period (product.md, "Downgrades and revocations").
 */
export function decisionIn(d: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql, asOf: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${d}."status" = 'CONFIRMED' AND ${dayIn(Prisma.sql`${d}."effectiveOn"`, from, to)}
    AND (${d}."decidedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}`;
}

/**
 * Target chain: the spot-check target of year `year` for the region expression `region`, from the
 * region's own target, else its province's, else the national one (targetChain in region-code.ts).
 */
export function targetFor(year: Prisma.Sql, region: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT t."ratio"::float8 FROM "SpotCheckTarget" t
    WHERE t."year" = ${year} AND t."level" IS NULL AND t."regionCode" IN (${region}, left(${region}, 2), '')
    ORDER BY length(t."regionCode") DESC
    LIMIT 1
  )`;
}

/** `(${year}::int, ${from}::date, ${to}::date), …`: the rows of a VALUES list of periods. */
export function periodValues(periods: { year: number; from: string; to: string }[]): Prisma.Sql {
  return Prisma.join(periods.map((x) => Prisma.sql`(${x.year}::int, ${x.from}::date, ${x.to}::date)`));
}
