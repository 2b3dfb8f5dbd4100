"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useFieldLabels, useFormContext } from "./form";

/**
 * What went wrong with the last submission, at the top of the form: the form-level message (an
 * alert) and every field's error as a link to the field. It takes the focus after each failed
 * submission, so keyboard and screen-reader users start from the list rather than from the button.
 */
export function ErrorSummary({ alertId, children }: { alertId?: string; children?: ReactNode }) {
  const form = useFormContext();
  const labels = useFieldLabels();
  const ref = useRef<HTMLDivElement>(null);
  const state = form?.state;
  const fields = Object.keys(state?.fieldErrors ?? {}).filter((k) => state?.fieldErrors?.[k]);
  const failed = Boolean(state && !state.ok && (state.formError || fields.length > 0));
  useEffect(() => {
    if (failed) ref.current?.focus();
  }, [failed, state]);
  if (!form || !failed) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      data-testid="error-summary"
      className="space-y-1 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-2 focus:outline-red-700"
    >
      {form.formError && (
        <p role="alert" id={alertId} data-error={form.state.formError}>
          {form.formError}
        </p>
      )}
      {fields.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5">
          {fields.map((name) => {
            const text = form.error(name);
            const label = labels[name];
            const id = form.idFor(name);
            return (
              <li key={name}>
                {label ? (
                  <a
                    href={`#${id}`}
                    className="underline"
                    onClick={(e) => {
                      const target = document.getElementById(id);
                      if (!target) return;
                      e.preventDefault();
                      target.focus();
                    }}
                  >
                    {label}: {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
      {children}
    </div>
  );
}
