import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { requiredText } from "./primitives";
import { RULE_VERSION_NAME_MAX_LENGTH } from "./text-limits";

/** A version code: short, letters, digits and dashes (the list and the URL show it). */
const ruleCode = z
  .string({ message: "required" })
  .trim()
  .min(1, "required")
  .max(16, "ruleCodeFormat")
  .regex(/^[A-Za-z0-9-]+$/, "ruleCodeFormat");

const seenVersion = z.coerce.number({ message: "invalid" }).int("invalid").min(0, "invalid").max(1_000_000, "invalid");

export const cloneRuleVersionSchema = z.object({
  from: ruleCode,
  code: ruleCode,
  nameZh: requiredText(RULE_VERSION_NAME_MAX_LENGTH),
  nameEn: requiredText(RULE_VERSION_NAME_MAX_LENGTH),
});
export type CloneRuleVersionInput = z.infer<typeof cloneRuleVersionSchema>;

/**
 * A draft's values: the fixed fields here, every parameter field (threshold:…, weight:…, veto:…,
 * floor:…, and the scalar periods) as text checked by the service against the draft's own keys.
 */
export const saveRuleDraftSchema = z
  .object({ code: ruleCode, version: seenVersion })
  .catchall(z.string().max(32, "invalid"));
export type SaveRuleDraftInput = { code: string; version: number; [parameter: string]: string | number };

export const publishRuleVersionSchema = z.object({
  code: ruleCode,
  version: seenVersion,
  effectiveFrom: z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .refine(isIsoDate, "dateInvalid")
    .refine((d) => d >= "2000-01-01" && d <= "2100-12-31", "dateInvalid"),
});
export type PublishRuleVersionInput = z.infer<typeof publishRuleVersionSchema>;
