import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { hasNoNul } from "./primitives";
import { EVENT_LIMITS } from "./text-limits";

const isoDate = z.string().trim().refine(isIsoDate, "dateInvalid");

export const accidentSchema = z.object({
  mineCode: z.string().trim().min(1, "required").max(24).refine(hasNoNul, "invalid"),
  occurredOn: isoDate,
  deaths: z.coerce
    .number({ message: "numberInvalid" })
    .int("numberInvalid")
    .min(0, "numberInvalid")
    .max(1000, "numberInvalid"),
  injuries: z.coerce
    .number({ message: "numberInvalid" })
    .int("numberInvalid")
    .min(0, "numberInvalid")
    .max(10000, "numberInvalid"),
  description: z
    .string()
    .trim()
    .min(1, "required")
    .max(EVENT_LIMITS.description, "tooLong")
    .refine(hasNoNul, "invalid"),
});

export const hiddenDangerSchema = z.object({
  foundOn: isoDate,
  description: z
    .string()
    .trim()
    .min(1, "required")
    .max(EVENT_LIMITS.description, "tooLong")
    .refine(hasNoNul, "invalid"),
});

export type AccidentInput = z.infer<typeof accidentSchema>;
export type HiddenDangerInput = z.infer<typeof hiddenDangerSchema>;
