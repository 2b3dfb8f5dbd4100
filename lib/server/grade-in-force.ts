// "Graded on D" for the database: the Prisma `where` and the SQL fragment that say what isInForce
// (lib/domain/grade-validity.ts) says, announcedOn ≤ D < min(validUntil, endedOn). Every query that
// asks for grades in force builds it from here; tests/integration/grade-in-force.test.ts proves the
// three agree. No "server-only" import: the metric SQL, scripts and tests use the fragments too.
import { dateValue } from "@/lib/domain/dates";
import { Prisma } from "@/lib/generated/prisma/client";

/** Grades in force on `day` ("YYYY-MM-DD"), optionally of one level, as a Prisma filter. */
export function inForceOn(day: string, level?: number): Prisma.GradeWhereInput {
  const d = dateValue(day);
  return {
    ...(level ? { level } : {}),
    announcedOn: { lte: d },
    validUntil: { gt: d },
    OR: [{ endedOn: null }, { endedOn: { gt: d } }],
  };
}

/** `<g> in force on <day>` in SQL, for a "Grade" row alias and a date expression. */
export function inForceSql(g: Prisma.Sql, day: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${g}."announcedOn" <= ${day}
    AND ${g}."validUntil" > ${day}
    AND (${g}."endedOn" IS NULL OR ${g}."endedOn" > ${day})`;
}

/** The day a grade stops being in force (gradeEnd), in SQL: LEAST skips a null endedOn. */
export function gradeEndSql(g: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEAST(${g}."validUntil", ${g}."endedOn")`;
}

/**
 * `<g> in force on some day of [from, to]` in SQL: it begins by `to`, ends after `from`, and is in
 * force on at least one day (a grade ended the day it began never is).
 */
export function inForceDuringSql(g: Prisma.Sql, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  // Spelled on the columns, as inForceSql is, so that the planner can use the grade indexes.
  return Prisma.sql`${g}."announcedOn" <= ${to}
    AND ${g}."validUntil" > ${from}
    AND (${g}."endedOn" IS NULL OR ${g}."endedOn" > ${from})
    AND ${g}."announcedOn" < ${gradeEndSql(g)}`;
}
