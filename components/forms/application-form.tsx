"use client";

import { useTranslations } from "next-intl";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import type { FormAction } from "@/lib/form-state";
import { levelLabels } from "@/lib/i18n/format";
import { APPLICATION_LIMITS } from "@/lib/validation/text-limits";
import { control, primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field, TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { ScoreSheetFields } from "./score-sheet-fields";

/** The mine manager's application: the level applied for and the self-assessment scores. */
export function ApplicationForm({
  action,
  mineType,
  rules,
  today,
  defaultLevel,
  levels,
}: {
  action: FormAction;
  mineType: MineType;
  rules: RuleSet;
  today: string;
  defaultLevel: number;
  /** The levels the mine's province grants (the configuration): only these may be applied for. */
  levels: readonly number[];
}) {
  const t = useTranslations("applications");
  const { level: levelName } = levelLabels(useTranslations("grade"));
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={["applicationErrors", "errors"]} className="space-y-6">
      <ErrorSummary />
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("new.general")}</legend>
        <Field name="appliedLevel" label={t("appliedLevel")} className="max-w-xs space-y-1 text-sm">
          {(props) => (
            <select {...props} name="appliedLevel" defaultValue={String(defaultLevel)} className={control}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {levelName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField name="note" label={t("note")} multiline maxLength={APPLICATION_LIMITS.note} />
      </fieldset>
      <fieldset className="rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("new.selfAssessment")}</legend>
        <ScoreSheetFields rules={rules} mineType={mineType} asOf={today} />
      </fieldset>
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {form.pending ? t("new.submitting") : t("new.submit")}
      </button>
    </Form>
  );
}
