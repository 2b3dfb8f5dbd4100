"use client";

import { useTranslations } from "next-intl";
import { control, primaryButton } from "@/components/forms/kit/buttons";
import { ErrorSummary } from "@/components/forms/kit/error-summary";
import { Field, TextField } from "@/components/forms/kit/field";
import { Form, useFormAction } from "@/components/forms/kit/form";
import type { FormAction } from "@/lib/form-state";
import { ADMIN_LIMITS } from "@/lib/validation/text-limits";
import { RegionPicker, type PickerRegion } from "./region-picker";
import { ADMIN_NAMESPACES } from "./user-form";

export interface AuthorityValues {
  id: number;
  version: number;
  nameZh: string;
  nameEn: string;
  kind: string;
  regionCode: string;
}

/** An authority's names, kind and region: a new one (no `authority`) or an existing one (version-checked). */
export function AuthorityForm({
  action,
  kinds,
  regions,
  authority,
}: {
  action: FormAction;
  kinds: readonly string[];
  regions: readonly PickerRegion[];
  authority?: AuthorityValues;
}) {
  const t = useTranslations("admin.authorities");
  const tk = useTranslations("enums.authorityKind");
  const form = useFormAction(action, { ok: false });
  const v = (name: keyof AuthorityValues) =>
    form.state.values?.[name] ?? (authority ? String(authority[name]) : undefined);
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <ErrorSummary />
      {form.state.ok && (
        <p role="status" className="text-sm text-green-800">
          {authority ? t("saved") : t("created")}
        </p>
      )}
      {authority && (
        <>
          <input type="hidden" name="authorityId" value={authority.id} />
          <input type="hidden" name="version" value={authority.version} />
        </>
      )}
      <TextField name="nameZh" label={t("nameZh")} maxLength={ADMIN_LIMITS.authorityName} defaultValue={v("nameZh")} />
      <TextField name="nameEn" label={t("nameEn")} maxLength={ADMIN_LIMITS.authorityName} defaultValue={v("nameEn")} />
      <Field name="kind" label={t("kind")}>
        {(props) => (
          <select {...props} name="kind" defaultValue={v("kind") ?? kinds[0]} className={control}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {tk(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <RegionPicker
        name="regionCode"
        label={t("region")}
        regions={regions}
        defaultValue={authority?.regionCode ?? ""}
      />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {authority ? t("save") : t("create")}
      </button>
    </Form>
  );
}
