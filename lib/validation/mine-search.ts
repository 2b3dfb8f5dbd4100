import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { REGION_CODE_RE } from "@/lib/domain/region-code";
import { FIRST_SERIES_YEAR } from "@/lib/domain/series";
import { GasGrade, MineType, ProductionStatus } from "@/lib/generated/prisma/enums";
import { hasNoNul } from "./primitives";

export const MINE_SORTS = ["name", "code", "capacity", "region"] as const;
export const PAGE_SIZES = [20, 50, 100] as const;

const optionalText = z
  .string()
  .trim()
  .max(100)
  .refine(hasNoNul)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));

/** Registry query from URL search params; unknown or malformed values fall back to defaults. */
export const mineSearchSchema = z.object({
  q: optionalText,
  region: z.string().regex(REGION_CODE_RE).optional().catch(undefined),
  enterprise: z.coerce.number().int().positive().optional().catch(undefined),
  type: z.enum(MineType).optional().catch(undefined),
  status: z.enum(ProductionStatus).optional().catch(undefined),
  grade: z.enum(["1", "2", "3", "none"]).optional().catch(undefined),
  gas: z.enum(GasGrade).optional().catch(undefined),
  /** Grades and production status on this day instead of today (the dashboard's as-of date). */
  asOf: z.string().refine(isIsoDate).optional().catch(undefined),
  /** The dashboard year the list was opened from, kept for the way back. */
  year: z.coerce.number().int().min(FIRST_SERIES_YEAR).max(9999).optional().catch(undefined),
  sort: z.enum(MINE_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(20),
});

export type MineSearch = z.infer<typeof mineSearchSchema>;

export function parseMineSearch(params: Record<string, string | string[] | undefined>): MineSearch {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return mineSearchSchema.parse(flat);
}
