// The audit view: ADMIN reads everything; regulators read the rows of their jurisdiction only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/auth/scope";
import { auditFilterSchema, listAudit } from "@/lib/server/data/audit";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";

const db = testDb();
const callers: Record<string, Caller> = {};
const all = auditFilterSchema.parse({});

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
  // Rows in three places: Datong (Shanxi), elsewhere in Shanxi, Guizhou, and one with no region.
  await db.auditLog.createMany({
    data: [
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "a", regionCode: "140211" },
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "b", regionCode: "140105" },
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "c", regionCode: "520201" },
      { actorId: callers.admin.id, action: "test.audit", entity: "Grade", entityId: "d", regionCode: "" },
    ],
  });
});
afterAll(() => db.$disconnect());

async function regions(who: string) {
  const result = await listAudit(callers[who], { ...all, action: "test.audit" }, { db, pageSize: 100 });
  return result?.items.map((r) => r.regionCode).sort() ?? null;
}

describe("audit view scoping", () => {
  it("ADMIN and the national regulator read every row", async () => {
    expect(await regions("admin")).toEqual(["", "140105", "140211", "520201"]);
    expect(await regions("nmsa")).toEqual(["", "140105", "140211", "520201"]);
  });
  it("a provincial regulator reads its province", async () => {
    expect(await regions("shanxi")).toEqual(["140105", "140211"]);
  });
  it("a local regulator reads its prefecture", async () => {
    expect(await regions("datong")).toEqual(["140211"]);
  });
  it("officials and managers have no audit view", async () => {
    expect(await regions("official")).toBeNull();
    expect(await regions("manager")).toBeNull();
  });
  it("filters by record type and user", async () => {
    const result = await listAudit(callers.admin, { ...all, action: "test.audit", entity: "Grade" }, { db });
    expect(result?.items.map((r) => r.entityId)).toEqual(["d"]);
    const byActor = await listAudit(callers.admin, { ...all, action: "test.audit", actor: "ADMIN@demo" }, { db });
    expect(byActor?.items.map((r) => r.entityId)).toEqual(["d"]);
  });
});

describe("audit rows in words (issue 11, item 27)", () => {
  const action = "test.words";
  async function rowsFor(who: string) {
    const result = await listAudit(callers[who], { ...all, action }, { db, pageSize: 100 });
    return new Map(result!.items.map((r) => [`${r.entity}:${r.entityId}`, r]));
  }

  it("name who acted: a user, a member of the public for an objection, else the system", async () => {
    const county = "140211";
    await db.auditLog.createMany({
      data: [
        { actorId: null, action: "objection.lodge", entity: "Objection", entityId: "900001", regionCode: county },
        { actorId: null, action: "decision.propose", entity: "Decision", entityId: "900002", regionCode: county },
        {
          actorId: callers.datong.id,
          action: "accident.record",
          entity: "Accident",
          entityId: "900003",
          regionCode: county,
        },
      ],
    });
    const result = await listAudit(callers.admin, { ...all, action: "" }, { db, pageSize: 3 });
    const byAction = new Map(result!.items.map((r) => [r.action, r.actor]));
    expect(byAction.get("objection.lodge")).toEqual({ kind: "PUBLIC" });
    expect(byAction.get("decision.propose")).toEqual({ kind: "SYSTEM" });
    expect(byAction.get("accident.record")).toEqual({
      kind: "USER",
      name: callers.datong.name,
      email: callers.datong.email,
    });
  });

  it("link each row to its record and name its region from the province down", async () => {
    const check = await db.spotCheck.findFirstOrThrow({
      where: { status: "COMPLETED", findings: { some: {} } },
      orderBy: { id: "asc" },
      select: {
        id: true,
        mine: { select: { code: true, countyCode: true } },
        findings: { select: { id: true }, take: 1 },
      },
    });
    const app = await db.gradeApplication.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    const grade = await db.grade.findFirstOrThrow({
      orderBy: { id: "asc" },
      select: { id: true, mine: { select: { code: true } } },
    });
    const reply = await db.reply.create({
      data: { authorId: callers.manager.id, findingId: check.findings[0].id, text: "audit link test" },
    });
    const region = check.mine.countyCode;
    await db.auditLog.createMany({
      data: [
        { actorId: callers.nmsa.id, action, entity: "SpotCheck", entityId: String(check.id), regionCode: region },
        { actorId: callers.nmsa.id, action, entity: "GradeApplication", entityId: String(app.id), regionCode: region },
        { actorId: callers.nmsa.id, action, entity: "Grade", entityId: String(grade.id), regionCode: region },
        { actorId: callers.manager.id, action, entity: "Reply", entityId: String(reply.id), regionCode: region },
        { actorId: callers.nmsa.id, action, entity: "SpotCheckImport", entityId: "1-9", regionCode: "" },
      ],
    });
    const rows = await rowsFor("admin");
    const spotCheckPage = `/mines/${check.mine.code}/spot-checks/${check.id}`;
    expect(rows.get(`SpotCheck:${check.id}`)!.href).toBe(spotCheckPage);
    expect(rows.get(`GradeApplication:${app.id}`)!.href).toBe(`/applications/${app.id}`);
    expect(rows.get(`Grade:${grade.id}`)!.href).toBe(`/mines/${grade.mine.code}`);
    expect(rows.get(`Reply:${reply.id}`)!.href).toBe(spotCheckPage);
    expect(rows.get("SpotCheckImport:1-9")!.href).toBeNull();

    const county = await db.region.findUniqueOrThrow({
      where: { code: region },
      select: { nameZh: true, parent: { select: { nameZh: true, parent: { select: { nameZh: true } } } } },
    });
    const names = rows.get(`SpotCheck:${check.id}`)!.region;
    expect(names.map((n) => n.nameZh)).toEqual([county.parent!.parent!.nameZh, county.parent!.nameZh, county.nameZh]);
    expect(names.every((n) => n.nameEn)).toBe(true);
    expect(rows.get("SpotCheckImport:1-9")!.region).toEqual([]);
  });

  it("filter by a known record type only; anything else lists every type", () => {
    expect(auditFilterSchema.parse({ entity: "SpotCheck" }).entity).toBe("SpotCheck");
    expect(auditFilterSchema.parse({ entity: "spotcheck" }).entity).toBeUndefined();
    expect(auditFilterSchema.parse({ entity: "User; DROP TABLE" }).entity).toBeUndefined();
  });
});
