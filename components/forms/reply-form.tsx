"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import type { ReplyTarget } from "@/lib/validation/reply";
import { REPLY_MAX_LENGTH } from "@/lib/validation/text-limits";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** The mine manager's reply to one finding or decision; errors appear next to the text, in the user's language. */
export function ReplyForm({ action, target, targetId }: { action: FormAction; target: ReplyTarget; targetId: number }) {
  const t = useTranslations("managerView.replies");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-2" data-testid={`reply-form-${target}-${targetId}`}>
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="targetId" value={targetId} />
      <div aria-live="polite">
        {form.state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("saved")}
          </p>
        )}
      </div>
      <ErrorSummary />
      <TextField
        name="text"
        label={t(target === "finding" ? "labelFinding" : "labelDecision")}
        multiline
        hint={t("hint")}
        maxLength={REPLY_MAX_LENGTH}
      />
      <button
        type="submit"
        disabled={form.pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1 text-sm text-white disabled:opacity-60"
      >
        {t("submit")}
      </button>
    </Form>
  );
}
