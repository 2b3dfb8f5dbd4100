"use client";

import { useTranslations } from "next-intl";
import { control, primaryButton, secondaryButton } from "@/components/forms/kit/buttons";
import { ErrorSummary } from "@/components/forms/kit/error-summary";
import { Field, TextField } from "@/components/forms/kit/field";
import { Form, useFormAction } from "@/components/forms/kit/form";
import type { FormAction } from "@/lib/form-state";
import { levelLabels } from "@/lib/i18n/format";
import { RegionPicker, type PickerRegion } from "./region-picker";
import { ADMIN_NAMESPACES } from "./user-form";

/** A ratio 0–1 as the percent the forms take ("12.5"). */
export function percentText(ratio: number): string {
  return String(Math.round(ratio * 10000) / 100);
}

/** A new target: year, region (national, province or prefecture), level, and the ratio as a percent. */
export function CreateTargetForm({
  action,
  regions,
  fixed,
  year,
}: {
  action: FormAction;
  regions: readonly PickerRegion[];
  fixed: string;
  year: number;
}) {
  const t = useTranslations("admin.targets");
  const { level: levelName } = levelLabels(useTranslations("grade"));
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <ErrorSummary />
      {form.state.ok && (
        <p role="status" className="text-sm text-green-800">
          {t("created")}
        </p>
      )}
      <TextField name="year" type="number" label={t("year")} defaultValue={form.state.values?.year ?? String(year)} />
      <RegionPicker
        name="regionCode"
        label={t("region")}
        regions={regions}
        fixed={fixed}
        maxLength={4}
        allowNational={fixed === ""}
        defaultValue={fixed}
      />
      <Field name="level" label={t("level")}>
        {(props) => (
          <select {...props} name="level" defaultValue={form.state.values?.level ?? ""} className={control}>
            <option value="">{t("allLevels")}</option>
            {[1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {levelName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField name="ratio" label={t("ratio")} hint={t("ratioHint")} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("create")}
      </button>
    </Form>
  );
}

/** A target's ratio, changed in its row of the list (version-checked). */
export function UpdateTargetForm({
  action,
  target,
}: {
  action: FormAction;
  target: { id: number; version: number; ratio: number };
}) {
  const t = useTranslations("admin.targets");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="space-y-1">
      <ErrorSummary />
      <input type="hidden" name="targetId" value={target.id} />
      <input type="hidden" name="version" value={target.version} />
      <div className="flex items-end gap-2">
        <TextField
          name="ratio"
          label={t("ratio")}
          defaultValue={form.state.values?.ratio ?? percentText(target.ratio)}
        />
        <button
          type="submit"
          disabled={form.pending}
          className={secondaryButton}
          data-testid={`save-target-${target.id}`}
        >
          {t("save")}
        </button>
      </div>
      {form.state.ok && (
        <p role="status" className="text-xs text-green-800">
          {t("saved")}
        </p>
      )}
    </Form>
  );
}
