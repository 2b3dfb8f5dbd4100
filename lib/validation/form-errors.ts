import type { z } from "zod";
import type { FormState, MessageParams } from "@/lib/form-state";

// Every message a form schema produces is a catalogue key (namespace "errors", or the form's own
// namespace first), never zod's English. A schema names its key where the field needs a specific
// one (`.max(2000, "tooLong")`, `z.enum(..., { message: "required" })`); every other issue gets
// its key from `catalogueKey`, passed to zod as the parse's error map (zod 4: a schema's own
// message wins over it). The limits travel with the key as placeholders, so "too long" can say
// how long is allowed.

/** The catalogue key of an issue the schema gave no message of its own. */
export const catalogueKey: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "required" : "invalid";
    case "too_small":
      if (issue.origin !== "string") return "invalid";
      return Number(issue.minimum) <= 1 ? "required" : "tooShort";
    case "too_big":
      return issue.origin === "string" ? "tooLong" : "invalid";
    default:
      return "invalid";
  }
};

/** The placeholders an issue's message may use: the length or size limit it broke. */
function paramsOf(issue: z.core.$ZodIssue): MessageParams | undefined {
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  return undefined;
}

export interface FieldProblems {
  /** Field → catalogue key, keyed by the issue's full path ("team", "scores.E07", "findings.0.text"). */
  fieldErrors: Record<string, string>;
  fieldErrorParams: Record<string, MessageParams>;
}

/** The one mapping from zod issues to the errors a form shows: the first issue of each field wins. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblems {
  const fieldErrors: Record<string, string> = {};
  const fieldErrorParams: Record<string, MessageParams> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    if (key === "" || key in fieldErrors) continue;
    fieldErrors[key] = issue.message;
    const params = paramsOf(issue);
    if (params) fieldErrorParams[key] = params;
  }
  return { fieldErrors, fieldErrorParams };
}

export type FormParse<T> = { success: true; data: T } | ({ success: false } & FieldProblems);

/** A form refused for its fields: each field's problem next to it, and what was sent, to fill the form again. */
export function invalidForm(problems: FieldProblems, values?: Record<string, string>): FormState {
  return {
    ok: false,
    formError: "validation",
    fieldErrors: problems.fieldErrors,
    fieldErrorParams: problems.fieldErrorParams,
    ...(values ? { values } : {}),
  };
}

/** Parses what a form sent: the data, or every field's problem as catalogue keys. */
export function parseForm<S extends z.ZodType>(schema: S, raw: unknown): FormParse<z.output<S>> {
  const parsed = schema.safeParse(raw, { error: catalogueKey });
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, ...fieldProblems(parsed.error.issues) };
}
