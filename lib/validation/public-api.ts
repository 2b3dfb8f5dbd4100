import { z } from "zod";
import { REGION_CODE_RE } from "@/lib/domain/region-code";
import { hasNoNul } from "./primitives";

/** Query of GET /api/public/v1/grades (product.md "Interfaces"). Messages are English: the API's language. */
export const publicGradesQuery = z
  .object({
    province: z.string().regex(REGION_CODE_RE, "must be a GB/T 2260 region prefix of 2, 4 or 6 digits").optional(),
    level: z.coerce
      .number()
      .int("must be 1, 2 or 3")
      .min(1, "must be 1, 2 or 3")
      .max(3, "must be 1, 2 or 3")
      .optional(),
    q: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(100, "must be at most 100 characters")
      .refine(hasNoNul, "must not contain NUL characters")
      .optional(),
    page: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(100_000).default(1),
    pageSize: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .max(200, "must be at most 200")
      .default(50),
  })
  .strict();

export type PublicGradesQuery = z.infer<typeof publicGradesQuery>;

/** Turns URLSearchParams into an object, refusing repeated parameters. */
export function searchParamsObject(params: URLSearchParams): { value: Record<string, string>; repeated: string[] } {
  const value: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [k, v] of params) {
    if (k in value) repeated.push(k);
    value[k] = v;
  }
  return { value, repeated };
}

export interface ApiIssue {
  param: string;
  message: string;
}

export function apiIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => {
    if (i.code === "unrecognized_keys") return { param: i.keys.join(","), message: "unknown parameter" };
    return {
      param: i.path.map(String).join(".") || "(query)",
      message: i.message.startsWith("Invalid") ? "is not valid" : i.message,
    };
  });
}
