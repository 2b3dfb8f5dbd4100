import { addWorkingDays } from "@/lib/domain/working-days";
import { describe, expect, it } from "vitest";
import {
  announceBlocker,
  APPLICATION_STATES,
  applyProblem,
  assessmentOutcome,
  availableActs,
  gradeValidUntil,
  gradingBody,
  handlingLevel,
  mayAct,
  nextState,
  noticeOpenOn,
  noticePeriod,
  resultLevel,
  reviewingBody,
  STEPS,
  type Actor,
  type ApplicationState,
  type GradingConfig,
  type Step,
} from "@/lib/domain/application-workflow";
import { AUTHORITY_CONFIG_ROWS, NATIONAL_AUTHORITY_DEFAULTS } from "@/lib/domain/authority-config-data";
import { type LevelAuthority } from "@/lib/domain/authority-config";
import { computeGrade } from "@/lib/domain/grading";
import { ruleVersionOn, RULE_VERSIONS } from "@/lib/domain/rule-data";
import { elementsFor, type Level } from "@/lib/domain/rules";

const mine = { provinceCode: "14", prefectureCode: "1402", countyCode: "140211" };
/** The shipped configuration: national defaults, and Shanxi without Level 3. */
const shanxiConfig: GradingConfig = AUTHORITY_CONFIG_ROWS;
/** A configuration with one row changed (the national default of `level`, or a province's row). */
function withRow(level: number, change: Partial<LevelAuthority>): GradingConfig {
  const base = NATIONAL_AUTHORITY_DEFAULTS.find((r) => r.level === level)!;
  const others = shanxiConfig.filter((r) => !(r.provinceCode === "14" && r.level === level));
  return [...others, { ...base, provinceCode: "14", ...change }];
}

const nmsa: Actor = { role: "NATIONAL_REGULATOR", jurisdiction: "", mineId: null };
const shanxi: Actor = { role: "PROVINCIAL_REGULATOR", jurisdiction: "14", mineId: null };
const guizhou: Actor = { role: "PROVINCIAL_REGULATOR", jurisdiction: "52", mineId: null };
const datong: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "1402", mineId: null };
const datongCounty: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "140211", mineId: null };
const manager: Actor = { role: "MINE_MANAGER", jurisdiction: "140211", mineId: 7 };
const otherManager: Actor = { role: "MINE_MANAGER", jurisdiction: "140211", mineId: 8 };
const official: Actor = { role: "OFFICIAL", jurisdiction: "", mineId: null };
const admin: Actor = { role: "ADMIN", jurisdiction: "", mineId: null };
const everyone = { nmsa, shanxi, guizhou, datong, datongCounty, manager, otherManager, official, admin };

function who(
  act: Parameters<typeof mayAct>[1],
  state: ApplicationState,
  level: Level,
  config = shanxiConfig,
  resultLevel: number | null = null,
) {
  return Object.entries(everyone)
    .filter(([, a]) => mayAct(a, act, { state, appliedLevel: level, resultLevel, mineId: 7 }, mine, config))
    .map(([name]) => name);
}

