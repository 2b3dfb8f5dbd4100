// The shape every server action returns to its form (useActionState): errors are catalogue keys,
// so the form shows them in the user's language next to the field, and `values` keeps the input.
export interface FormState<F extends string = string> {
  ok: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  formError?: string;
  values?: Partial<Record<F, string>>;
}

export const initialFormState: FormState = { ok: false };

export function fieldErrorsFrom<F extends string>(
  issues: { path: PropertyKey[]; message: string }[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of issues) {
    const key = String(issue.path[0]) as F;
    out[key] ??= issue.message;
  }
  return out;
}
