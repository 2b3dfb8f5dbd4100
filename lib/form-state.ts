// The shape every server action returns to its form (useActionState): errors are catalogue keys,
// so the form shows them in the user's language next to the field, and `values` keeps the input.

/** Placeholders of a message, e.g. { max: 4000 } for "at most {max} characters". */
export type MessageParams = Record<string, string | number>;

export interface FormState<F extends string = string> {
  ok: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  /** The placeholders of those field messages that have some (a length limit, a minimum). */
  fieldErrorParams?: Partial<Record<F, MessageParams>>;
  formError?: string;
  /** The placeholders of the form-level message (e.g. until when a sign-in is locked). */
  formErrorParams?: MessageParams;
  values?: Partial<Record<F, string>>;
}

/** A server action as a form calls it: the page passes it to the client form as a prop. */
export type FormAction<S = FormState> = (prev: S, formData: FormData) => Promise<S>;
