// The registry opened from a dashboard (issue 11, item 25) lists the mines as of the dashboard's
// date: grades in force and production status on that day, and only mines that existed then; without
// the date it lists them as of today.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/auth/scope";
import { searchMines } from "@/lib/server/data/mines";
import { parseMineSearch } from "@/lib/validation/mine-search";
import { testDb } from "../support/db";
import { createGrade, createMine, createUser, type TestMine } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const AS_OF = "2020-12-31";
let caller: Caller;
let stopped: TestMine;
let younger: TestMine;

beforeAll(async () => {
  // Producing and graded at Level 2 in 2020; stopped since 2021-07-01 and its grade expired in 2022.
  stopped = await createMine(db, {
    periods: [
      { status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: "2021-07-01" },
      { status: "STOPPED", startedOn: "2021-07-01" },
    ],
  });
  await createGrade(db, stopped, { level: 2, announcedOn: "2019-06-01", validUntil: "2022-06-01" });
  // Opened in 2023: not a mine of 2020.
  younger = await createMine(db, { periods: [{ status: "NORMAL_PRODUCTION", startedOn: "2023-03-01" }] });
  caller = await createUser(db, "NATIONAL_REGULATOR");
});

const search = (query: Record<string, string>) =>
  searchMines(caller, parseMineSearch({ region: stopped.countyCode, pageSize: "100", ...query }), { db });
const codes = (r: Awaited<ReturnType<typeof search>>) => r.items.map((m) => m.code);

describe("the registry as of a dashboard's date", () => {
  it("shows the grade and the production status of that day", async () => {
    const then = (await search({ asOf: AS_OF, year: "2020", q: stopped.code })).items;
    expect(then).toHaveLength(1);
    expect(then[0]).toMatchObject({ status: "NORMAL_PRODUCTION", currentGrade: { level: 2 } });

    const now = (await search({ q: stopped.code })).items;
    expect(now[0]).toMatchObject({ status: "STOPPED", currentGrade: null });
  });

  // Each search names the mine (q): other files add mines to the same county, past one page.
  it("filters by the grade and the status of that day", async () => {
    const q = stopped.code;
    expect(codes(await search({ asOf: AS_OF, grade: "2", q }))).toContain(stopped.code);
    expect(codes(await search({ grade: "2", q }))).not.toContain(stopped.code);
    expect(codes(await search({ asOf: AS_OF, status: "NORMAL_PRODUCTION", q }))).toContain(stopped.code);
    expect(codes(await search({ asOf: AS_OF, status: "STOPPED", q }))).not.toContain(stopped.code);
    expect(codes(await search({ status: "STOPPED", q }))).toContain(stopped.code);
  });

  it("lists only mines that existed on that day", async () => {
    expect(codes(await search({ asOf: AS_OF, q: younger.code }))).not.toContain(younger.code);
    expect(codes(await search({ q: younger.code }))).toContain(younger.code);
  });

  it("ignores a malformed date or year", () => {
    expect(parseMineSearch({ asOf: "2020-13-01", year: "20x0" })).toMatchObject({ asOf: undefined, year: undefined });
    expect(parseMineSearch({ asOf: AS_OF, year: "2020" })).toMatchObject({ asOf: AS_OF, year: 2020 });
  });
});
