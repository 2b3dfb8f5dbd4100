import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { MAX_ID, requiredText } from "./primitives";
import { DECISION_LIMITS } from "./text-limits";

/** The version of the proposal the form was rendered from: a proposal changed in between is a conflict. */
const version = z.coerce
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "invalid")
  .transform(Number);

export const confirmDecisionSchema = z.object({
  decisionId: z.coerce.number().int().positive().max(MAX_ID),
  version,
  number: requiredText(DECISION_LIMITS.number),
  legalBasis: requiredText(DECISION_LIMITS.legalBasis),
  effectiveOn: z.string().trim().refine(isIsoDate, "dateInvalid"),
});

export const withdrawDecisionSchema = z.object({
  decisionId: z.coerce.number().int().positive().max(MAX_ID),
  version,
  reason: requiredText(DECISION_LIMITS.reason),
});

export type ConfirmDecisionInput = z.infer<typeof confirmDecisionSchema>;
export type WithdrawDecisionInput = z.infer<typeof withdrawDecisionSchema>;
