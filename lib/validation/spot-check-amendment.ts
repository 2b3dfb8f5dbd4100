import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { hasNoNul, MAX_ID, requiredText } from "./primitives";
import { AMENDMENT_LIMITS } from "./text-limits";

// Amending a recorded spot-check: the team, the notes and each finding's rectification date. Scores
// and the conclusion are not amendable (they decided grades and proposed decisions). Messages are
// catalogue keys under "errors"; the form field names are the issue paths ("team",
// "rectifiedOn.<findingId>"), so each error lands next to its field.

/** A finding's rectification date as YYYY-MM-DD, or "" to clear it (stored as null). */
const rectifiedOn = z
  .string()
  .trim()
  .refine((v) => v === "" || isIsoDate(v), "dateInvalid")
  .transform((v) => (v === "" ? null : v));

export const spotCheckAmendmentSchema = z.object({
  mineCode: z.string().trim().min(1, "required").max(24, "invalid").refine(hasNoNul, "invalid"),
  spotCheckId: z.coerce.number({ message: "invalid" }).int("invalid").positive("invalid").max(MAX_ID, "invalid"),
  /** The version the form was rendered from: an amendment of a stale page is a conflict, not an overwrite. */
  version: z.coerce
    .string()
    .trim()
    .regex(/^\d{1,9}$/, "invalid")
    .transform(Number),
  team: requiredText(AMENDMENT_LIMITS.team),
  notes: z
    .string()
    .trim()
    .max(AMENDMENT_LIMITS.notes, "tooLong")
    .refine(hasNoNul, "invalid")
    .optional()
    .transform((v) => (v ? v : null)),
  /** Finding id → rectification date (null: not rectified). Findings left out are not changed. */
  rectifiedOn: z.record(z.string().regex(/^[1-9]\d{0,8}$/, "invalid"), rectifiedOn).default({}),
});

export type SpotCheckAmendmentInput = z.infer<typeof spotCheckAmendmentSchema>;

/** The form's field name for a finding's rectification date (also the key of its error). */
export function rectifiedOnField(findingId: number): string {
  return `rectifiedOn.${findingId}`;
}

/** The raw object the schema parses, from the form's flat fields ("rectifiedOn.<id>" gathered into a record). */
export function amendmentFromForm(values: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const dates: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith("rectifiedOn.")) dates[k.slice("rectifiedOn.".length)] = v;
    else if (!k.startsWith("$")) raw[k] = v;
  }
  raw.rectifiedOn = dates;
  return raw;
}
