// A mine holds at most one grade on any day (issue 13.4): the database refuses an overlap whatever
// path writes it, and announcing a grade ends or cancels every grade it supersedes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { rethrowDatabaseError } from "@/lib/server/http/database-lost";
import { announceApplication } from "@/lib/server/services/announce-application";
import { databaseUrl, sql, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createApplication, createGrade, createMine } from "../support/factories";

const db = testDb();
const callers: Record<string, Caller> = {};
const T = addDays(todayInChina(), -60);

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

/** Inserts a grade for the mine of grade `like` straight in SQL, over a connection of its own, as any path outside the portal could. */
async function insertGrade(
  like: number,
  announcedOn: string,
  validUntil: string,
  endedOn?: string,
): Promise<unknown[]> {
  return sql(
    databaseUrl(),
    `INSERT INTO "Grade" ("mineId", level, "ruleVersionId", "authorityId", "announcementNo", "announcedOn", "validUntil", "endedOn")
     SELECT "mineId", 3, "ruleVersionId", "authorityId", 'SQL-' || gen_random_uuid(), $2::date, $3::date, $4::date
       FROM "Grade" WHERE id = $1`,
    [like, announcedOn, validUntil, endedOn ?? null],
  );
}

/** Pairs of grades of one mine that share a day: none, ever. */
async function overlaps(mineId: number) {
  return db.$queryRaw<{ a: number; b: number }[]>`
    SELECT g1.id AS a, g2.id AS b FROM "Grade" g1 JOIN "Grade" g2
      ON g1."mineId" = g2."mineId" AND g1.id < g2.id
     WHERE g1."mineId" = ${mineId}
       AND grade_span(g1."announcedOn", g1."validUntil", g1."endedOn") && grade_span(g2."announcedOn", g2."validUntil", g2."endedOn")`;
}

describe("the database", () => {
  it("refuses an overlapping grade inserted or extended directly in SQL, and accepts adjacent or cancelled ones", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const g = await createGrade(db, mine, { level: 2, announcedOn: "2024-03-01", validUntil: "2027-03-01" });

    await expect(insertGrade(g.id, "2025-01-01", "2028-01-01")).rejects.toThrow(/Grade_no_overlap/);
    await expect(insertGrade(g.id, "2023-01-01", "2024-03-02")).rejects.toThrow(/Grade_no_overlap/);
    // Ending the first grade early makes room after it; a grade that covers no day never overlaps.
    await expect(insertGrade(g.id, "2027-03-01", "2030-03-01")).resolves.toEqual([]);
    await expect(insertGrade(g.id, "2025-06-01", "2028-06-01", "2025-06-01")).resolves.toEqual([]);
    await sql(databaseUrl(), `UPDATE "Grade" SET "endedOn" = '2025-01-01' WHERE id = $1`, [g.id]);
    await expect(insertGrade(g.id, "2025-01-01", "2027-03-01")).resolves.toEqual([]);
    // Lifting that end again would overlap the grade that followed: refused.
    await expect(sql(databaseUrl(), `UPDATE "Grade" SET "endedOn" = NULL WHERE id = $1`, [g.id])).rejects.toThrow(
      /Grade_no_overlap/,
    );
    // The portal's client (lib/server/db.ts) passes such a refusal on as a translated conflict, not a 500.
    const refused = await db.$executeRaw`UPDATE "Grade" SET "endedOn" = NULL WHERE id = ${g.id}`.catch((e) => e);
    await expect(rethrowDatabaseError(refused)).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "gradesOverlap",
    });
    expect(await db.grade.count({ where: { mineId: mine.id } })).toBe(4);
    expect(await overlaps(mine.id)).toEqual([]);
  });
});

describe("announcing a grade", () => {
  it("ends the grade in force even when a decision set a later end, and cancels the grade that was to follow", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    // Level 2 until a downgrade 30 days after T, then Level 3 from that day: both superseded by the new grade.
    const current = await createGrade(db, mine, {
      level: 2,
      announcedOn: addDays(T, -365),
      endedOn: addDays(T, 30),
      endReason: "DOWNGRADED",
    });
    const following = await createGrade(db, mine, { level: 3, announcedOn: addDays(T, 30) });
    const application = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "PUBLIC_NOTICE",
      submittedOn: addDays(T, -40),
      announcedOn: T,
      today: T,
    });

    const { gradeId } = await announceApplication(
      callers.shanxi,
      { applicationId: application.id, announcementNo: "晋煤安标〔2026〕99号" },
      { db, today: T },
    );

    const grades = await db.grade.findMany({ where: { mineId: mine.id }, orderBy: { id: "asc" } });
    const byId = new Map(grades.map((g) => [g.id, g]));
    expect(isoDate(byId.get(current.id)!.endedOn!)).toBe(T);
    expect(byId.get(current.id)!.endReason).toBe("SUPERSEDED");
    expect(isoDate(byId.get(following.id)!.endedOn!)).toBe(following.announcedOn);
    expect(byId.get(following.id)!.endReason).toBe("SUPERSEDED");
    expect(byId.get(gradeId)).toMatchObject({ level: 2, endedOn: null });
    expect(isoDate(byId.get(gradeId)!.announcedOn)).toBe(T);
    expect(await overlaps(mine.id)).toEqual([]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Grade", entityId: String(gradeId) } });
    expect(audit.after).toMatchObject({ superseded: [current.id, following.id] });
  });
});