describe("state machine", () => {
  const table: [ApplicationState, Step, ApplicationState | null][] = [
    ["DRAFT", "SUBMIT", "SUBMITTED"],
    ["SUBMITTED", "PASS_REVIEW", "INITIAL_REVIEW_PASSED"],
    ["INITIAL_REVIEW_PASSED", "ASSESS", "ASSESSED"],
    ["ASSESSED", "START_NOTICE", "PUBLIC_NOTICE"],
    ["PUBLIC_NOTICE", "ANNOUNCE", "ANNOUNCED"],
    ["SUBMITTED", "REJECT", "REJECTED"],
    ["INITIAL_REVIEW_PASSED", "REJECT", "REJECTED"],
    ["ASSESSED", "REJECT", "REJECTED"],
    ["PUBLIC_NOTICE", "REJECT", "REJECTED"],
    ["DRAFT", "WITHDRAW", "WITHDRAWN"],
    ["SUBMITTED", "WITHDRAW", "WITHDRAWN"],
    ["INITIAL_REVIEW_PASSED", "WITHDRAW", "WITHDRAWN"],
    ["ASSESSED", "WITHDRAW", "WITHDRAWN"],
  ];
  it.each(table)("%s --%s--> %s", (from, step, to) => {
    expect(nextState(from, step)).toBe(to);
  });

  it("allows nothing else: no skipping, no going back, nothing after the end", () => {
    const allowed = new Set(table.map(([from, step]) => `${from}:${step}`));
    for (const from of APPLICATION_STATES)
      for (const step of Object.keys(STEPS) as Step[])
        if (!allowed.has(`${from}:${step}`)) expect(nextState(from, step), `${from} ${step}`).toBeNull();
  });

  it("the manager cannot withdraw once the public notice has started", () => {
    expect(nextState("PUBLIC_NOTICE", "WITHDRAW")).toBeNull();
    expect(nextState("ANNOUNCED", "REJECT")).toBeNull();
    expect(nextState("REJECTED", "PASS_REVIEW")).toBeNull();
    expect(nextState("WITHDRAWN", "SUBMIT")).toBeNull();
  });
});

