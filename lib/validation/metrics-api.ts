import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { SCOPE_RE } from "@/lib/domain/region-code";

/** Query of GET /api/v1/metrics. asOf defaults to today, year to asOf's year. */
export const metricsQuery = z
  .object({
    scope: z.string().regex(SCOPE_RE, "must be empty (national) or a GB/T 2260 prefix of 2, 4 or 6 digits").default(""),
    asOf: z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD").optional(),
    year: z.coerce
      .number()
      .int("must be a year")
      .min(2000, "must be 2000 or later")
      .max(2100, "must be 2100 or earlier")
      .optional(),
  })
  .strict();
