import { z } from "zod";
import { AuthorityKind, Role } from "@/lib/generated/prisma/enums";
import { MAX_ID, hasNoNul, requiredText } from "./primitives";
import { ADMIN_LIMITS } from "./text-limits";

// Schemas of the administration pages (users, authorities, spot-check targets). Messages are
// catalogue keys, looked up in "adminErrors" then "errors".

const id = z.coerce.number({ message: "invalid" }).int("invalid").min(1, "invalid").max(MAX_ID, "invalid");
const version = z.coerce.number({ message: "invalid" }).int("invalid").min(0, "invalid").max(MAX_ID, "invalid");
/** A GB/T 2260 prefix as the region picker sends it: "" (national) or 2, 4 or 6 digits. */
export const regionPrefix = z
  .string({ message: "regionInvalid" })
  .trim()
  .regex(/^(\d{2}|\d{4}|\d{6})?$/, "regionInvalid");
const role = z.enum(Object.values(Role) as [Role, ...Role[]], { message: "roleInvalid" });
const authorityKind = z.enum(Object.values(AuthorityKind) as [AuthorityKind, ...AuthorityKind[]], {
  message: "kindInvalid",
});

export const createUserSchema = z.object({
  email: z
    .string({ message: "required" })
    .trim()
    .toLowerCase()
    .min(1, "required")
    .max(ADMIN_LIMITS.email, "tooLong")
    .email("emailInvalid"),
  name: requiredText(ADMIN_LIMITS.userName),
  role,
  jurisdiction: regionPrefix,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: id,
  version,
  name: requiredText(ADMIN_LIMITS.userName),
  role,
  jurisdiction: regionPrefix,
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** The account operations that take nothing but the account and the version the page showed. */
export const userRefSchema = z.object({ userId: id, version });
export type UserRef = z.infer<typeof userRefSchema>;

export const linkMineSchema = z.object({
  userId: id,
  version,
  /** Empty: unlink. */
  mineId: z.union([z.literal(""), id]).transform((v) => (v === "" ? null : v)),
});
export type LinkMineInput = z.infer<typeof linkMineSchema>;

export const changePasswordSchema = z
  .object({
    current: z.string({ message: "required" }).min(1, "required").refine(hasNoNul, "invalid"),
    password: z.string({ message: "required" }).min(1, "required").refine(hasNoNul, "invalid"),
    confirm: z.string({ message: "required" }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "passwordsDiffer" });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

const authorityFields = {
  nameZh: requiredText(ADMIN_LIMITS.authorityName),
  nameEn: requiredText(ADMIN_LIMITS.authorityName),
  kind: authorityKind,
  regionCode: regionPrefix,
};
export const createAuthoritySchema = z.object(authorityFields);
export type CreateAuthorityInput = z.infer<typeof createAuthoritySchema>;
export const updateAuthoritySchema = z.object({ authorityId: id, version, ...authorityFields });
export type UpdateAuthorityInput = z.infer<typeof updateAuthoritySchema>;

/** The years a target may be set for: the portal's records start in 2000; a few years ahead at most. */
export const TARGET_YEARS = { min: 2000, max: 2100 } as const;

/** A ratio entered as a percent (0–100, up to two decimals), stored as a fraction 0–1. */
const percent = z
  .string({ message: "percentInvalid" })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "percentInvalid")
  .transform(Number)
  .refine((n) => n >= 0 && n <= 100, "percentInvalid")
  .transform((n) => Math.round(n * 100) / 10000);

const targetFields = {
  year: z.coerce
    .number({ message: "yearInvalid" })
    .int("yearInvalid")
    .min(TARGET_YEARS.min, "yearInvalid")
    .max(TARGET_YEARS.max, "yearInvalid"),
  /** National, a province or a prefecture (product.md: targets are not set per county). */
  regionCode: z
    .string({ message: "regionInvalid" })
    .trim()
    .regex(/^(\d{2}|\d{4})?$/, "targetRegionInvalid"),
  /** Empty: every level. */
  level: z
    .union([z.literal(""), z.enum(["1", "2", "3"], { message: "levelInvalid" })], { message: "levelInvalid" })
    .transform((v) => (v === "" ? null : Number(v))),
  ratio: percent,
};
export const createTargetSchema = z.object(targetFields);
export type CreateTargetInput = z.infer<typeof createTargetSchema>;
export const updateTargetSchema = z.object({ targetId: id, version, ratio: percent });
export type UpdateTargetInput = z.infer<typeof updateTargetSchema>;
