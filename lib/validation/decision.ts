import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";

/** The version of the proposal the form was rendered from: a proposal changed in between is a conflict. */
const version = z.coerce
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "invalid")
  .transform(Number);

export const confirmDecisionSchema = z.object({
  decisionId: z.coerce.number().int().positive(),
  version,
  number: z.string().trim().min(1, "required").max(100, "tooLong"),
  legalBasis: z.string().trim().min(1, "required").max(1000, "tooLong"),
  effectiveOn: z.string().trim().refine(isIsoDate, "dateInvalid"),
});

export const withdrawDecisionSchema = z.object({
  decisionId: z.coerce.number().int().positive(),
  version,
  reason: z.string().trim().min(1, "required").max(2000, "tooLong"),
});

export type ConfirmDecisionInput = z.infer<typeof confirmDecisionSchema>;
export type WithdrawDecisionInput = z.infer<typeof withdrawDecisionSchema>;
