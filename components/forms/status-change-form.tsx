"use client";

import { useTranslations } from "next-intl";
import type { FormAction, FormState } from "@/lib/form-state";
import { primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Form, useFormAction } from "./kit/form";
import { StatusChangeFields } from "./register-fields";

/** Records a production-status change of one mine (closure included), dated today unless changed. */
export function StatusChangeForm({ action, mineCode, today }: { action: FormAction; mineCode: string; today: string }) {
  const t = useTranslations("mineRegister");
  const form = useFormAction(action, { ok: false, values: { effectiveOn: today } } as FormState);
  return (
    <Form
      form={form}
      namespaces={["mineRegister.errors", "errors"]}
      className="max-w-3xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
    >
      <ErrorSummary />
      <input type="hidden" name="mineCode" value={mineCode} />
      <StatusChangeFields today={today} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("recordChange")}
      </button>
    </Form>
  );
}
