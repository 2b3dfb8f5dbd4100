import "server-only";
import type { FormState } from "@/lib/form-state";
import { failure } from "@/lib/server/action-result";
import { ServiceError } from "@/lib/server/errors";
import { FILES_FIELD } from "./inspect";

/** A service's refusal as a form shows it, keeping the placeholders of a file problem (a limit, a name). */
export function evidenceFailure(e: unknown, values: Record<string, string>): FormState {
  if (e instanceof ServiceError && e.fieldErrors[FILES_FIELD])
    return {
      ok: false,
      formError: "validation",
      fieldErrors: e.fieldErrors,
      fieldErrorParams: { [FILES_FIELD]: e.params },
      values,
    };
  return failure(e, values);
}
