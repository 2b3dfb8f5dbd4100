// The public register's data and GET /api/public/v1/grades, called through its route handler.
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET as grades } from "@/app/api/public/v1/grades/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import { inForceOn } from "@/lib/server/grade-in-force";
import { listFinalDecisions, publicMine } from "@/lib/server/data/public-register";
import { testDb } from "../support/db";
import { createAccident, createDecision, createGrade, createMine, createSpotCheck } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());
const today = todayInChina();

async function call(query: string) {
  const response = await grades(new NextRequest(`http://localhost/api/public/v1/grades${query}`));
  return { status: response.status, body: await response.json() };
}

const FIELDS = ["announcedOn", "level", "mineCode", "mineName", "regionCode", "validUntil"];

describe("GET /api/public/v1/grades", () => {
  it("returns only announced, currently valid grades, with the documented fields and nothing else", async () => {
    const { status, body } = await call("?pageSize=200");
    expect(status).toBe(200);
    expect(body.total).toBe(await db.grade.count({ where: inForceOn(today) }));
    expect(body.items).toHaveLength(200);
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(FIELDS);
      // validUntil is the last day of validity, inclusive (the OpenAPI schema says so).
      expect(item.announcedOn <= today && today <= item.validUntil).toBe(true);
    }
    // Each returned grade is in force today and not ended by a decision.
    const codes = body.items.map((i: { mineCode: string }) => i.mineCode);
    const inForce = await db.grade.count({ where: { ...inForceOn(today), mine: { code: { in: codes } } } });
    expect(inForce).toBe(codes.length);
  });

  it("never returns a grade that ended, expired or is not yet announced", async () => {
    const mine = await createMine(db);
    // Expired, ended early by a decision, in force; and, at another mine, one announced for tomorrow.
    await createGrade(db, mine, { level: 3, announcedOn: addDays(today, -2000), validUntil: addDays(today, -900) });
    const graded = await createGrade(db, mine, { level: 1, announcedOn: addDays(today, -800) });
    const downgrade = await createDecision(db, mine, graded, {
      type: "DOWNGRADE",
      reason: "FATAL_ACCIDENT",
      status: "CONFIRMED",
      toLevel: 2,
      proposedOn: addDays(today, -400),
    });
    const { body } = await call(`?q=${mine.code}&pageSize=200`);
    expect(body.items).toEqual([
      expect.objectContaining({ mineCode: mine.code, level: 2, announcedOn: downgrade.startedGrade!.announcedOn }),
    ]);

    const future = await createMine(db);
    await createGrade(db, future, { level: 1, announcedOn: addDays(today, 1) });
    expect((await call(`?q=${future.code}`)).body).toMatchObject({ total: 0, items: [] });

    const ungraded = await createMine(db);
    await createGrade(db, ungraded, { level: 2, announcedOn: addDays(today, -1500), validUntil: today });
    expect((await call(`?q=${ungraded.code}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it("gives a grade's last day of validity as validUntil: the day before the first day it no longer holds", async () => {
    const mine = await createMine(db);
    await createGrade(db, mine, { level: 2, announcedOn: addDays(today, -1000), validUntil: addDays(today, 1) });
    const { body } = await call(`?q=${mine.code}`);
    expect(body.items).toEqual([expect.objectContaining({ mineCode: mine.code, validUntil: today })]);
    const doc = await (await openapi(new NextRequest("http://localhost/api/openapi.json"))).json();
    const item =
      doc.paths["/api/public/v1/grades"].get.responses["200"].content["application/json"].schema.properties.items.items;
    expect(item.properties.validUntil.description).toMatch(/last day .* valid \(inclusive\)/);
  });

  it("filters by province, level and name or code, and pages", async () => {
    const { body } = await call("?province=14&level=1&pageSize=50");
    expect(body.total).toBe(await db.grade.count({ where: { ...inForceOn(today, 1), mine: { provinceCode: "14" } } }));
    expect(
      body.items.every((i: { regionCode: string; level: number }) => i.regionCode.startsWith("14") && i.level === 1),
    ).toBe(true);
    const page2 = await call("?province=14&level=1&pageSize=50&page=2");
    expect(page2.body.items[0]?.mineCode).not.toBe(body.items[0]?.mineCode);
    const one = body.items[0];
    const byCode = await call(`?q=${one.mineCode}`);
    expect(byCode.body.items.map((i: { mineCode: string }) => i.mineCode)).toContain(one.mineCode);
  });

  it.each([
    ["?level=4", "level"],
    ["?level=one", "level"],
    ["?pageSize=201", "pageSize"],
    ["?page=0", "page"],
    ["?province=1a", "province"],
    ["?color=red", "color"],
    ["?level=1&level=2", "level"],
  ])("answers 400 with a reason for %s", async (query, param) => {
    const { status, body } = await call(query);
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_parameters");
    expect(body.issues.map((i: { param: string }) => i.param)).toContain(param);
    expect(body.issues[0].message.length).toBeGreaterThan(3);
  });
});

describe("public register data", () => {
  it("final decisions are confirmed ones only", async () => {
    const result = await listFinalDecisions({ page: 1, pageSize: 10_000 }, { db });
    expect(result.total).toBe(await db.decision.count({ where: { status: "CONFIRMED" } }));
    expect(result.items.every((d) => d.number !== null && d.effectiveOn !== null)).toBe(true);
  });

  it("a mine with no announced grade and no final decision has no public page", async () => {
    const hidden = await createMine(db);
    await createSpotCheck(db, hidden, { checkedOn: addDays(today, -30), level: 2 });
    expect(await publicMine(hidden.code, { db })).toBeNull();
    const graded = await createMine(db);
    await createGrade(db, graded, { level: 2, announcedOn: addDays(today, -30) });
    expect((await publicMine(graded.code, { db }))?.mine.code).toBe(graded.code);
  });

  it("a mine's public page carries no private field", async () => {
    const mine = await createMine(db);
    const grade = await createGrade(db, mine, { level: 1, announcedOn: addDays(today, -700) });
    await createSpotCheck(db, mine, { checkedOn: addDays(today, -300), level: 1, findings: [{}] });
    await createAccident(db, mine, { occurredOn: addDays(today, -250), deaths: 2 });
    for (const status of ["PROPOSED", "WITHDRAWN"] as const)
      await createDecision(db, mine, grade, {
        type: "REVOCATION",
        reason: "FALSIFICATION",
        status,
        proposedOn: addDays(today, -240),
      });
    await createDecision(db, mine, grade, {
      type: "DOWNGRADE",
      reason: "FATAL_ACCIDENT",
      status: "CONFIRMED",
      proposedOn: addDays(today, -240),
      effectiveOn: addDays(today, -200),
      evidence: { accidentId: 1, deaths: 2 },
    });
    const page = await publicMine(mine.code, { db });
    expect(page!.mine.decisions).toHaveLength(1);
    const keys = Object.keys(page!.mine).sort();
    expect(keys).toEqual([
      "code",
      "county",
      "countyCode",
      "decisions",
      "enterprise",
      "grades",
      "name",
      "nameEn",
      "type",
    ]);
    expect(JSON.stringify(page)).not.toMatch(
      /"(deaths|findings|scores|team|evidence|triggerKey|passwordHash)"|PROPOSED|WITHDRAWN/,
    );
  });
});

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document naming the public fields", async () => {
    const doc = await (await openapi(new NextRequest("http://localhost/api/openapi.json"))).json();
    expect(doc.openapi).toBe("3.1.0");
    const item =
      doc.paths["/api/public/v1/grades"].get.responses["200"].content["application/json"].schema.properties.items.items;
    expect(Object.keys(item.properties).sort()).toEqual(FIELDS);
    expect(doc.paths["/api/v1/metrics"].get.responses["403"]).toBeDefined();
  });
});
