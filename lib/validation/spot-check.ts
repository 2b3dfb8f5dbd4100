import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { FindingSeverity, SpotCheckConclusion, SpotCheckType } from "@/lib/generated/prisma/enums";
import { elementScores, hasNoNul, requiredText } from "./primitives";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "./spot-check-options";
import { SPOT_CHECK_LIMITS } from "./text-limits";

// Messages are catalogue keys under "errors"; the form shows them next to the field named by the
// issue's path (e.g. "scores.E07", "findings.0.text").

const isoDate = z.string().trim().refine(isIsoDate, "dateInvalid");

export { CONCLUSIONS, SPOT_CHECK_TYPES };

export const findingSchema = z.object({
  elementCode: requiredText(16),
  text: requiredText(SPOT_CHECK_LIMITS.findingText),
  severity: z.enum(FindingSeverity, { message: "required" }),
  rectifyBy: z
    .union([isoDate, z.literal("")])
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const spotCheckSchema = z.object({
  mineCode: requiredText(24),
  checkedOn: isoDate,
  type: z.enum(SpotCheckType, { message: "required" }),
  team: requiredText(SPOT_CHECK_LIMITS.team),
  /** Element code → score 0–100, or null for not applicable (缺项). */
  scores: elementScores,
  findings: z.array(findingSchema).max(200).default([]),
  majorHiddenDangers: z
    .array(
      z.object({
        description: requiredText(SPOT_CHECK_LIMITS.hiddenDanger),
      }),
    )
    .max(200)
    .default([]),
  conclusion: z.enum(SpotCheckConclusion, { message: "required" }),
  notes: z.string().trim().max(SPOT_CHECK_LIMITS.notes, "tooLong").refine(hasNoNul, "invalid").optional(),
});

export type SpotCheckInput = z.infer<typeof spotCheckSchema>;
