import { describe, expect, it } from "vitest";
import { directExtensionProblem, extendedGradePeriod, nextState } from "@/lib/domain/application-workflow";
import { RULE_2017, RULE_2020 } from "@/lib/domain/rule-data";

const today = "2026-09-01";
const grade = { level: 1 as const, announcedOn: "2023-10-01", endsOn: "2026-10-01" };
const noFacts = { accidents: [], failedLevel1AssessmentsOn: [], decisionsOn: [] };
const base = {
  rules: RULE_2020,
  today,
  hasOpenApplication: false,
  currentGrade: grade,
  facts: noFacts,
  spotChecks: [],
};

describe("directExtensionProblem", () => {
  it("allows a Level 1 grade ending within the window with a clean record", () => {
    expect(directExtensionProblem(base)).toBeNull();
    expect(directExtensionProblem({ ...base, spotChecks: [{ checkedOn: "2025-03-01", level: 1 }] })).toBeNull();
  });

  it("is only where the rule version provides it", () => {
    expect(RULE_2017.directExtension).toBe(false);
    expect(directExtensionProblem({ ...base, rules: RULE_2017 })).toBe("EXTENSION_NOT_PROVIDED");
  });

  it("needs a Level 1 grade in force, no open application, and the end within the window", () => {
    expect(directExtensionProblem({ ...base, currentGrade: null })).toBe("NOT_LEVEL_1");
    expect(directExtensionProblem({ ...base, currentGrade: { ...grade, level: 2 } })).toBe("NOT_LEVEL_1");
    expect(directExtensionProblem({ ...base, hasOpenApplication: true })).toBe("OPEN_APPLICATION");
    // Six months (RULE_2020.directExtensionWindowMonths) before the end, and not a day earlier.
    expect(RULE_2020.directExtensionWindowMonths).toBe(6);
    expect(directExtensionProblem({ ...base, today: "2026-04-01" })).toBeNull();
    expect(directExtensionProblem({ ...base, today: "2026-03-31" })).toBe("TOO_EARLY");
  });

  it("refuses a veto event during the validity, even one whose veto window has passed", () => {
    const accident = (occurredOn: string, deaths = 1) => ({ ...noFacts, accidents: [{ occurredOn, deaths }] });
    expect(directExtensionProblem({ ...base, facts: accident("2024-06-01") })).toBe("VETO_EVENT");
    // An accident without deaths vetoes nothing.
    expect(directExtensionProblem({ ...base, facts: accident("2024-06-01", 0) })).toBeNull();
    // Before the grade, outside every veto window: no bar.
    expect(directExtensionProblem({ ...base, facts: accident("2022-01-01") })).toBeNull();
    // Before the grade but a larger accident still vetoing Level 1 today (24 months).
    expect(
      directExtensionProblem({
        ...base,
        today: "2026-09-01",
        currentGrade: { ...grade, announcedOn: "2025-09-15" },
        facts: { ...noFacts, accidents: [{ occurredOn: "2025-09-10", deaths: 5 }] },
      }),
    ).toBe("VETO_EVENT");
    expect(directExtensionProblem({ ...base, facts: { ...noFacts, failedLevel1AssessmentsOn: ["2025-01-10"] } })).toBe(
      "VETO_EVENT",
    );
    // A confirmed decision, also one that takes effect after today.
    expect(directExtensionProblem({ ...base, facts: { ...noFacts, decisionsOn: ["2026-12-01"] } })).toBe("VETO_EVENT");
  });

  it("refuses a spot-check below Level 1 during the validity", () => {
    expect(directExtensionProblem({ ...base, spotChecks: [{ checkedOn: "2025-03-01", level: 2 }] })).toBe(
      "SPOT_CHECK_BELOW_LEVEL_1",
    );
    expect(directExtensionProblem({ ...base, spotChecks: [{ checkedOn: "2025-03-01", level: null }] })).toBe(
      "SPOT_CHECK_BELOW_LEVEL_1",
    );
    // Before the grade started: not counted.
    expect(directExtensionProblem({ ...base, spotChecks: [{ checkedOn: "2023-01-01", level: 3 }] })).toBeNull();
  });
});

describe("the extended grade and the steps of an extension", () => {
  it("starts the day after the current grade's last day and runs the validity from there", () => {
    expect(extendedGradePeriod("2026-10-01", 3)).toEqual({ startsOn: "2026-10-01", validUntil: "2029-10-01" });
  });

  it("skips the assessment: the notice follows the initial review", () => {
    expect(nextState("INITIAL_REVIEW_PASSED", "ASSESS", "DIRECT_EXTENSION")).toBeNull();
    expect(nextState("INITIAL_REVIEW_PASSED", "START_NOTICE", "DIRECT_EXTENSION")).toBe("PUBLIC_NOTICE");
    expect(nextState("INITIAL_REVIEW_PASSED", "START_NOTICE")).toBeNull();
    expect(nextState("PUBLIC_NOTICE", "ANNOUNCE", "DIRECT_EXTENSION")).toBe("ANNOUNCED");
  });
});
