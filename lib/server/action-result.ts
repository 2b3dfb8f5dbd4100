import "server-only";
import type { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { ServiceError } from "./errors";
import { runFormAction } from "./http/database-lost";

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

/** Why formAction refused before or instead of the action: not a form at all, or the database went away. */
export type Refusal = "validation" | "databaseUnavailable";

/**
 * Wraps a form action (previous state, FormData) so that what reaches it over HTTP is checked the
 * same way for every form: arguments that are not a FormData (a hand-made request) are refused
 * as invalid, and a database lost mid-request (lib/server/http/database-lost.ts) answers with a
 * translated "nothing was saved, try again" instead of a 500. Redirects and other errors pass on.
 */
export function formAction<S>(
  run: (prev: S, formData: FormData) => Promise<S>,
  refuse: (reason: Refusal) => S = (reason) => ({ ok: false, formError: reason }) as S,
): (prev: S, formData: FormData) => Promise<S> {
  return async (prev, formData) => {
    if (!(formData instanceof FormData)) return refuse("validation");
    try {
      return await runFormAction(() => run(prev, formData));
    } catch (e) {
      if (e instanceof ServiceError && e.code === "UNAVAILABLE") return refuse("databaseUnavailable");
      throw e;
    }
  };
}
