import "server-only";
import type { z } from "zod";
import { apiIssues, searchParamsObject, type ApiIssue } from "@/lib/validation/public-api";

/** The API's error body: a stable code, a sentence, and the parameters at fault. */
export function apiError(status: number, error: string, message: string, issues: ApiIssue[] = []): Response {
  return Response.json({ error, message, issues }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Parses a request's query with a zod schema: repeated parameters and schema failures become a
 * 400 response with the parameters at fault; otherwise the parsed data.
 */
export function parseQuery<T>(
  params: URLSearchParams,
  schema: z.ZodType<T>,
): { ok: true; data: T } | { ok: false; response: Response } {
  const { value, repeated } = searchParamsObject(params);
  if (repeated.length) {
    const issues = repeated.map((param) => ({ param, message: "repeated" }));
    return { ok: false, response: apiError(400, "invalid_parameters", "Each parameter may be given once.", issues) };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = apiIssues(parsed.error);
    return { ok: false, response: apiError(400, "invalid_parameters", "Some query parameters are not valid.", issues) };
  }
  return { ok: true, data: parsed.data };
}
