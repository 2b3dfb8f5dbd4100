"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

const control = "w-full rounded border border-slate-400 px-2 py-1 aria-[invalid]:border-red-600";

/** A message key from a service or a schema in the user's language: the applications' own first, then the shared ones. */
export function useErrorText(): (key: string | undefined) => string | undefined {
  const own = useTranslations("applicationErrors");
  const shared = useTranslations("errors");
  return (key) => {
    if (!key) return undefined;
    if (own.has(key)) return own(key);
    return shared.has(key) ? shared(key) : shared("invalid");
  };
}

/** A labelled text input or text area with its error next to it (aria-invalid, aria-describedby). */
export function TextInput({
  name,
  label,
  error,
  defaultValue,
  multiline = false,
  type = "text",
  maxLength,
  autoComplete,
}: {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
  multiline?: boolean;
  type?: string;
  maxLength?: number;
  autoComplete?: string;
}) {
  const id = useId();
  const props = {
    id,
    name,
    defaultValue,
    maxLength,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    className: control,
  } as const;
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {multiline ? <textarea {...props} rows={3} /> : <input {...props} type={type} autoComplete={autoComplete} />}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form-level message (a failure the fields do not explain, or "see the fields"), announced to screen readers. */
export function FormMessage({ text }: { text: string | undefined }) {
  return (
    <div aria-live="assertive">
      {text && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {text}
        </p>
      )}
    </div>
  );
}

export const primaryButton =
  "bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 font-medium text-white disabled:opacity-60";
export const secondaryButton = "rounded border border-slate-400 px-4 py-1.5 hover:bg-slate-100 disabled:opacity-60";
