import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { requiredText } from "./primitives";
import { EVENT_LIMITS } from "./text-limits";

const isoDate = z.string().trim().refine(isIsoDate, "dateInvalid");

export const accidentSchema = z.object({
  mineCode: requiredText(24),
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
  description: requiredText(EVENT_LIMITS.description),
});

export const hiddenDangerSchema = z.object({
  foundOn: isoDate,
  description: requiredText(EVENT_LIMITS.description),
});

export type AccidentInput = z.infer<typeof accidentSchema>;
export type HiddenDangerInput = z.infer<typeof hiddenDangerSchema>;
