import "server-only";
import type { ApiIssue } from "@/lib/validation/public-api";

/** The API's error body: a stable code, a sentence, and the parameters at fault. */
export function apiError(status: number, error: string, message: string, issues: ApiIssue[] = []): Response {
  return Response.json({ error, message, issues }, { status, headers: { "Cache-Control": "no-store" } });
}
