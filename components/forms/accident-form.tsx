"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { recordAccidentAction } from "@/app/(portal)/mines/[code]/actions";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";

export function AccidentForm({ mineCode, today }: { mineCode: string; today: string }) {
  const t = useTranslations("events");
  const terr = useTranslations("errors");
  const [state, action, pending] = useActionState(recordAccidentAction, { ok: false } as FormState);
  const e = (k: string) => (state.fieldErrors?.[k] ? terr(state.fieldErrors[k]) : undefined);
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="max-w-xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <input type="hidden" name="mineCode" value={mineCode} />
      <div aria-live="assertive">
        {state.formError && (
          <p role="alert" className="text-sm text-red-800">
            {terr(state.formError)}
          </p>
        )}
      </div>
      <Field
        name="occurredOn"
        type="date"
        max={today}
        label={t("occurredOn")}
        error={e("occurredOn")}
        defaultValue={v.occurredOn ?? today}
      />
      <Field name="deaths" type="number" label={t("deaths")} error={e("deaths")} defaultValue={v.deaths ?? "0"} />
      <Field
        name="injuries"
        type="number"
        label={t("injuries")}
        error={e("injuries")}
        defaultValue={v.injuries ?? "0"}
      />
      <Field
        name="description"
        label={t("description")}
        multiline
        error={e("description")}
        defaultValue={v.description}
      />
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-2 text-white disabled:opacity-60"
      >
        {t("saveAccident")}
      </button>
    </form>
  );
}
