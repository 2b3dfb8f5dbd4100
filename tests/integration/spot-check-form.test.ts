// Issue 11, item 17: a spot-check form with several problems gets all of them in one round. The
// schema's (an empty team) and those only the rule version and the mine can tell (a score of 150, a
// missing score, a date in the future) are reported together, by the service and for a form the
// schema refused alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { elementsFor } from "@/lib/domain/rules";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { ruleSetOn } from "@/lib/server/data/rules";
import { ServiceError } from "@/lib/server/errors";
import { recordSpotCheck, spotCheckFormProblems } from "@/lib/server/services/record-spot-check";
import { parseForm } from "@/lib/validation/form-errors";
import { spotCheckSchema } from "@/lib/validation/spot-check";
import { testDb } from "../support/db";
import { demoCallers, type DemoAccount } from "../support/demo-callers";
import { createMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
let callers: Record<DemoAccount, Caller>;
let codes: string[] = [];
let mine: { code: string };
let outsideDatong: { code: string };

beforeAll(async () => {
  callers = await demoCallers(db);
  const { rules } = (await ruleSetOn(today, { db }))!;
  codes = elementsFor(rules, "UNDERGROUND").map((e) => e.code);
  // A Datong mine, and one in Shanxi outside Datong (Taiyuan's 小店区).
  mine = await createMine(db);
  outsideDatong = await createMine(db, { countyCode: "140105" });
});
afterAll(() => db.$disconnect());

/** A sheet of 90s with the first score 150 and the second left out. */
function sheet(): Record<string, number> {
  const scores = Object.fromEntries(codes.map((c) => [c, 90]));
  scores[codes[0]] = 150;
  delete scores[codes[1]];
  return scores;
}

function form(extra: Record<string, unknown> = {}) {
  return {
    mineCode: mine.code,
    checkedOn: today,
    type: "ROUTINE",
    team: "",
    scores: sheet(),
    findings: [{ elementCode: "X99", text: "Log incomplete", severity: "GENERAL", rectifyBy: addDays(today, -1) }],
    majorHiddenDangers: [],
    conclusion: "GRADE_MAINTAINED",
    ...extra,
  };
}

describe("a spot-check form with several problems", () => {
  it("gets the schema's and the sheet's problems together", async () => {
    const raw = form({ checkedOn: today });
    const parsed = parseForm(spotCheckSchema, raw);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    // The schema alone sees only the team.
    expect(parsed.fieldErrors).toEqual({ team: "required" });
    expect(await spotCheckFormProblems(callers.shanxi, raw, { db })).toEqual({
      [`scores.${codes[0]}`]: "score_OUT_OF_RANGE",
      [`scores.${codes[1]}`]: "score_MISSING",
      "findings.0.elementCode": "unknownElement",
      "findings.0.rectifyBy": "rectifyBeforeCheck",
    });
  });

  it("a date in the future is reported with the scores, not instead of them", async () => {
    const raw = form({ checkedOn: addDays(today, 2) });
    expect(await spotCheckFormProblems(callers.shanxi, raw, { db })).toMatchObject({
      checkedOn: "dateInFuture",
      [`scores.${codes[0]}`]: "score_OUT_OF_RANGE",
      [`scores.${codes[1]}`]: "score_MISSING",
    });
    // The service, given input the schema accepted, reports them in one round too.
    const input = spotCheckSchema.parse({ ...raw, team: "Team", findings: [] });
    const before = await db.spotCheck.count();
    const error = await recordSpotCheck(callers.shanxi, input, { db }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).fieldErrors).toEqual({
      checkedOn: "dateInFuture",
      [`scores.${codes[0]}`]: "score_OUT_OF_RANGE",
      [`scores.${codes[1]}`]: "score_MISSING",
    });
    expect(await db.spotCheck.count()).toBe(before);
  });

  it("tells nothing about a mine the caller may not record spot-checks on", async () => {
    // Out of the Datong regulator's scope, and a role that records none: only what the date says.
    const outside = form({ mineCode: outsideDatong.code, checkedOn: addDays(today, 2) });
    expect(await spotCheckFormProblems(callers.datong, outside, { db })).toEqual({ checkedOn: "dateInFuture" });
    expect(await spotCheckFormProblems(callers.official, form(), { db })).toEqual({});
  });

  it("reads what it can of a form that is not one", async () => {
    for (const raw of [null, "x", [], { scores: "x", findings: "y", checkedOn: 5, mineCode: "\u0000" }])
      expect(await spotCheckFormProblems(callers.shanxi, raw, { db })).toEqual({});
  });
});
