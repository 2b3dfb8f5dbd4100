"use client";

import { useTranslations } from "next-intl";
import { primaryButton } from "@/components/forms/kit/buttons";
import type { FormAction } from "@/lib/form-state";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** The current password and a new one, twice; nothing typed here is ever sent back. */
export function ChangePasswordForm({ action }: { action: FormAction }) {
  const t = useTranslations("admin.password");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={["adminErrors", "errors"]} className="space-y-4">
      <ErrorSummary />
      <TextField name="current" type="password" label={t("current")} autoComplete="current-password" defaultValue="" />
      <TextField
        name="password"
        type="password"
        label={t("new")}
        autoComplete="new-password"
        hint={t("policy")}
        defaultValue=""
      />
      <TextField name="confirm" type="password" label={t("confirm")} autoComplete="new-password" defaultValue="" />
      <button type="submit" disabled={form.pending} className={`${primaryButton} w-full`}>
        {t("submit")}
      </button>
    </Form>
  );
}
