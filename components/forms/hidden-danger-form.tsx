"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { reportHiddenDangerAction } from "@/app/(portal)/mines/[code]/actions";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";

/** A mine manager's self-report of a major hidden danger. */
export function HiddenDangerForm({ today }: { today: string }) {
  const t = useTranslations("events");
  const terr = useTranslations("errors");
  const [state, action, pending] = useActionState(reportHiddenDangerAction, { ok: false } as FormState);
  const e = (k: string) => (state.fieldErrors?.[k] ? terr(state.fieldErrors[k]) : undefined);
  return (
    <form action={action} noValidate className="space-y-3">
      <div aria-live="polite">
        {state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("hiddenDangerSaved")}
          </p>
        )}
        {state.formError && (
          <p role="alert" className="text-sm text-red-800">
            {terr(state.formError)}
          </p>
        )}
      </div>
      <Field
        name="foundOn"
        type="date"
        max={today}
        label={t("foundOn")}
        error={e("foundOn")}
        defaultValue={state.values?.foundOn ?? today}
      />
      <Field
        name="description"
        label={t("dangerDescription")}
        multiline
        error={e("description")}
        defaultValue={state.ok ? "" : state.values?.description}
      />
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white disabled:opacity-60"
      >
        {t("reportHiddenDanger")}
      </button>
    </form>
  );
}
