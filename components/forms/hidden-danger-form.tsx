"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { EVENT_LIMITS } from "@/lib/validation/text-limits";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** A mine manager's self-report of a major hidden danger. */
export function HiddenDangerForm({ action, today }: { action: FormAction; today: string }) {
  const t = useTranslations("events");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-3">
      <div aria-live="polite">
        {form.state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("hiddenDangerSaved")}
          </p>
        )}
      </div>
      <ErrorSummary />
      <TextField name="foundOn" type="date" max={today} label={t("foundOn")} defaultValue={today} />
      <TextField name="description" label={t("dangerDescription")} multiline maxLength={EVENT_LIMITS.description} />
      <button
        type="submit"
        disabled={form.pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white disabled:opacity-60"
      >
        {t("reportHiddenDanger")}
      </button>
    </Form>
  );
}