describe("who acts", () => {
  it("Level 1: the province reviews, NMSA assesses, notices, resolves objections and announces", () => {
    expect(reviewingBody(1, mine, shanxiConfig)).toEqual({ kind: "PROVINCIAL", regionCode: "14" });
    expect(gradingBody(1, mine, shanxiConfig)).toEqual({ kind: "NATIONAL", regionCode: "" });
    expect(who("PASS_REVIEW", "SUBMITTED", 1)).toEqual(["shanxi"]);
    expect(who("REJECT", "SUBMITTED", 1)).toEqual(["shanxi"]);
    expect(who("ASSESS", "INITIAL_REVIEW_PASSED", 1)).toEqual(["nmsa"]);
    expect(who("REJECT", "INITIAL_REVIEW_PASSED", 1)).toEqual(["nmsa"]);
    expect(who("START_NOTICE", "ASSESSED", 1)).toEqual(["nmsa"]);
    expect(who("RESOLVE_OBJECTION", "PUBLIC_NOTICE", 1)).toEqual(["nmsa"]);
    expect(who("ANNOUNCE", "PUBLIC_NOTICE", 1)).toEqual(["nmsa"]);
    expect(who("REJECT", "PUBLIC_NOTICE", 1)).toEqual(["nmsa"]);
  });

  it("Levels 2 and 3: the reviewer sits one tier below the grader (national defaults)", () => {
    expect(reviewingBody(2, mine, shanxiConfig)).toEqual({ kind: "PREFECTURE", regionCode: "1402" });
    expect(gradingBody(2, mine, shanxiConfig)).toEqual({ kind: "PROVINCIAL", regionCode: "14" });
    expect(who("PASS_REVIEW", "SUBMITTED", 2)).toEqual(["datong"]);
    expect(who("REJECT", "SUBMITTED", 2)).toEqual(["datong"]);
    for (const act of ["ASSESS", "START_NOTICE", "ANNOUNCE", "RESOLVE_OBJECTION"] as const)
      expect(who(act, "SUBMITTED", 2), act).toEqual(["shanxi"]);
    expect(reviewingBody(3, mine, shanxiConfig)).toEqual({ kind: "COUNTY", regionCode: "140211" });
    expect(gradingBody(3, mine, shanxiConfig)).toEqual({ kind: "PREFECTURE", regionCode: "1402" });
    expect(who("PASS_REVIEW", "SUBMITTED", 3)).toEqual(["datongCounty"]);
    expect(who("ASSESS", "INITIAL_REVIEW_PASSED", 3)).toEqual(["datong"]);
  });

  it("a province's row replaces the national default; without any row nobody acts", () => {
    expect(who("ASSESS", "INITIAL_REVIEW_PASSED", 3, withRow(3, { graderKind: "COUNTY" }))).toEqual(["datongCounty"]);
    expect(who("ASSESS", "INITIAL_REVIEW_PASSED", 2, withRow(2, { graderKind: "NATIONAL" }))).toEqual(["nmsa"]);
    expect(who("PASS_REVIEW", "SUBMITTED", 2, withRow(2, { reviewerKind: "PROVINCIAL" }))).toEqual(["shanxi"]);
    expect(who("PASS_REVIEW", "SUBMITTED", 1, withRow(1, { reviewerKind: "PREFECTURE" }))).toEqual(["datong"]);
    // Another province's row does not apply here.
    expect(
      who("ASSESS", "INITIAL_REVIEW_PASSED", 2, [
        ...shanxiConfig,
        { ...NATIONAL_AUTHORITY_DEFAULTS[1], provinceCode: "52", graderKind: "NATIONAL" },
      ]),
    ).toEqual(["shanxi"]);
    expect(who("ASSESS", "INITIAL_REVIEW_PASSED", 2, [])).toEqual([]);
    expect(reviewingBody(2, mine, [])).toBeNull();
  });

  it("a failed application goes to the body that grades the level reached", () => {
    // NMSA assessed a Level 1 application at Level 2: the province (Level 2's grader) takes it on.
    for (const act of ["START_NOTICE", "ANNOUNCE", "RESOLVE_OBJECTION"] as const)
      expect(who(act, "ASSESSED", 1, shanxiConfig, 2), act).toEqual(["shanxi"]);
    expect(who("REJECT", "ASSESSED", 1, shanxiConfig, 2)).toEqual(["shanxi"]);
    expect(who("START_NOTICE", "ASSESSED", 1, shanxiConfig, 1)).toEqual(["nmsa"]);
    expect(handlingLevel({ appliedLevel: 2, resultLevel: 3 }, mine, shanxiConfig)).toBe(3);
    expect(handlingLevel({ appliedLevel: 2, resultLevel: null }, mine, shanxiConfig)).toBe(2);
    // SAME_GRADER keeps it with the applied level's body.
    expect(who("START_NOTICE", "ASSESSED", 1, withRow(1, { failedRoute: "SAME_GRADER" }), 2)).toEqual(["nmsa"]);
  });

  it("only the mine's own manager submits and withdraws", () => {
    expect(who("WITHDRAW", "SUBMITTED", 1)).toEqual(["manager"]);
    expect(who("SUBMIT", "DRAFT", 2)).toEqual(["manager"]);
  });

  it("lists what the caller may do now", () => {
    const app = {
      state: "PUBLIC_NOTICE" as const,
      appliedLevel: 1 as Level,
      mineId: 7,
      noticeEndsOn: "2026-03-06",
      openObjections: 1,
    };
    expect(availableActs(nmsa, app, mine, shanxiConfig, "2026-03-06")).toEqual(["REJECT", "RESOLVE_OBJECTION"]);
    expect(availableActs(nmsa, { ...app, openObjections: 0 }, mine, shanxiConfig, "2026-03-07")).toEqual([
      "REJECT",
      "ANNOUNCE",
    ]);
    expect(availableActs(shanxi, app, mine, shanxiConfig, "2026-03-07")).toEqual([]);
    expect(availableActs(manager, { ...app, state: "ASSESSED" }, mine, shanxiConfig, "2026-03-07")).toEqual([
      "WITHDRAW",
    ]);
    expect(availableActs(shanxi, { ...app, state: "SUBMITTED" }, mine, shanxiConfig, "2026-03-07")).toEqual([
      "PASS_REVIEW",
      "REJECT",
    ]);
  });
});

