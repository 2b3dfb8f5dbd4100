import { z } from "zod";
import { elementScores, hasNoNul, MAX_ID, requiredText } from "./primitives";
import { APPLICATION_LIMITS, OBJECTION_LIMITS } from "./text-limits";

// Grading applications: messages are catalogue keys (under "applicationErrors", else "errors"); the
// forms show them next to the field named by the issue's path (e.g. "scores.E07", "reason").

const id = z.coerce.number({ message: "invalid" }).int("invalid").positive("invalid").max(MAX_ID, "invalid");
/** The version the form was rendered from: a step taken on a stale page is a conflict, not an overwrite. */
const version = z.coerce.number({ message: "invalid" }).int("invalid").min(0, "invalid").max(MAX_ID, "invalid");
const reason = requiredText(APPLICATION_LIMITS.reason);
const note = z
  .string()
  .trim()
  .max(APPLICATION_LIMITS.note, "tooLong")
  .refine(hasNoNul, "invalid")
  .transform((v) => (v ? v : undefined))
  .optional();

const scores = elementScores;

/** A basic condition's code as the rule data spells it (basic-condition-data.ts). */
const CONDITION_CODE = /^[A-Z0-9_]{1,32}$/;
/** More answers than any rule version has conditions is not a form. */
const MAX_CONDITIONS = 50;

/**
 * The applicant's answer to each basic condition (基本条件): met or not (null: not answered) and the
 * evidence. Whether every condition of the rule version is answered and met is the service's check
 * (lib/domain/basic-conditions.ts), against the version in force.
 */
export const basicConditionAnswers = z
  .record(
    z.string().regex(CONDITION_CODE, "unknownCondition"),
    z.object({
      met: z.boolean().nullable(),
      evidence: z.string().trim().max(APPLICATION_LIMITS.evidence, "tooLong").refine(hasNoNul, "invalid"),
    }),
  )
  .refine((v) => Object.keys(v).length <= MAX_CONDITIONS, "invalid");

export const submitApplicationSchema = z.object({
  kind: z.enum(["GRADING", "DIRECT_EXTENSION"], { message: "invalid" }).default("GRADING"),
  appliedLevel: z.coerce
    .number({ message: "levelInvalid" })
    .int("levelInvalid")
    .min(1, "levelInvalid")
    .max(3, "levelInvalid"),
  scores,
  conditions: basicConditionAnswers.default({}),
  note,
});

/**
 * The basic-condition answers a form sends as fields `conditions.<code>.met` ("yes", "no" or empty)
 * and `conditions.<code>.evidence`, as the schema takes them.
 */
export function conditionsFromForm(formData: FormData): Record<string, { met: boolean | null; evidence: string }> {
  // A Map, never an object indexed by what the request says: a field named "conditions.__proto__.met"
  // must not reach Object.prototype. Only names spelled like a condition code are read at all.
  const out = new Map<string, { met: boolean | null; evidence: string }>();
  for (const [key, value] of formData.entries()) {
    const m = /^conditions\.([A-Z0-9_]{1,32})\.(met|evidence)$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const entry = out.get(m[1]) ?? { met: null, evidence: "" };
    out.set(m[1], entry);
    if (m[2] === "met") entry.met = value === "yes" ? true : value === "no" ? false : null;
    else entry.evidence = value;
  }
  return Object.fromEntries(out);
}

export const reviewApplicationSchema = z
  .object({
    applicationId: id,
    version,
    outcome: z.enum(["PASS", "REJECT"], { message: "required" }),
    reason: note,
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "REJECT" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "reasonRequired" });
  });

export const assessApplicationSchema = z.object({ applicationId: id, version, scores, note });

export const startNoticeSchema = z.object({ applicationId: id, version });

export const rejectApplicationSchema = z.object({ applicationId: id, version, reason });

export const withdrawApplicationSchema = z.object({ applicationId: id, version, reason });

export const announceApplicationSchema = z.object({
  applicationId: id,
  version,
  announcementNo: requiredText(APPLICATION_LIMITS.announcementNo),
});

export const resolveObjectionSchema = z.object({
  applicationId: id,
  objectionId: id,
  version,
  outcome: z.enum(["UPHELD", "DISMISSED"], { message: "required" }),
  reason,
});

export const lodgeObjectionSchema = z.object({
  applicationId: id,
  name: requiredText(OBJECTION_LIMITS.name),
  contact: z
    .string()
    .trim()
    .min(3, "contactInvalid")
    .max(OBJECTION_LIMITS.contact, "tooLong")
    .refine(hasNoNul, "invalid"),
  text: z
    .string()
    .trim()
    .min(10, "objectionTooShort")
    .max(OBJECTION_LIMITS.text, "tooLong")
    .refine(hasNoNul, "invalid"),
});

/**
 * The scores a ScoreSheetFields submits (JSON; an empty or unreadable score as ""), with the empty
 * ones left out so the engine's validation reports them as missing, next to the element.
 */
export function scoresFromForm(raw: FormDataEntryValue | null): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(String(raw ?? ""));
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ""));
  } catch {
    return null;
  }
}

/**
 * A step's input as services take it. Forms must send the version (the schemas require it); code
 * that runs steps itself (seeds, tests) may leave it out to act on whatever is current.
 */
type StepInput<S extends z.ZodType> = Omit<z.infer<S>, "version"> & { version?: number };

/** Code that submits itself (seeds, tests) may leave out the kind (GRADING) and the answers (then refused). */
export type SubmitApplicationInput = Omit<z.infer<typeof submitApplicationSchema>, "kind" | "conditions"> &
  Partial<Pick<z.infer<typeof submitApplicationSchema>, "kind" | "conditions">>;
export type ReviewApplicationInput = StepInput<typeof reviewApplicationSchema>;
export type AssessApplicationInput = StepInput<typeof assessApplicationSchema>;
export type StartNoticeInput = StepInput<typeof startNoticeSchema>;
export type RejectApplicationInput = StepInput<typeof rejectApplicationSchema>;
export type WithdrawApplicationInput = StepInput<typeof withdrawApplicationSchema>;
export type AnnounceApplicationInput = StepInput<typeof announceApplicationSchema>;
export type ResolveObjectionInput = StepInput<typeof resolveObjectionSchema>;
export type LodgeObjectionInput = z.infer<typeof lodgeObjectionSchema>;
