import type { ParameterStatus } from "@/lib/generated/prisma/enums";

/** A parameter's status (verified, secondary, placeholder): a placeholder is marked so nobody takes it for a published figure. */
export function ParameterStatusBadge({ status, label }: { status: ParameterStatus; label: string }) {
  return (
    <span
      className={
        status === "PLACEHOLDER"
          ? "rounded bg-amber-100 px-1 font-medium text-amber-900"
          : status === "SECONDARY"
            ? "rounded bg-slate-100 px-1"
            : "rounded bg-green-100 px-1 text-green-900"
      }
    >
      {status === "PLACEHOLDER" && <span aria-hidden="true">⚠ </span>}
      {label}
    </span>
  );
}
