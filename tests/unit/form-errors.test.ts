// Issue 11, items 2 and 20: one mapping from zod issues to the errors a form shows; every issue a
// form schema raises is a catalogue key in both languages, and a length limit travels with it.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { en, zhCN } from "@/lib/i18n/messages";
import {
  announceApplicationSchema,
  assessApplicationSchema,
  lodgeObjectionSchema,
  rejectApplicationSchema,
  resolveObjectionSchema,
  reviewApplicationSchema,
  startNoticeSchema,
  submitApplicationSchema,
  withdrawApplicationSchema,
} from "@/lib/validation/application";
import { confirmDecisionSchema, withdrawDecisionSchema } from "@/lib/validation/decision";
import { accidentSchema, hiddenDangerSchema } from "@/lib/validation/events";
import { invalidForm, parseForm } from "@/lib/validation/form-errors";
import { loginSchema } from "@/lib/validation/login";
import { replySchema } from "@/lib/validation/reply";
import { spotCheckSchema } from "@/lib/validation/spot-check";
import { amendmentFromForm, spotCheckAmendmentSchema } from "@/lib/validation/spot-check-amendment";
import { OBJECTION_LIMITS, REPLY_MAX_LENGTH } from "@/lib/validation/text-limits";

/** Each form's schema with the catalogue namespaces its form looks keys up in. */
const FORMS: [string, z.ZodType, string[]][] = [
  ["login", loginSchema, ["login"]],
  ["spot-check", spotCheckSchema, ["errors"]],
  ["amendment", spotCheckAmendmentSchema, ["errors"]],
  ["accident", accidentSchema, ["errors"]],
  ["hidden danger", hiddenDangerSchema, ["errors"]],
  ["reply", replySchema, ["errors"]],
  ["confirm decision", confirmDecisionSchema, ["errors"]],
  ["withdraw decision", withdrawDecisionSchema, ["errors"]],
  ["application", submitApplicationSchema, ["applicationErrors", "errors"]],
  ["review", reviewApplicationSchema, ["applicationErrors", "errors"]],
  ["assess", assessApplicationSchema, ["applicationErrors", "errors"]],
  ["start notice", startNoticeSchema, ["applicationErrors", "errors"]],
  ["reject", rejectApplicationSchema, ["applicationErrors", "errors"]],
  ["withdraw", withdrawApplicationSchema, ["applicationErrors", "errors"]],
  ["announce", announceApplicationSchema, ["applicationErrors", "errors"]],
  ["resolve objection", resolveObjectionSchema, ["applicationErrors", "errors"]],
  ["objection", lodgeObjectionSchema, ["applicationErrors", "errors"]],
];

const LONG = "x".repeat(5000);
/** Inputs that break every kind of check: missing, wrong types, too long, out of range, nested junk. */
const HOSTILE: unknown[] = [
  {},
  null,
  "a string",
  [1, 2],
  Object.fromEntries(
    [
      "email",
      "password",
      "mineCode",
      "checkedOn",
      "type",
      "team",
      "scores",
      "findings",
      "majorHiddenDangers",
      "conclusion",
      "notes",
      "spotCheckId",
      "version",
      "rectifiedOn",
      "occurredOn",
      "deaths",
      "injuries",
      "description",
      "foundOn",
      "target",
      "targetId",
      "text",
      "decisionId",
      "number",
      "legalBasis",
      "effectiveOn",
      "reason",
      "appliedLevel",
      "note",
      "applicationId",
      "outcome",
      "announcementNo",
      "objectionId",
      "name",
      "contact",
    ].map((k) => [k, LONG]),
  ),
  {
    email: 3,
    password: [],
    mineCode: "\u0000",
    checkedOn: "2024-02-30",
    type: "NOPE",
    team: " ",
    scores: [1],
    findings: [{ elementCode: "x".repeat(17), text: "", severity: "BAD", rectifyBy: "31/12/2024" }, 5],
    majorHiddenDangers: "no",
    conclusion: 7,
    notes: 8,
    spotCheckId: "-1",
    version: "x",
    rectifiedOn: { a: 1 },
    occurredOn: "",
    deaths: "1.5",
    injuries: "NaN",
    description: "",
    foundOn: "tomorrow",
    target: "grade",
    targetId: "1e99",
    text: "",
    decisionId: "0",
    number: "",
    legalBasis: "",
    effectiveOn: "2024-13-01",
    reason: "",
    appliedLevel: "4",
    note: 5,
    applicationId: "abc",
    outcome: "MAYBE",
    announcementNo: "",
    objectionId: "",
    name: "",
    contact: "x",
    mine: {},
  },
  { scores: { E01: 150, E02: "abc", "bad key!": 1, E03: { nested: true } }, findings: Array(300).fill({}) },
];

