"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { control } from "./buttons";
import { useFormContext, useRegisterLabel } from "./form";

/** What ties a control to its label, hint and error: spread it on the input, select or text area. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A label, the control `children` renders with the props that tie them together, a hint and the
 * error (aria-invalid, aria-describedby). Inside a Form, `name` is the key of the field's error in
 * the action's answer and gives the control its id, so the error summary can link to it.
 */
export function Field({
  name,
  label,
  error,
  hint,
  limit,
  className = "space-y-1 text-sm",
  children,
}: {
  name?: string;
  label: string;
  /** The error to show instead of the form's (a check made in the browser). */
  error?: string;
  hint?: string;
  /** A text's length limit, stated with the hint, and the length typed so far, counted under the field. */
  limit?: { max: number; length: number };
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const t = useTranslations("forms");
  const form = useFormContext();
  const ownId = useId();
  const id = name && form ? form.idFor(name) : ownId;
  const shown = error ?? (name ? form?.error(name) : undefined);
  useRegisterLabel(name, label);
  const fullHint = [hint, limit ? t("limit", { max: limit.max }) : undefined].filter(Boolean).join(" ");
  const hintId = fullHint ? `${id}-hint` : undefined;
  const errorId = shown ? `${id}-error` : undefined;
  const over = limit ? limit.length - limit.max : 0;
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": shown ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      {fullHint && (
        <p id={hintId} className="text-xs text-slate-600">
          {fullHint}
        </p>
      )}
      {limit && (
        <p className={`text-xs ${over > 0 ? "font-semibold text-red-700" : "text-slate-600"}`}>
          <span aria-hidden="true" data-testid={name ? `count-${name}` : undefined}>
            {over > 0
              ? t("countOver", { count: limit.length, max: limit.max, over })
              : t("count", { count: limit.length, max: limit.max })}
          </span>
          {/* Only crossing the limit is announced, not every keystroke. */}
          <span className="sr-only" aria-live="polite">
            {over > 0 ? t("over", { over }) : ""}
          </span>
        </p>
      )}
      {shown && (
        <p id={errorId} className="text-xs text-red-700">
          {shown}
        </p>
      )}
    </div>
  );
}

/**
 * A text input or text area. With `maxLength` it states the limit next to the field and counts
 * as the user types; it never cuts text (no maxlength attribute: a paste would be truncated
 * without a word), so text over the limit stays for the user to shorten, and the server refuses
 * it with a message that states the limit.
 */
export function TextField({
  name,
  label,
  multiline = false,
  rows = 3,
  type = "text",
  defaultValue,
  maxLength,
  hint,
  max,
  autoComplete,
  error,
}: {
  name: string;
  label: string;
  multiline?: boolean;
  rows?: number;
  type?: string;
  /** The initial text; by default what the action's last answer gave back. */
  defaultValue?: string;
  maxLength?: number;
  hint?: string;
  /** The latest allowed date of a date input. */
  max?: string;
  autoComplete?: string;
  error?: string;
}) {
  const form = useFormContext();
  const initial = defaultValue ?? form?.value(name) ?? "";
  const [length, setLength] = useState(initial.length);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // A form cleared after a success (Form resets it) clears the count too.
  useEffect(() => {
    const el = ref.current;
    const owner = el?.form;
    if (!el || !owner || !maxLength) return;
    const onReset = () => setTimeout(() => setLength(el.value.length));
    owner.addEventListener("reset", onReset);
    return () => owner.removeEventListener("reset", onReset);
  }, [maxLength]);
  return (
    <Field
      name={name}
      label={label}
      error={error}
      hint={hint}
      limit={maxLength ? { max: maxLength, length } : undefined}
    >
      {(props) =>
        multiline ? (
          <textarea
            {...props}
            ref={ref}
            name={name}
            rows={rows}
            defaultValue={initial}
            onChange={(e) => setLength(e.target.value.length)}
            className={control}
          />
        ) : (
          <input
            {...props}
            ref={ref}
            name={name}
            type={type}
            max={max}
            autoComplete={autoComplete}
            defaultValue={initial}
            onChange={(e) => setLength(e.target.value.length)}
            className={control}
          />
        )
      }
    </Field>
  );
}
