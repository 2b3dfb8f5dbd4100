import { z } from "zod";
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

function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).optional().catch(undefined);
}

/** Registry query from URL search params; unknown or malformed values fall back to defaults. */
export const mineSearchSchema = z.object({
  q: optionalText,
  region: z
    .string()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
    .optional()
    .catch(undefined),
  enterprise: z.coerce.number().int().positive().optional().catch(undefined),
  type: optionalEnum(["UNDERGROUND", "OPEN_PIT"]),
  status: optionalEnum(["NORMAL_PRODUCTION", "NORMAL_CONSTRUCTION", "STOPPED", "ANNOUNCED_CLOSURE", "CLOSED"]),
  grade: optionalEnum(["1", "2", "3", "none"]),
  gas: optionalEnum(["LOW", "HIGH", "OUTBURST"]),
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