describe("applying", () => {
  const base = {
    appliedLevel: 1 as Level,
    today: "2026-01-10",
    hasOpenApplication: false,
    currentGrade: null,
    selfAssessedLevel: 1 as Level,
  };
  it("one application at a time", () => {
    expect(applyProblem({ ...base, hasOpenApplication: true })).toBe("OPEN_APPLICATION");
    expect(applyProblem(base)).toBeNull();
  });
  it("a graded mine may apply for a better level any time, for the same or worse only within 6 months of the end", () => {
    const l2 = { level: 2 as Level, endsOn: "2028-01-01" };
    expect(applyProblem({ ...base, currentGrade: l2 })).toBeNull();
    expect(applyProblem({ ...base, appliedLevel: 2, selfAssessedLevel: 2, currentGrade: l2 })).toBe("ALREADY_GRADED");
    expect(applyProblem({ ...base, appliedLevel: 3, selfAssessedLevel: 2, currentGrade: l2 })).toBe("ALREADY_GRADED");
    expect(
      applyProblem({
        ...base,
        appliedLevel: 2,
        selfAssessedLevel: 2,
        currentGrade: { level: 2, endsOn: "2026-07-10" },
      }),
    ).toBeNull();
    expect(
      applyProblem({
        ...base,
        appliedLevel: 2,
        selfAssessedLevel: 2,
        currentGrade: { level: 2, endsOn: "2026-07-11" },
      }),
    ).toBe("ALREADY_GRADED");
  });
  it("the self-assessment must reach the level applied for", () => {
    expect(applyProblem({ ...base, selfAssessedLevel: 2 })).toBe("SELF_ASSESSMENT_BELOW_LEVEL");
    expect(applyProblem({ ...base, selfAssessedLevel: null })).toBe("SELF_ASSESSMENT_BELOW_LEVEL");
    expect(applyProblem({ ...base, appliedLevel: 3, selfAssessedLevel: 1 })).toBeNull();
  });
});

describe("result level", () => {
  it("is the engine's level capped at the level applied for", () => {
    expect(resultLevel(1, 1)).toBe(1);
    expect(resultLevel(1, 2)).toBe(2);
    expect(resultLevel(1, 3)).toBe(3);
    expect(resultLevel(2, 3)).toBe(3);
  });
  it("a mine that misses the level applied for gets the level its scores reach", () => {
    expect(resultLevel(2, 1)).toBe(2);
    expect(resultLevel(3, 1)).toBe(3);
    expect(resultLevel(3, 2)).toBe(3);
  });
  it("only a level the province grants; a missed level is rejected where the province says so", () => {
    const shanxiPlace = { mine, config: shanxiConfig, grantedLevels: [1, 2] as Level[] };
    expect(assessmentOutcome(3, 2, shanxiPlace)).toEqual({ state: "REJECTED", reason: "NO_LEVEL_REACHED" });
    expect(assessmentOutcome(2, 1, shanxiPlace)).toEqual({ state: "ASSESSED", resultLevel: 2 });
    expect(assessmentOutcome(3, 3, { ...shanxiPlace, grantedLevels: [1, 2, 3] })).toEqual({
      state: "ASSESSED",
      resultLevel: 3,
    });
    const rejecting = { ...shanxiPlace, config: withRow(1, { failedRoute: "REJECTED" }) };
    expect(assessmentOutcome(2, 1, rejecting)).toEqual({ state: "REJECTED", reason: "APPLIED_LEVEL_MISSED" });
    expect(assessmentOutcome(1, 1, rejecting)).toEqual({ state: "ASSESSED", resultLevel: 1 });
  });

  it("no level reached rejects with NO_LEVEL_REACHED", () => {
    expect(resultLevel(null, 3)).toBeNull();
    expect(assessmentOutcome(null, 2)).toEqual({ state: "REJECTED", reason: "NO_LEVEL_REACHED" });
    expect(assessmentOutcome(2, 1)).toEqual({ state: "ASSESSED", resultLevel: 2 });
  });
  it("a Level 1 veto from the engine's facts grades a Level 1 sheet at Level 2", () => {
    const rules = ruleVersionOn("2026-01-10", RULE_VERSIONS);
    const scores = Object.fromEntries(elementsFor(rules, "UNDERGROUND").map((e) => [e.code, 95]));
    const clean = computeGrade({ rules, mineType: "UNDERGROUND", scores, asOf: "2026-01-10" });
    const vetoed = computeGrade({
      rules,
      mineType: "UNDERGROUND",
      scores,
      asOf: "2026-01-10",
      facts: { accidents: [{ occurredOn: "2025-06-01", deaths: 1 }], failedLevel1AssessmentsOn: [], decisionsOn: [] },
    });
    expect(assessmentOutcome(clean.level, 1)).toEqual({ state: "ASSESSED", resultLevel: 1 });
    expect(assessmentOutcome(vetoed.level, 1)).toEqual({ state: "ASSESSED", resultLevel: 2 });
  });
});

