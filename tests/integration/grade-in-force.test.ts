// "Graded on D" is written three times, once per language the code asks it in: the pure function
// (isInForce, lib/domain/grade-validity.ts), the Prisma filter and the SQL fragment
// (lib/server/grade-in-force.ts). This test builds grades that end in every way a grade can end and
// proves that the three pick the same rows on every day where something changes, and the day
// before and after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { gradeEnd, isInForce } from "@/lib/domain/grade-validity";
import { addDays } from "@/lib/domain/triggers";
import { Prisma } from "@/lib/generated/prisma/client";
import { gradeEndSql, inForceDuringSql, inForceOn, inForceSql } from "@/lib/server/grade-in-force";
import { testDb } from "../support/db";
import { createDecision, createGrade, createMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
afterAll(() => db.$disconnect());

/** The grades each case built, by name. */
const built: Record<string, number> = {};
let mineIds: number[] = [];

beforeAll(async () => {
  // Ends by its valid-until date.
  const expires = await createMine(db);
  built.expires = (
    await createGrade(db, expires, { level: 2, announcedOn: "2020-03-01", validUntil: "2023-03-01" })
  ).id;

  // Ends by a downgrade's effective date, which starts a Level 2 grade until the old valid-until date.
  const downgraded = await createMine(db);
  const l1 = await createGrade(db, downgraded, { level: 1, announcedOn: "2021-01-10", validUntil: "2024-01-10" });
  const downgrade = await createDecision(db, downgraded, l1, {
    type: "DOWNGRADE",
    reason: "HIDDEN_DANGERS",
    status: "CONFIRMED",
    proposedOn: "2022-06-01",
    effectiveOn: "2022-06-15",
  });
  built.downgraded = l1.id;
  built.downgradedTo = downgrade.startedGrade!.id;

  // Ends by a revocation's effective date.
  const revoked = await createMine(db);
  const l2 = await createGrade(db, revoked, { level: 2, announcedOn: "2020-01-01", validUntil: "2023-01-01" });
  await createDecision(db, revoked, l2, {
    type: "REVOCATION",
    reason: "FATAL_ACCIDENT",
    status: "CONFIRMED",
    proposedOn: "2020-06-20",
    effectiveOn: "2020-07-01",
  });
  built.revoked = l2.id;

  // Ends when a new grade supersedes it, before its valid-until date.
  const superseded = await createMine(db);
  built.superseded = (
    await createGrade(db, superseded, {
      level: 3,
      announcedOn: "2020-05-01",
      validUntil: "2023-05-01",
      endedOn: "2021-05-01",
      endReason: "SUPERSEDED",
    })
  ).id;
  built.supersedes = (
    await createGrade(db, superseded, { level: 2, announcedOn: "2021-05-01", validUntil: "2024-05-01" })
  ).id;

  // Announced for a date to come.
  const future = await createMine(db);
  built.future = (
    await createGrade(db, future, { level: 3, announcedOn: addDays(today, 30), validUntil: addDays(today, 1000) })
  ).id;

  // Ended the day it began: in force on no day.
  const stillborn = await createMine(db);
  built.stillborn = (
    await createGrade(db, stillborn, {
      level: 2,
      announcedOn: "2022-02-02",
      validUntil: "2025-02-02",
      endedOn: "2022-02-02",
      endReason: "SUPERSEDED",
    })
  ).id;

  mineIds = [expires, downgraded, revoked, superseded, future, stillborn].map((m) => m.id);
});

async function gradesBuilt() {
  return db.grade.findMany({ where: { mineId: { in: mineIds } }, orderBy: { id: "asc" } });
}

/** Every day where some grade begins or ends, with the days either side. */
async function boundaryDays(): Promise<string[]> {
  const days = new Set<string>();
  for (const g of await gradesBuilt()) {
    for (const d of [isoDate(g.announcedOn), isoDate(g.validUntil), g.endedOn ? isoDate(g.endedOn) : null]) {
      if (d) for (const k of [-1, 0, 1]) days.add(addDays(d, k));
    }
  }
  return [...days, today, "2019-12-31", "2021-09-09"].sort();
}

const byJs = async (day: string) => (await gradesBuilt()).filter((g) => isInForce(g, day)).map((g) => g.id);
const byPrisma = async (day: string) =>
  (await db.grade.findMany({ where: { mineId: { in: mineIds }, ...inForceOn(day) }, orderBy: { id: "asc" } })).map(
    (g) => g.id,
  );
const bySql = async (day: string) =>
  (
    await db.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT g."id" FROM "Grade" g
      WHERE g."mineId" IN (${Prisma.join(mineIds)}) AND ${inForceSql(Prisma.sql`g`, Prisma.sql`${day}::date`)}
      ORDER BY g."id"
    `)
  ).map((r) => r.id);

describe("grade in force on day D", () => {
  it("picks the same grades in JavaScript, in a Prisma filter and in SQL, on every boundary day", async () => {
    const days = await boundaryDays();
    expect(days.length).toBeGreaterThan(30);
    for (const day of days) {
      const js = await byJs(day);
      expect({ day, ids: await byPrisma(day) }).toEqual({ day, ids: js });
      expect({ day, ids: await bySql(day) }).toEqual({ day, ids: js });
    }
  });

  it("gives the answers of the metric definition on chosen days", async () => {
    const expected: [string, string[]][] = [
      ["2019-12-31", []],
      ["2020-01-01", ["revoked"]],
      ["2020-06-30", ["expires", "revoked", "superseded"]],
      ["2020-07-01", ["expires", "superseded"]],
      ["2021-04-30", ["expires", "downgraded", "superseded"]],
      ["2021-05-01", ["expires", "downgraded", "supersedes"]],
      ["2022-02-02", ["expires", "downgraded", "supersedes"]],
      ["2022-06-14", ["expires", "downgraded", "supersedes"]],
      ["2022-06-15", ["expires", "downgradedTo", "supersedes"]],
      ["2023-02-28", ["expires", "downgradedTo", "supersedes"]],
      ["2023-03-01", ["downgradedTo", "supersedes"]],
      ["2024-01-10", ["supersedes"]],
      ["2024-05-01", []],
      [addDays(today, 30), ["future"]],
    ];
    for (const [day, names] of expected) {
      const ids = names.map((n) => built[n]).sort((a, b) => a - b);
      expect({ day, ids: await byJs(day) }).toEqual({ day, ids });
      expect({ day, ids: await bySql(day) }).toEqual({ day, ids });
    }
  });

  it("agrees on each grade's end and on being in force during a period", async () => {
    const ends = await db.$queryRaw<{ id: number; e: Date }[]>(Prisma.sql`
      SELECT g."id", ${gradeEndSql(Prisma.sql`g`)} AS e FROM "Grade" g WHERE g."mineId" IN (${Prisma.join(mineIds)})
    `);
    const grades = await gradesBuilt();
    for (const g of grades) expect(isoDate(ends.find((e) => e.id === g.id)!.e)).toBe(gradeEnd(g));

    const periods: [string, string][] = [
      ["2019-01-01", "2019-12-31"],
      ["2020-01-01", "2020-12-31"],
      ["2022-02-02", "2022-02-02"],
      ["2022-06-15", "2022-12-31"],
      ["2024-05-01", "2024-12-31"],
    ];
    for (const [from, to] of periods) {
      const inSql = (
        await db.$queryRaw<{ id: number }[]>(Prisma.sql`
          SELECT g."id" FROM "Grade" g
          WHERE g."mineId" IN (${Prisma.join(mineIds)})
            AND ${inForceDuringSql(Prisma.sql`g`, Prisma.sql`${from}::date`, Prisma.sql`${to}::date`)}
          ORDER BY g."id"
        `)
      ).map((r) => r.id);
      // In force on some day of the period: begins by its end and ends after its start, on at least one day.
      const inJs = grades
        .filter((g) => isoDate(g.announcedOn) <= to && gradeEnd(g) > from && isoDate(g.announcedOn) < gradeEnd(g))
        .map((g) => g.id);
      expect({ from, to, ids: inSql }).toEqual({ from, to, ids: inJs });
      expect(inSql).not.toContain(built.stillborn);
    }
  });
});
