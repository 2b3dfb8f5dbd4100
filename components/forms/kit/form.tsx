"use client";

import {
  createContext,
  startTransition,
  use,
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type FormHTMLAttributes,
  type ReactNode,
} from "react";
import type { FormAction, FormState, MessageParams } from "@/lib/form-state";
import { useErrorText } from "./error-text";

// One way for every form to talk to its server action and show what came back. The form is
// submitted as a React transition from onSubmit, not through <form action> alone, because React
// resets a form after its action: uncontrolled fields then fall back to their defaults and a
// controlled <select> to its first option (the application form sent Level 1 after an error).
// Here nothing is reset after an error; after a success the form is cleared as React would.

/** Labels of the form's fields by name, for the error summary (fields register them as they mount). */
class LabelStore {
  private labels: Readonly<Record<string, string>> = {};
  private listeners = new Set<() => void>();
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  snapshot = () => this.labels;
  set(name: string, label: string | undefined) {
    if (this.labels[name] === label) return;
    const next = { ...this.labels };
    if (label === undefined) delete next[name];
    else next[name] = label;
    this.labels = next;
    for (const l of this.listeners) l();
  }
}

interface FormContextValue {
  state: FormState;
  /** The id of a field's control, unique on the page, from its name (also its error's key). */
  idFor: (name: string) => string;
  /** A field's error from the last answer, translated. */
  error: (name: string) => string | undefined;
  /** The form-level message, translated. */
  formError: string | undefined;
  /** The input the last answer gave back. */
  value: (name: string) => string | undefined;
  labels: LabelStore;
}

const FormContext = createContext<FormContextValue | null>(null);

/** The enclosing Form's context; null outside one (a field can also be given its error directly). */
export function useFormContext(): FormContextValue | null {
  return use(FormContext);
}

/** The labels registered in the enclosing form. */
export function useFieldLabels(): Readonly<Record<string, string>> {
  const labels = useFormContext()?.labels ?? EMPTY_STORE;
  return useSyncExternalStore(labels.subscribe, labels.snapshot, labels.snapshot);
}
const EMPTY_STORE = new LabelStore();

/** Registers a field's label under its name while it is on the page. */
export function useRegisterLabel(name: string | undefined, label: string) {
  const labels = useFormContext()?.labels;
  useEffect(() => {
    if (!labels || !name) return;
    labels.set(name, label);
    return () => labels.set(name, undefined);
  }, [labels, name, label]);
}

export interface FormController<S> {
  state: S;
  pending: boolean;
  dispatch: (formData: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/** useActionState, submitted without React's reset of the form (see above). */
export function useFormAction<S = FormState>(action: FormAction<S>, initial: S): FormController<S> {
  // The states are plain objects, never promises: Awaited<S> is S.
  const [state, dispatch, pending] = useActionState<S, FormData>(
    action as (state: Awaited<S>, formData: FormData) => Promise<S>,
    initial as Awaited<S>,
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
  return { state: state as S, pending, dispatch, onSubmit };
}

/**
 * A form bound to a server action: fields inside it (Field, TextField, the score sheet) find their
 * ids, errors and the error summary through it. `namespaces` are where its message keys live.
 */
export function Form({
  form,
  namespaces,
  children,
  onSubmit,
  ...rest
}: {
  form: FormController<FormState>;
  namespaces?: readonly string[];
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "children">) {
  const prefix = useId();
  const ref = useRef<HTMLFormElement>(null);
  const [labels] = useState(() => new LabelStore());
  const errorText = useErrorText(namespaces);
  const { state } = form;
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  const context: FormContextValue = {
    state,
    idFor: (name) => `${prefix}${name.replace(/[^A-Za-z0-9_-]/g, "_")}`,
    error: (name) => errorText(state.fieldErrors?.[name], state.fieldErrorParams?.[name] as MessageParams | undefined),
    formError: errorText(state.formError, state.formErrorParams),
    value: (name) => state.values?.[name],
    labels,
  };
  return (
    <FormContext value={context}>
      <form
        ref={ref}
        action={form.dispatch}
        onSubmit={(e) => {
          onSubmit?.(e);
          if (!e.defaultPrevented) form.onSubmit(e);
        }}
        noValidate
        {...rest}
      >
        {children}
      </form>
    </FormContext>
  );
}
