"use client";

import { useTranslations } from "next-intl";
import { control, primaryButton, secondaryButton } from "@/components/forms/kit/buttons";
import { ErrorSummary } from "@/components/forms/kit/error-summary";
import { Field } from "@/components/forms/kit/field";
import { Form, useFormAction } from "@/components/forms/kit/form";
import { pickName } from "@/lib/i18n/pick";
import type { FormAction, FormState } from "@/lib/form-state";
import { OneTimePassword } from "./one-time-password";
import { ADMIN_NAMESPACES } from "./user-form";

type OperationState = FormState & { done?: string; password?: string };

/** One button acting on an account (disable, reset password…), with the version the page showed. */
export function UserOperation({
  action,
  userId,
  version,
  email,
  label,
  testId,
  danger = false,
}: {
  action: FormAction;
  userId: number;
  version: number;
  email: string;
  label: string;
  testId: string;
  danger?: boolean;
}) {
  const t = useTranslations("admin.users");
  const form = useFormAction(action, { ok: false });
  const state = form.state as OperationState;
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="space-y-2">
      <ErrorSummary />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        data-testid={testId}
        disabled={form.pending}
        className={danger ? `${secondaryButton} border-red-600 text-red-800` : secondaryButton}
      >
        {label}
      </button>
      {state.ok && state.password && <OneTimePassword email={email} password={state.password} />}
      {state.ok && state.done && !state.password && (
        <p role="status" className="text-sm text-green-800">
          {t(`done.${state.done}`)}
        </p>
      )}
    </Form>
  );
}

/** The mine a manager's account belongs to, picked among the mines of its county the caller sees. */
export function LinkMineForm({
  action,
  userId,
  version,
  mineId,
  mines,
  locale,
}: {
  action: FormAction;
  userId: number;
  version: number;
  mineId: number | null;
  mines: { id: number; code: string; name: string; nameEn: string | null }[];
  locale: string;
}) {
  const t = useTranslations("admin.users");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={ADMIN_NAMESPACES} className="space-y-2">
      <ErrorSummary />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="version" value={version} />
      <Field name="mineId" label={t("mine")} hint={t("mineHint")}>
        {(props) => (
          <select
            {...props}
            name="mineId"
            defaultValue={form.state.values?.mineId ?? String(mineId ?? "")}
            className={control}
          >
            <option value="">{t("noMine")}</option>
            {mines.map((m) => (
              <option key={m.id} value={m.id}>
                {pickName(locale, m.name, m.nameEn)} ({m.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("linkMine")}
      </button>
      {(form.state as OperationState).done && (
        <p role="status" className="text-sm text-green-800">
          {t("done.mineLinked")}
        </p>
      )}
    </Form>
  );
}
