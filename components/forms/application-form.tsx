"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { submitApplicationAction } from "@/app/(portal)/applications/new/actions";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import type { FormState } from "@/lib/form-state";
import { levelLabels } from "@/lib/i18n/format";
import { FormMessage, primaryButton, TextInput, useErrorText } from "./form-bits";
import { ScoreSheetFields } from "./score-sheet-fields";

/** The mine manager's application: the level applied for and the self-assessment scores. */
export function ApplicationForm({
  mineType,
  rules,
  today,
  defaultLevel,
}: {
  mineType: MineType;
  rules: RuleSet;
  today: string;
  defaultLevel: number;
}) {
  const t = useTranslations("applications");
  const { level: levelName } = levelLabels(useTranslations("grade"));
  const errorText = useErrorText();
  const [state, action, pending] = useActionState(submitApplicationAction, { ok: false } as FormState);
  const fe = state.fieldErrors ?? {};
  const levelId = useId();
  // Controlled: a form action resets uncontrolled fields, and a select would fall back to its first default.
  const [level, setLevel] = useState(String(defaultLevel));
  const levelError = errorText(fe.appliedLevel);
  const scoreErrors = Object.fromEntries(
    Object.entries(fe).flatMap(([k, v]) => (k.startsWith("scores.") ? [[k, errorText(v)]] : [])),
  );
  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage text={errorText(state.formError)} />
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("new.general")}</legend>
        <div className="max-w-xs space-y-1 text-sm">
          <label htmlFor={levelId} className="block font-medium">
            {t("appliedLevel")}
          </label>
          <select
            id={levelId}
            name="appliedLevel"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            aria-invalid={levelError ? true : undefined}
            aria-describedby={levelError ? `${levelId}-error` : undefined}
            className="w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid]:border-red-600"
          >
            {[1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {levelName(l)}
              </option>
            ))}
          </select>
          {levelError && (
            <p id={`${levelId}-error`} className="text-xs text-red-700">
              {levelError}
            </p>
          )}
        </div>
        <TextInput
          name="note"
          label={t("note")}
          multiline
          defaultValue={state.values?.note}
          error={errorText(fe.note)}
        />
      </fieldset>
      <fieldset className="rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("new.selfAssessment")}</legend>
        <ScoreSheetFields rules={rules} mineType={mineType} asOf={today} errors={scoreErrors} />
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? t("new.submitting") : t("new.submit")}
      </button>
    </form>
  );
}
