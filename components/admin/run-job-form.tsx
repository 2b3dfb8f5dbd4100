"use client";

import { useTranslations } from "next-intl";
import { secondaryButton } from "@/components/forms/kit/buttons";
import { ErrorSummary } from "@/components/forms/kit/error-summary";
import { Form, useFormAction } from "@/components/forms/kit/form";
import type { FormAction } from "@/lib/form-state";

/** "Run now" for one scheduled job: queues a run that the first free worker takes. */
export function RunJobNowForm({ action, job, label }: { action: FormAction; job: string; label: string }) {
  const t = useTranslations("admin.jobs.form");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-1" aria-label={t("runNowOf", { job: label })}>
      <input type="hidden" name="job" value={job} />
      <ErrorSummary />
      <button type="submit" disabled={form.pending} className={secondaryButton}>
        {t("runNow")}
        <span className="sr-only"> {label}</span>
      </button>
      {form.state.ok && (
        <p role="status" className="text-sm text-green-800">
          {t("queuedNotice")}
        </p>
      )}
    </Form>
  );
}
