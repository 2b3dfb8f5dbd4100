"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addReplyAction } from "@/app/(portal)/mines/[code]/reply-actions";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";
import type { ReplyTarget } from "@/lib/validation/reply";

/** The mine manager's reply to one finding or decision; errors appear next to the text, in the user's language. */
export function ReplyForm({ target, targetId }: { target: ReplyTarget; targetId: number }) {
  const t = useTranslations("managerView.replies");
  const terr = useTranslations("errors");
  const [state, action, pending] = useActionState(addReplyAction, { ok: false } as FormState);
  const textError = state.fieldErrors?.text ? terr(state.fieldErrors.text) : undefined;
  return (
    <form action={action} noValidate className="space-y-2" data-testid={`reply-form-${target}-${targetId}`}>
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="targetId" value={targetId} />
      <div aria-live="polite">
        {state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("saved")}
          </p>
        )}
        {state.formError && !textError && (
          <p role="alert" className="text-sm text-red-800">
            {terr(state.formError)}
          </p>
        )}
      </div>
      <Field
        name="text"
        label={t(target === "finding" ? "labelFinding" : "labelDecision")}
        multiline
        error={textError}
        defaultValue={state.ok ? "" : state.values?.text}
      />
      <p className="text-xs text-slate-600">{t("hint")}</p>
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1 text-sm text-white disabled:opacity-60"
      >
        {t("submit")}
      </button>
    </form>
  );
}
