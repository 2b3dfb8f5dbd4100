import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { hasNoNul, MAX_ID } from "./primitives";
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
  number: z.string().trim().min(1, "required").max(DECISION_LIMITS.number, "tooLong").refine(hasNoNul, "invalid"),
  legalBasis: z
    .string()
    .trim()
    .min(1, "required")
    .max(DECISION_LIMITS.legalBasis, "tooLong")
    .refine(hasNoNul, "invalid"),
  effectiveOn: z.string().trim().refine(isIsoDate, "dateInvalid"),
});

export const withdrawDecisionSchema = z.object({
  decisionId: z.coerce.number().int().positive().max(MAX_ID),
  version,
  reason: z.string().trim().min(1, "required").max(DECISION_LIMITS.reason, "tooLong").refine(hasNoNul, "invalid"),
});

export type ConfirmDecisionInput = z.infer<typeof confirmDecisionSchema>;
export type WithdrawDecisionInput = z.infer<typeof withdrawDecisionSchema>;
