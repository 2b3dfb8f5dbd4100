import { useId } from "react";

export const inputClass = "w-full rounded border border-slate-400 px-2 py-1 aria-[invalid]:border-red-600";

/** A labelled input with its error beside it (aria-invalid + aria-describedby). */
export function Field({
  name,
  label,
  type = "text",
  error,
  defaultValue,
  multiline = false,
  max,
  autoComplete,
}: {
  name: string;
  label: string;
  type?: string;
  error?: string;
  defaultValue?: string;
  multiline?: boolean;
  max?: string;
  autoComplete?: string;
}) {
  const id = useId();
  const common = {
    id,
    name,
    defaultValue,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    className: inputClass,
  };
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input {...common} type={type} max={max} autoComplete={autoComplete} />
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
