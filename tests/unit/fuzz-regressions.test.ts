// Inputs the fuzzer (tests/e2e/security/fuzz.spec.ts) found to cause 500s, fixed in validation and
// the import parser; kept here as plain examples, plus a small property over the same schemas.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseDate, parseSpotCheckFile } from "@/lib/import/spot-check-file";
import { lodgeObjectionSchema, reviewApplicationSchema, submitApplicationSchema } from "@/lib/validation/application";
import { loginSchema } from "@/lib/validation/login";
import { parseDashboardParams } from "@/lib/validation/dashboard";
import { accidentSchema, hiddenDangerSchema } from "@/lib/validation/events";
import { metricsQuery } from "@/lib/validation/metrics-api";
import { parseMineSearch } from "@/lib/validation/mine-search";
import { isIsoDate } from "@/lib/domain/dates";
import { publicGradesQuery } from "@/lib/validation/public-api";
import { parseRegisterSearch } from "@/lib/validation/register";
import { replySchema } from "@/lib/validation/reply";
import { spotCheckSchema } from "@/lib/validation/spot-check";

const IMPOSSIBLE_DATES = [
  "2026-13-01",
  "0000-00-00",
  "0000-01-01",
  "2020-00-10",
  "2020-02-30",
  "2021-02-29",
  "2020-01-32",
];

describe("impossible calendar dates are invalid, not an exception", () => {
  it.each(IMPOSSIBLE_DATES)("%s", (date) => {
    expect(isIsoDate(date)).toBe(false);
    expect(accidentSchema.safeParse({ occurredOn: date }).error?.issues.some((i) => i.path[0] === "occurredOn")).toBe(
      true,
    );
    expect(hiddenDangerSchema.safeParse({ foundOn: date, description: "x" }).success).toBe(false);
    expect(spotCheckSchema.safeParse({ checkedOn: date }).success).toBe(false);
    expect(metricsQuery.safeParse({ asOf: date }).success).toBe(false);
    expect(parseDashboardParams({ asOf: date }, { jurisdiction: "", today: "2026-05-01" }).ok).toBe(false);
    expect(normaliseDate(date)).toBeNull();
  });

  it("keeps real dates", () => {
    for (const date of ["2020-02-29", "9999-12-31", "0001-01-01", "2026-01-31"]) expect(isIsoDate(date)).toBe(true);
    expect(normaliseDate("2024/13/05")).toBeNull();
    expect(normaliseDate("2024年2月29日")).toBe("2024-02-29");
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(typeof isIsoDate(s)).toBe("boolean");
        expect(() => normaliseDate(s)).not.toThrow();
      }),
    );
  });
});

describe("NUL characters (which PostgreSQL cannot store) are refused as invalid", () => {
  it("in form text", () => {
    expect(
      replySchema.safeParse({ target: "finding", targetId: "1", text: "a\u0000b" }).error?.issues[0],
    ).toMatchObject({
      path: ["text"],
      message: "invalid",
    });
    expect(
      lodgeObjectionSchema.safeParse({ applicationId: "1", name: "\u0000", contact: "a@b.c", text: "0123456789" })
        .success,
    ).toBe(false);
    expect(
      accidentSchema.safeParse({
        mineCode: "1402260001\u0000",
        occurredOn: "2024-01-01",
        deaths: "0",
        injuries: "0",
        description: "x",
      }).success,
    ).toBe(false);
  });

  it("in the API query, with a reason", () => {
    const parsed = publicGradesQuery.safeParse({ q: "煤\u0000" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(/NUL/);
  });

  it("in register and registry searches, as no filter", () => {
    expect(parseRegisterSearch({ q: "a\u0000" }).q).toBeUndefined();
    expect(parseMineSearch({ q: "a\u0000" }).q).toBeUndefined();
    // Too long a registry search was a ZodError (500); it falls back to no filter as the other fields do.
    expect(parseMineSearch({ q: "x".repeat(101) }).q).toBeUndefined();
  });

  it("in an import file, as a file of the wrong kind", async () => {
    const csv =
      "mine_code,checked_on,type,team,conclusion,major_hidden_dangers\n1402260001\u0000,2024-01-01,ROUTINE,t\u0000,GRADE_MAINTAINED,0";
    const parsed = await parseSpotCheckFile({ name: "x.csv", bytes: new TextEncoder().encode(csv) });
    expect(parsed).toEqual({ ok: false, problems: [{ row: 0, column: "", message: "problems.fileType" }] });
  });
});

describe("ids beyond a 32-bit integer column are invalid, not a database error", () => {
  it.each(["1e20", "2147483648", "9007199254740993"])("%s", (id) => {
    expect(replySchema.safeParse({ target: "finding", targetId: id, text: "x" }).success).toBe(false);
    expect(reviewApplicationSchema.safeParse({ applicationId: id, outcome: "PASS" }).success).toBe(false);
  });
  it("keeps the largest", () => {
    expect(replySchema.safeParse({ target: "finding", targetId: "2147483647", text: "x" }).success).toBe(true);
  });
});

describe("the sign-in form's fields left out or sent as files", () => {
  it("are reported with the login catalogue's keys, not zod's English", () => {
    const missing = loginSchema.safeParse({ email: null, password: null });
    expect(missing.error?.issues.map((i) => i.message)).toEqual(["emailRequired", "passwordRequired"]);
    const file = loginSchema.safeParse({ email: "someone@example.com", password: new Blob(["x"]) });
    expect(file.error?.issues.map((i) => i.message)).toEqual(["passwordRequired"]);
  });
});

describe("score keys that an object copy would drop (found with seed 392970737)", () => {
  const base = {
    mineCode: "1402260001",
    checkedOn: "2020-01-01",
    type: "ROUTINE",
    team: "A",
    conclusion: "GRADE_MAINTAINED",
  };
  it.each(["__proto__", "e 01", "E01<script>", ""])("%j is refused as an unknown element, not dropped", (key) => {
    const scores = JSON.parse(`{"E01":90,${JSON.stringify(key)}:80}`) as Record<string, unknown>;
    const spot = spotCheckSchema.safeParse({ ...base, scores });
    expect(spot.success).toBe(false);
    expect(spot.error?.issues).toContainEqual(
      expect.objectContaining({ path: ["scores", key], message: "unknownElement" }),
    );
    const app = submitApplicationSchema.safeParse({ appliedLevel: 2, scores });
    expect(app.error?.issues.some((i) => i.message === "unknownElement")).toBe(true);
  });
  it("keeps element codes and 缺项", () => {
    const parsed = spotCheckSchema.parse({ ...base, scores: { E01: 90, E02: null } });
    expect(parsed.scores).toEqual({ E01: 90, E02: null });
  });
});
