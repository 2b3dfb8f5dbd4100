import { z } from "zod";

// Checks shared by the schemas for what PostgreSQL would otherwise refuse with an error (a 500):
// NUL characters in text, and ids beyond a 32-bit integer column.

/** PostgreSQL text cannot hold U+0000 (NUL): such text is refused as invalid before it reaches the database. */
export function hasNoNul(value: string): boolean {
  return !value.includes("\u0000");
}

/** Text a form requires: trimmed, not empty, at most `max` characters (the limit travels with "tooLong"), no NUL. */
export function requiredText(max: number) {
  return z.string().trim().min(1, "required").max(max, "tooLong").refine(hasNoNul, "invalid");
}

/** The largest id of an Int (serial) column. */
export const MAX_ID = 2_147_483_647;

/**
 * Element code → score 0–100, or null for not applicable (缺项); the engine checks the codes against
 * the rule version. Key shapes are checked before zod copies the record: zod skips a key such as
 * "__proto__" while copying, so without this the sheet would be saved silently without it.
 */
export const elementScores = z
  .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "invalid")
  .superRefine((v, ctx) => {
    for (const key of Object.keys(v))
      if (!/^[A-Za-z0-9]{1,16}$/.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "unknownElement" });
  })
  .pipe(z.record(z.string(), z.union([z.number({ message: "scoreInvalid" }), z.null()])));
