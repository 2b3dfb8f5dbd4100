import "server-only";
import type { z } from "zod";
import type { FormAction, FormState } from "@/lib/form-state";
import { parseForm } from "@/lib/validation/form-errors";
import type { Caller } from "./auth/scope";
import { requireCaller } from "./auth/session";
import { ServiceError } from "./errors";
import { runFormAction } from "./http/database-lost";

/** Maps what a service threw to the state a form renders; anything unexpected is rethrown. */
export function failure(e: unknown, values?: Record<string, string>): FormState {
  if (e instanceof ServiceError) {
    const hasFields = Object.keys(e.fieldErrors).length > 0;
    return {
      ok: false,
      fieldErrors: e.fieldErrors,
      formError: hasFields ? "validation" : e.messageKey,
      ...(!hasFields && Object.keys(e.params).length > 0 ? { formErrorParams: e.params } : {}),
      values,
    };
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
): FormAction<S> {
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

/** Every field a form sent, as text, leaving out the framework's own ("$ACTION_…"): what the form gets back. */
export function formValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]),
  );
}

/** What a form sent, read for its schema: the object to parse, and the values to give back on an error. */
export interface FormInput {
  raw: unknown;
  values: Record<string, string>;
}

interface ActionSpec<S extends z.ZodType, C> {
  schema: S;
  /** How to read the form (default: every field as text, parsed and given back as is); null when unreadable. */
  read?: (formData: FormData) => FormInput | null;
  /**
   * Problems the schema cannot see because they need the database (a score against the rule
   * version in force), looked for also when the schema fails, so one round reports every field.
   */
  moreProblems?: (context: C, raw: unknown) => Promise<Record<string, string>>;
  /** The form-level message when fields are wrong (default "validation": see the messages next to them). */
  invalid?: string;
  /** The use case; it may redirect. Nothing returned means done ({ ok: true }). */
  run: (context: C, input: z.output<S>, values: Record<string, string>) => Promise<FormState | void>;
}

const readAll = (formData: FormData): FormInput => {
  const values = formValues(formData);
  return { raw: values, values };
};

/** Read → (load the caller) → parse → run; a service's errors go back to the form with its input. */
function validated<S extends z.ZodType, C>(spec: ActionSpec<S, C>, context: () => Promise<C>): FormAction<FormState> {
  return formAction(async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const c = await context();
    const input = (spec.read ?? readAll)(formData);
    if (!input) return { ok: false, formError: "validation" };
    const { raw, values } = input;
    const parsed = parseForm(spec.schema, raw);
    if (!parsed.success) {
      const fieldErrors = { ...parsed.fieldErrors };
      if (spec.moreProblems)
        for (const [key, message] of Object.entries(await spec.moreProblems(c, raw))) fieldErrors[key] ??= message;
      const formError = spec.invalid ?? "validation";
      return { ok: false, formError, fieldErrors, fieldErrorParams: parsed.fieldErrorParams, values };
    }
    try {
      return (await spec.run(c, parsed.data, values)) ?? { ok: true };
    } catch (e) {
      return failure(e, values);
    }
  });
}

/** A form action for signed-in users: the caller is loaded from the database first (else to sign-in). */
export function callerAction<S extends z.ZodType>(spec: ActionSpec<S, Caller>): FormAction<FormState> {
  return validated(spec, requireCaller);
}

/** A form action anyone may call (the public objection, signing in). */
export function publicAction<S extends z.ZodType>(spec: ActionSpec<S, null>): FormAction<FormState> {
  return validated(spec, async () => null);
}
