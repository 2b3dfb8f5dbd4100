// The audit view: ADMIN reads everything; regulators read the rows of their jurisdiction only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import { auditFilterSchema, listAudit } from "@/lib/server/data/audit";
import { testDb } from "../support/db";

const db = testDb();
const callers: Record<string, Caller> = {};
const all = auditFilterSchema.parse({});

beforeAll(async () => {
  for (const name of ["admin", "nmsa", "shanxi", "datong", "official", "manager"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@demo.test` } });
    callers[name] = (await loadCaller(db, u.id))!;
  }
  // Rows in three places: Datong (Shanxi), elsewhere in Shanxi, Guizhou, and one with no region.
  await db.auditLog.createMany({
    data: [
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "a", regionCode: "140211" },
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "b", regionCode: "140105" },
      { actorId: callers.nmsa.id, action: "test.audit", entity: "Mine", entityId: "c", regionCode: "520201" },
      { actorId: callers.admin.id, action: "test.audit", entity: "User", entityId: "d", regionCode: "" },
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
    const result = await listAudit(callers.admin, { ...all, action: "test.audit", entity: "User" }, { db });
    expect(result?.items.map((r) => r.entityId)).toEqual(["d"]);
    const byActor = await listAudit(callers.admin, { ...all, action: "test.audit", actor: "ADMIN@demo" }, { db });
    expect(byActor?.items.map((r) => r.entityId)).toEqual(["d"]);
  });
});
