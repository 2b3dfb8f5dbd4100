import "server-only";
import type { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { ServiceError } from "./errors";

/** zod issues as { "a.b.0": messageKey }, keyed by the full path so nested fields get their own error. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    out[key] ??= issue.message.startsWith("Invalid") || issue.message.includes(" ") ? "invalid" : issue.message;
  }
  return out;
}

/** Maps what a service threw to the state a form renders; anything unexpected is rethrown. */
export function failure(e: unknown, values?: Record<string, string>): FormState {
  if (e instanceof ServiceError) {
    const hasFields = Object.keys(e.fieldErrors).length > 0;
    return { ok: false, fieldErrors: e.fieldErrors, formError: hasFields ? "validation" : e.messageKey, values };
  }
  throw e;
}
