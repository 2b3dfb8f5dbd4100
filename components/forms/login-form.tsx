"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { login, type LoginState } from "@/app/(auth)/login/actions";
import { Field } from "@/components/ui/field";

export function LoginForm() {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState(login, { ok: false } as LoginState);
  return (
    <form
      action={action}
      noValidate
      className="space-y-4"
      aria-describedby={state.formError ? "login-error" : undefined}
    >
      <div aria-live="assertive">
        {state.formError && (
          <p
            id="login-error"
            role="alert"
            data-error={state.formError}
            className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {t(state.formError, state.formErrorValues)}
          </p>
        )}
      </div>
      <Field
        name="email"
        type="email"
        label={t("email")}
        autoComplete="username"
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email ? t(state.fieldErrors.email) : undefined}
      />
      <Field
        name="password"
        type="password"
        label={t("password")}
        autoComplete="current-password"
        error={state.fieldErrors?.password ? t(state.fieldErrors.password) : undefined}
      />
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 hover:bg-brand-800 w-full rounded px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
