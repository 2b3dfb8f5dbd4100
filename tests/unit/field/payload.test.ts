// From a draft as typed to the submission (lib/field/payload.ts): 缺项 is null, blanks are left out,
// photos are named by their owner's position, and the checks made before a draft is queued.
import { describe, expect, it } from "vitest";
import { RULE_2020 } from "@/lib/domain/rule-data";
import { elementsFor } from "@/lib/domain/rules";
import { scoreProblems, toSyncRequest } from "@/lib/field/payload";
import { emptyFields, type Draft, type DraftPhoto } from "@/lib/field/store";

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    ...emptyFields("2026-12-06"),
    key: "k-1",
    userId: 3,
    mineCode: "1402260001",
    mine: { name: "一矿", nameEn: null, type: "UNDERGROUND" },
    basis: { gradeId: 1, gradeLevel: 2, ruleVersionCode: "2020", jurisdiction: "14" },
    state: "draft",
    confirm: false,
    lastAnswer: null,
    sent: null,
    createdAt: "2026-12-06T00:00:00.000Z",
    updatedAt: "2026-12-06T00:00:00.000Z",
    ...overrides,
  };
}

function photo(fileKey: string, owner: DraftPhoto["owner"]): DraftPhoto {
  return {
    fileKey,
    draftKey: "k-1",
    userId: 3,
    owner,
    filename: `${fileKey}.jpg`,
    size: 10,
    type: "image/jpeg",
    sha256: "0".repeat(64),
    blob: new Blob(["0123456789"]),
    uploaded: false,
    createdAt: "2026-12-06T00:00:00.000Z",
  };
}

describe("field payload", () => {
  it("sends numbers, null for 缺项, and leaves out blanks and what is not a number", () => {
    const d = draft({
      scores: { E01: "85.5", E02: "", E03: "abc", E04: "70" },
      notApplicable: { E04: true, E05: true, E06: false },
      notes: "",
      confirm: true,
    });
    const req = toSyncRequest(d, []);
    expect(req.spotCheck.scores).toEqual({ E01: 85.5, E04: null, E05: null });
    expect(req.confirm).toBe(true);
    expect(req.spotCheck).not.toHaveProperty("notes");
    expect(req.key).toBe("k-1");
    expect(req.userId).toBe(3);
  });

  it("names each photo's owner by its position, and leaves out a removed owner's photo", () => {
    const d = draft({
      findings: [
        { id: "a", elementCode: "E01", text: "one", severity: "GENERAL", rectifyBy: "" },
        { id: "b", elementCode: "E02", text: "two", severity: "MAJOR", rectifyBy: "2026-12-31" },
      ],
      majorHiddenDangers: [{ id: "h", description: "gas" }],
    });
    const req = toSyncRequest(d, [
      photo("p1", { kind: "finding", id: "b" }),
      photo("p2", { kind: "hiddenDanger", id: "h" }),
      photo("p3", { kind: "finding", id: "gone" }),
    ]);
    expect(req.files.map((f) => [f.fileKey, f.owner])).toEqual([
      ["p1", { kind: "finding", index: 1 }],
      ["p2", { kind: "hiddenDanger", index: 0 }],
    ]);
    expect(req.spotCheck.findings[0]).not.toHaveProperty("rectifyBy");
    expect(req.spotCheck.findings[1].rectifyBy).toBe("2026-12-31");
  });

  it("will not queue a draft with a score missing, out of range or not a number", () => {
    const codes = elementsFor(RULE_2020, "UNDERGROUND").map((e) => e.code);
    const all = Object.fromEntries(codes.map((c) => [c, "90"]));
    expect(scoreProblems(draft({ scores: all }), RULE_2020, "UNDERGROUND")).toEqual({});
    const problems = scoreProblems(
      draft({
        scores: { ...all, [codes[0]]: "101", [codes[1]]: "x", [codes[2]]: "" },
        notApplicable: { [codes[3]]: true },
      }),
      RULE_2020,
      "UNDERGROUND",
    );
    expect(problems).toEqual({
      [`scores.${codes[0]}`]: "score_OUT_OF_RANGE",
      [`scores.${codes[1]}`]: "score_NOT_A_NUMBER",
      [`scores.${codes[2]}`]: "score_MISSING",
    });
  });
});
