"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** Sign-in; `next` is the page to return to (already checked to be on this site). */
export function LoginForm({ action, next }: { action: FormAction; next: string | null }) {
  const t = useTranslations("login");
  const form = useFormAction(action, { ok: false });
  return (
    <Form
      form={form}
      namespaces={["login"]}
      className="space-y-4"
      aria-describedby={form.state.formError ? "login-error" : undefined}
    >
      <ErrorSummary alertId="login-error" />
      {next && <input type="hidden" name="next" value={next} />}
      <TextField name="email" type="email" label={t("email")} autoComplete="username" />
      <TextField name="password" type="password" label={t("password")} autoComplete="current-password" />
      <button
        type="submit"
        disabled={form.pending}
        className="bg-brand-700 hover:bg-brand-800 w-full rounded px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </Form>
  );
}
