import { z } from "zod";
import { PROVINCE_CODE_RE } from "@/lib/domain/region-code";
import { hasNoNul } from "./primitives";

/** Public register filters from the URL; malformed values fall back to "no filter". */
export const registerSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .refine(hasNoNul)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  province: z.string().regex(PROVINCE_CODE_RE).optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type RegisterSearch = z.infer<typeof registerSearchSchema>;

export function parseRegisterSearch(params: Record<string, string | string[] | undefined>): RegisterSearch {
  return registerSearchSchema.parse(
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
}

export function registerQuery(search: Partial<RegisterSearch>, change: Partial<RegisterSearch> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...search, ...change })) {
    if (v === undefined || v === "" || (k === "page" && v === 1)) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
