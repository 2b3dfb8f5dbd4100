"use client";

import { useTranslations } from "next-intl";
import type { DraftState } from "@/lib/field/store";

const TONE: Record<DraftState, string> = {
  draft: "bg-slate-100 text-slate-800",
  sending: "bg-blue-100 text-blue-900",
  conflict: "bg-amber-100 text-amber-900",
  invalid: "bg-red-100 text-red-900",
  sent: "bg-green-100 text-green-900",
};

/** A draft's state in words (never by colour alone). */
export function StateBadge({ state }: { state: DraftState }) {
  const t = useTranslations("field.state");
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONE[state]}`} data-testid="draft-state">
      {t(state)}
    </span>
  );
}