function translated(namespaces: string[], key: string): boolean {
  return [en, zhCN].every((catalogue) =>
    namespaces.some((ns) => typeof (catalogue as Record<string, Record<string, unknown>>)[ns]?.[key] === "string"),
  );
}

describe("zod issues as form errors", () => {
  it.each(FORMS)("every issue of the %s form is a catalogue key in both languages", (_name, schema, namespaces) => {
    let seen = 0;
    for (const input of HOSTILE) {
      const parsed = parseForm(schema, input);
      if (parsed.success) continue;
      for (const [field, key] of Object.entries(parsed.fieldErrors)) {
        seen++;
        expect(translated(namespaces, key), `${field}: ${JSON.stringify(key)}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("gives an issue without a message of the schema's own a key, not zod's English", () => {
    // `.max(16)` and a required field left out: zod's own messages are English sentences.
    const parsed = parseForm(spotCheckSchema, {
      checkedOn: "2024-05-01",
      type: "ROUTINE",
      team: "T",
      scores: {},
      findings: [{ elementCode: "E".repeat(17), text: "t", severity: "MAJOR" }],
      conclusion: "GRADE_MAINTAINED",
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.fieldErrors).toEqual({ mineCode: "required", "findings.0.elementCode": "tooLong" });
    expect(parsed.fieldErrorParams).toEqual({ "findings.0.elementCode": { max: 16 } });
    // A number that is not one, where the schema names no message.
    const decision = parseForm(confirmDecisionSchema, { decisionId: "abc", version: "1" });
    if (decision.success) throw new Error("parsed");
    expect(decision.fieldErrors.decisionId).toBe("invalid");
    expect(decision.fieldErrors.number).toBe("required");
  });

  it("reports every field at once, keyed by its full path", () => {
    const parsed = parseForm(
      spotCheckAmendmentSchema,
      amendmentFromForm({
        mineCode: "1402260001",
        spotCheckId: "5",
        version: "0",
        team: "",
        notes: "n".repeat(4001),
        "rectifiedOn.7": "2024-02-30",
      }),
    );
    if (parsed.success) throw new Error("parsed");
    expect(parsed.fieldErrors).toEqual({ team: "required", notes: "tooLong", "rectifiedOn.7": "dateInvalid" });
    expect(parsed.fieldErrorParams.notes).toEqual({ max: 4000 });
  });

  it("a text over its limit says the limit, in both languages (the objection's 4,000, the reply's 2,000)", () => {
    const objection = parseForm(lodgeObjectionSchema, {
      applicationId: "1",
      name: "Wang",
      contact: "wang@example.test",
      text: "x".repeat(OBJECTION_LIMITS.text + 1),
    });
    if (objection.success) throw new Error("parsed");
    expect(objection.fieldErrors).toEqual({ text: "tooLong" });
    expect(objection.fieldErrorParams).toEqual({ text: { max: 4000 } });
    const reply = parseForm(replySchema, { target: "finding", targetId: "1", text: "y".repeat(REPLY_MAX_LENGTH + 1) });
    if (reply.success) throw new Error("parsed");
    expect(reply.fieldErrorParams).toEqual({ text: { max: 2000 } });

    const inEnglish = createTranslator({ locale: "en", messages: en, namespace: "errors" });
    const inChinese = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "errors" });
    expect(inEnglish("tooLong", { max: 4000 })).toBe("This text is too long: at most 4,000 characters.");
    expect(inChinese("tooLong", { max: 2000 })).toContain("2,000");
    const tooShort = parseForm(lodgeObjectionSchema, {
      applicationId: "1",
      name: "W",
      contact: "w@x.y",
      text: "short",
    });
    if (tooShort.success) throw new Error("parsed");
    const own = createTranslator({ locale: "en", messages: en, namespace: "applicationErrors" });
    expect(own(tooShort.fieldErrors.text as "objectionTooShort", tooShort.fieldErrorParams.text)).toBe(
      "Describe the objection in at least 10 characters.",
    );
  });

  it("a refused form carries every field's problem and, when given, what was sent", () => {
    const parsed = parseForm(replySchema, { text: "" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const state = invalidForm(parsed, { text: "" });
    expect(state).toEqual({
      ok: false,
      formError: "validation",
      fieldErrors: parsed.fieldErrors,
      fieldErrorParams: parsed.fieldErrorParams,
      values: { text: "" },
    });
    expect(Object.keys(state.fieldErrors ?? {}).length).toBeGreaterThan(0);
    expect(invalidForm(parsed)).not.toHaveProperty("values");
  });
});