describe("working days and the public notice", () => {
  it("counts Monday to Friday only without a calendar (tests/unit/working-days.test.ts: with one)", () => {
    expect(addWorkingDays("2026-03-02", 0)).toBe("2026-03-02"); // Monday
    expect(addWorkingDays("2026-03-02", 1)).toBe("2026-03-03");
    expect(addWorkingDays("2026-03-02", 4)).toBe("2026-03-06"); // Friday
    expect(addWorkingDays("2026-03-02", 5)).toBe("2026-03-09"); // next Monday
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09"); // Friday + 1
    expect(addWorkingDays("2026-03-07", 1)).toBe("2026-03-09"); // Saturday + 1
    expect(addWorkingDays("2026-03-08", 5)).toBe("2026-03-13"); // Sunday + 5
    expect(addWorkingDays("2026-03-02", 10)).toBe("2026-03-16");
    expect(addWorkingDays("2026-12-31", 1)).toBe("2027-01-01"); // no holiday calendar
    expect(addWorkingDays("2024-02-28", 2)).toBe("2024-03-01");
  });
  it("rejects bad input", () => {
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", 1.5)).toThrow(RangeError);
  });
  it("objections are accepted from the first to the last day of the notice", () => {
    const period = noticePeriod("2026-03-02", 5);
    expect(period).toEqual({ startsOn: "2026-03-02", endsOn: "2026-03-09", uncoveredYears: [2026] });
    const app = { state: "PUBLIC_NOTICE" as const, noticeStartsOn: period.startsOn, noticeEndsOn: period.endsOn };
    expect(noticeOpenOn(app, "2026-03-01")).toBe(false);
    expect(noticeOpenOn(app, "2026-03-02")).toBe(true);
    expect(noticeOpenOn(app, "2026-03-09")).toBe(true);
    expect(noticeOpenOn(app, "2026-03-10")).toBe(false);
    expect(noticeOpenOn({ ...app, state: "ANNOUNCED" }, "2026-03-05")).toBe(false);
  });
  it("the grade is announced after the notice, with every objection resolved", () => {
    const app = { state: "PUBLIC_NOTICE" as const, noticeEndsOn: "2026-03-09", openObjections: 0 };
    expect(announceBlocker(app, "2026-03-09")).toBe("NOTICE_RUNNING");
    expect(announceBlocker(app, "2026-03-10")).toBeNull();
    expect(announceBlocker({ ...app, openObjections: 1 }, "2026-03-10")).toBe("OPEN_OBJECTIONS");
    expect(announceBlocker({ ...app, state: "ASSESSED" }, "2026-03-10")).toBe("NOT_IN_NOTICE");
  });
  it("a grade is valid for validityYears years from its announcement", () => {
    expect(gradeValidUntil("2026-03-10", 3)).toBe("2029-03-10");
    expect(gradeValidUntil("2028-02-29", 3)).toBe("2031-02-28");
    expect(() => gradeValidUntil("2026-03-10", 0)).toThrow(RangeError);
  });
});
