"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { conditionField, evidenceField } from "@/lib/domain/basic-conditions";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import { pickName } from "@/lib/i18n/pick";
import type { FormAction } from "@/lib/form-state";
import { levelLabels } from "@/lib/i18n/format";
import { APPLICATION_LIMITS } from "@/lib/validation/text-limits";
import { control, primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field, TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { ScoreSheetFields } from "./score-sheet-fields";

/**
 * The mine manager's application: what it asks for (a grading, or the direct extension of a Level 1
 * grade when the mine may have one), the level, the answer and evidence for each basic condition
 * (基本条件) of the rules in force, and the self-assessment scores.
 */
export function ApplicationForm({
  action,
  mineType,
  rules,
  today,
  defaultLevel,
  levels,
  extensionOffered = false,
}: {
  action: FormAction;
  mineType: MineType;
  rules: RuleSet;
  today: string;
  defaultLevel: number;
  /** The levels the mine's province grants (the configuration): only these may be applied for. */
  levels: readonly number[];
  /** The mine may have its Level 1 grade extended directly today (directExtensionProblem found nothing). */
  extensionOffered?: boolean;
}) {
  const t = useTranslations("applications");
  const locale = useLocale();
  const { level: levelName } = levelLabels(useTranslations("grade"));
  const form = useFormAction(action, { ok: false });
  const [kind, setKind] = useState(extensionOffered ? "DIRECT_EXTENSION" : "GRADING");
  const extension = kind === "DIRECT_EXTENSION";
  const shownLevels = extension ? [1] : levels;
  return (
    <Form form={form} namespaces={["applicationErrors", "errors"]} className="space-y-6">
      <ErrorSummary />
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("new.general")}</legend>
        {extensionOffered ? (
          <>
            <p className="text-sm text-slate-800" data-testid="extension-offered">
              {t("new.extensionOffered", { months: rules.directExtensionWindowMonths })}
            </p>
            <Field name="kind" label={t("kind")} className="max-w-md space-y-1 text-sm">
              {(props) => (
                <select
                  {...props}
                  name="kind"
                  value={kind}
                  onChange={(e) => setKind(e.target.value)}
                  className={control}
                >
                  <option value="DIRECT_EXTENSION">{t("new.kindExtension")}</option>
                  <option value="GRADING">{t("new.kindGrading")}</option>
                </select>
              )}
            </Field>
          </>
        ) : (
          <input type="hidden" name="kind" value="GRADING" />
        )}
        <Field name="appliedLevel" label={t("appliedLevel")} className="max-w-xs space-y-1 text-sm">
          {(props) => (
            <select
              {...props}
              key={kind}
              name="appliedLevel"
              defaultValue={String(extension ? 1 : defaultLevel)}
              className={control}
            >
              {shownLevels.map((l) => (
                <option key={l} value={l}>
                  {levelName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField name="note" label={t("note")} multiline maxLength={APPLICATION_LIMITS.note} />
      </fieldset>
      <fieldset className="space-y-4 rounded-lg bg-white p-4 shadow-sm" data-testid="basic-conditions">
        <legend className="px-1 font-semibold">{t("new.conditions")}</legend>
        <p className="text-sm text-slate-700">{t("new.conditionsHint")}</p>
        {rules.basicConditions.map((c) => (
          <div key={c.code} className="space-y-2 border-t border-slate-200 pt-3" data-condition={c.code}>
            <p className="text-sm font-medium">{pickName(locale, c.textZh, c.textEn)}</p>
            <Field name={conditionField(c.code)} label={t("new.met")} className="max-w-xs space-y-1 text-sm">
              {(props) => (
                <select
                  {...props}
                  name={conditionField(c.code)}
                  defaultValue={form.state.values?.[conditionField(c.code)] ?? ""}
                  className={control}
                >
                  <option value="">{t("new.metChoose")}</option>
                  <option value="yes">{t("new.metYes")}</option>
                  <option value="no">{t("new.metNo")}</option>
                </select>
              )}
            </Field>
            <TextField
              name={evidenceField(c.code)}
              label={t("new.evidence")}
              multiline
              rows={2}
              maxLength={APPLICATION_LIMITS.evidence}
            />
          </div>
        ))}
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
