import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { CombustionClass, GasGrade, HydroType, MineType, ProductionStatus } from "@/lib/generated/prisma/enums";
import { hasNoNul, MAX_ID, requiredText } from "./primitives";
import { REGISTER_LIMITS } from "./text-limits";

// The mine register's forms, the import's rows and the services share these schemas. Every field
// arrives as text (a form, a spreadsheet cell); enum lists derive from the generated Prisma enums.

export const MINE_TYPES = Object.values(MineType);
export const PRODUCTION_STATUSES = Object.values(ProductionStatus);
export const GAS_GRADES = Object.values(GasGrade);
export const HYDRO_TYPES = Object.values(HydroType);
export const COMBUSTION_CLASSES = Object.values(CombustionClass);

/** The largest design capacity the register takes, in 10 kt/a (万吨/年): far above any mine's. */
export const MAX_CAPACITY = 100_000;

const isoDate = z.string().trim().refine(isIsoDate, "dateInvalid");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .refine(hasNoNul, "invalid")
    .optional()
    .transform((v) => (v ? v : null));
const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { message: "required" });
/** A GB/T 2260 county code: six digits. */
export const countyCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "countyRequired");
/** A mine's code: its county's six digits and a four-digit sequence. */
export const mineCode = z
  .string()
  .trim()
  .regex(/^\d{10}$/, "mineCodeInvalid");
/** An optional id chosen in a list ("" for none). */
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > MAX_ID) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return n;
  });
const capacity = z
  .string()
  .trim()
  .min(1, "required")
  .regex(/^\d+$/, "numberInvalid")
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_CAPACITY, "capacityInvalid");
const yesNo = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const t = (v ?? "").toLowerCase();
    if (["", "false", "0", "no", "否"].includes(t)) return false;
    if (["true", "1", "yes", "on", "是"].includes(t)) return true;
    ctx.addIssue({ code: "custom", message: "invalid" });
    return z.NEVER;
  });

/** The attributes a regulator keeps for a mine (registering and editing). */
export const mineAttributes = z.object({
  name: requiredText(REGISTER_LIMITS.name),
  nameEn: optionalText(REGISTER_LIMITS.name),
  enterpriseId: optionalId,
  type: choice(MINE_TYPES),
  capacity,
  gasGrade: choice(GAS_GRADES),
  hydroType: choice(HYDRO_TYPES),
  rockBurst: yesNo,
  combustionClass: choice(COMBUSTION_CLASSES),
});
export type MineAttributes = z.output<typeof mineAttributes>;

/** What a status change says: the new status, from when, why and on whose document. */
export const statusChangeFields = z.object({
  status: choice(PRODUCTION_STATUSES),
  effectiveOn: isoDate,
  reason: optionalText(REGISTER_LIMITS.reason),
  documentNo: optionalText(REGISTER_LIMITS.documentNo),
});

export const registerMineSchema = mineAttributes.extend({
  countyCode,
  /** Four digits, or empty to take the county's next free number. */
  sequence: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d{4}$/.test(v), "sequenceInvalid")
    .refine((v) => v !== "0000", "sequenceInvalid"),
  ...statusChangeFields.shape,
});
export type RegisterMineInput = z.output<typeof registerMineSchema>;

const version = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "invalid")
  .transform(Number);

export const editMineSchema = mineAttributes.extend({ mineCode, version });
export type EditMineInput = z.output<typeof editMineSchema>;

export const changeStatusSchema = statusChangeFields.extend({ mineCode });
export type ChangeStatusInput = z.output<typeof changeStatusSchema>;

export const enterpriseSchema = z.object({
  name: requiredText(REGISTER_LIMITS.enterpriseName),
  nameEn: optionalText(REGISTER_LIMITS.enterpriseName),
});
export type EnterpriseInput = z.output<typeof enterpriseSchema>;

export const editEnterpriseSchema = enterpriseSchema.extend({
  enterpriseId: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, "invalid")
    .transform(Number),
  version,
});
export type EditEnterpriseInput = z.output<typeof editEnterpriseSchema>;
