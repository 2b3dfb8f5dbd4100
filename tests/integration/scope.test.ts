// Every read of mines is scoped by role and jurisdiction in the data layer (product.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Caller } from "@/lib/server/auth/scope";
import { getMineProfile, searchMines } from "@/lib/server/data/mines";
import { parseMineSearch } from "@/lib/validation/mine-search";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createMine } from "../support/factories";

const db = testDb();
const all = parseMineSearch({ pageSize: "100" });
const callers: Record<string, Caller> = {};
let totals: { all: number; shanxi: number; datong: number };
let shanxiMine: string;
let datongMine: string;
let guizhouMine: string;

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
  // One mine of each place the scopes tell apart; counted with the rest below.
  shanxiMine = (await createMine(db, { countyCode: "140525" })).code;
  datongMine = (await createMine(db, { countyCode: "140226" })).code;
  guizhouMine = (await createMine(db, { countyCode: "520281" })).code;
  totals = {
    all: await db.mine.count(),
    shanxi: await db.mine.count({ where: { provinceCode: "14" } }),
    datong: await db.mine.count({ where: { prefectureCode: "1402" } }),
  };
});

afterAll(() => db.$disconnect());

describe("demo accounts", () => {
  it("have the roles and jurisdictions of product.md", () => {
    const summary = Object.fromEntries(Object.entries(callers).map(([k, c]) => [k, `${c.role}:${c.jurisdiction}`]));
    expect(summary).toEqual({
      admin: "ADMIN:",
      nmsa: "NATIONAL_REGULATOR:",
      shanxi: "PROVINCIAL_REGULATOR:14",
      datong: "LOCAL_REGULATOR:1402",
      official: "OFFICIAL:",
      // A manager is scoped by its mine; its jurisdiction records the mine's county.
      manager: "MINE_MANAGER:140226",
    });
    expect(callers.manager.mineId).not.toBeNull();
  });
});

describe("registry scoping", () => {
  it.each(["admin", "nmsa", "official"])("%s reads every mine", async (who) => {
    const result = await searchMines(callers[who], all, { db });
    expect(result.total).toBe(totals.all);
    expect(totals.all).toBeGreaterThan(4000);
  });

  it("the provincial regulator reads Shanxi mines only", async () => {
    const result = await searchMines(callers.shanxi, all, { db });
    expect(result.total).toBe(totals.shanxi);
    expect(result.total).toBeLessThan(totals.all);
    expect(result.items.every((m) => m.countyCode.startsWith("14"))).toBe(true);
    // Asking for another province inside the filter still returns nothing outside Shanxi.
    const guizhou = await searchMines(callers.shanxi, parseMineSearch({ region: "52" }), { db });
    expect(guizhou.total).toBe(0);
  });

  it("the local regulator reads its prefecture only", async () => {
    const result = await searchMines(callers.datong, all, { db });
    expect(result.total).toBe(totals.datong);
    expect(result.total).toBeGreaterThan(0);
    expect(result.items.every((m) => m.countyCode.startsWith("1402"))).toBe(true);
  });

  it("the mine manager reads exactly its own mine", async () => {
    const result = await searchMines(callers.manager, all, { db });
    expect(result.total).toBe(1);
    expect(result.items.map((m) => m.id)).toEqual([callers.manager.mineId]);
  });

  it("a manager without a mine reads nothing", async () => {
    const orphan: Caller = { ...callers.manager, mineId: null };
    expect((await searchMines(orphan, all, { db })).total).toBe(0);
  });

  it("an official scoped to a province reads that province only", async () => {
    const guizhouOfficial: Caller = { ...callers.official, jurisdiction: "52" };
    const result = await searchMines(guizhouOfficial, all, { db });
    expect(result.total).toBe(await db.mine.count({ where: { provinceCode: "52" } }));
    expect(result.items.every((m) => m.countyCode.startsWith("52"))).toBe(true);
  });
});

describe("profile scoping", () => {
  const cases: [string, () => string, boolean][] = [
    ["nmsa", () => guizhouMine, true],
    ["admin", () => guizhouMine, true],
    ["official", () => guizhouMine, true],
    ["shanxi", () => shanxiMine, true],
    ["shanxi", () => guizhouMine, false],
    ["datong", () => datongMine, true],
    ["datong", () => shanxiMine, false],
    ["manager", () => shanxiMine, false],
    ["manager", () => guizhouMine, false],
  ];
  it.each(cases)("%s reading a mine: visible=%s", async (who, code, visible) => {
    const profile = await getMineProfile(callers[who], code(), { db });
    expect(profile !== null).toBe(visible);
  });

  it("the manager reads its own mine's profile with its grade history", async () => {
    const own = await db.mine.findUniqueOrThrow({ where: { id: callers.manager.mineId! } });
    const profile = await getMineProfile(callers.manager, own.code, { db });
    expect(profile?.mine.id).toBe(own.id);
    expect(profile?.mine.grades.length).toBeGreaterThan(0);
    expect(profile?.currentGrade?.level).toBe(1);
    // Managers see final decisions only, never proposals.
    expect(profile?.mine.decisions.every((d) => d.status === "CONFIRMED")).toBe(true);
  });

  it("an unknown role-less caller reads nothing", async () => {
    const stranger: Caller = {
      id: 0,
      email: "x@y",
      name: "x",
      role: "MINE_MANAGER" as Role,
      jurisdiction: "",
      mineId: null,
    };
    expect(await getMineProfile(stranger, shanxiMine, { db })).toBeNull();
  });
});
