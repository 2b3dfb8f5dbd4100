import { useId } from "react";

export function TextField({
  name,
  label,
  error,
  type = "text",
  defaultValue,
  autoComplete,
}: {
  name: string;
  label: string;
  error?: string;
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-600"
      />
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
