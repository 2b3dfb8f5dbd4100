"use client";

import { useTranslations } from "next-intl";
import type { FormAction, FormState } from "@/lib/form-state";
import { REGISTER_LIMITS } from "@/lib/validation/text-limits";
import { primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** Creates an enterprise, or (with `values` holding its id and version) renames one. */
export function EnterpriseForm({ action, values }: { action: FormAction; values?: Record<string, string> }) {
  const t = useTranslations("mineRegister.enterprises");
  const form = useFormAction(action, { ok: false, values } as FormState);
  return (
    <Form
      form={form}
      namespaces={["mineRegister.errors", "errors"]}
      className="max-w-xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
    >
      <ErrorSummary />
      {form.state.ok && (
        <p role="status" className="text-sm text-green-800">
          {t("created")}
        </p>
      )}
      {values && <input type="hidden" name="enterpriseId" value={values.enterpriseId} />}
      {values && <input type="hidden" name="version" value={values.version} />}
      <TextField name="name" label={t("name")} maxLength={REGISTER_LIMITS.enterpriseName} />
      <TextField name="nameEn" label={t("nameEn")} maxLength={REGISTER_LIMITS.enterpriseName} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {values ? t("save") : t("create")}
      </button>
    </Form>
  );
}
