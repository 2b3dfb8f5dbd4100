"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { lodgeObjectionAction } from "@/app/(public)/notices/[id]/actions";
import type { FormState } from "@/lib/form-state";
import { OBJECTION_LIMITS } from "@/lib/validation/application";
import { FormMessage, primaryButton, TextInput, useErrorText } from "./form-bits";

/** Anyone's objection to a grade under public notice (no login). */
export function ObjectionForm({ applicationId }: { applicationId: number }) {
  const t = useTranslations("notices");
  const errorText = useErrorText();
  const [state, action, pending] = useActionState(lodgeObjectionAction, { ok: false } as FormState);
  const fe = state.fieldErrors ?? {};
  if (state.ok)
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {t("thanks")}
      </p>
    );
  return (
    <form action={action} className="space-y-3" noValidate data-testid="objection-form">
      <input type="hidden" name="applicationId" value={applicationId} />
      <TextInput
        name="name"
        label={t("name")}
        autoComplete="name"
        maxLength={OBJECTION_LIMITS.name}
        defaultValue={state.values?.name}
        error={errorText(fe.name)}
      />
      <TextInput
        name="contact"
        label={t("contact")}
        maxLength={OBJECTION_LIMITS.contact}
        defaultValue={state.values?.contact}
        error={errorText(fe.contact)}
      />
      <TextInput
        name="text"
        label={t("text")}
        multiline
        maxLength={OBJECTION_LIMITS.text}
        defaultValue={state.values?.text}
        error={errorText(fe.text)}
      />
      <FormMessage text={errorText(state.formError)} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
