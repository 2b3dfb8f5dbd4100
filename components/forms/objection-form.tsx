"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { OBJECTION_LIMITS } from "@/lib/validation/text-limits";
import { primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { EvidenceFilesField } from "./evidence-upload-form";
import { useState } from "react";

/** Anyone's objection to a grade under public notice (no login). */
export function ObjectionForm({ action, applicationId }: { action: FormAction; applicationId: number }) {
  const t = useTranslations("notices");
  const te = useTranslations("evidence");
  const form = useFormAction(action, { ok: false });
  const [fileProblem, setFileProblem] = useState(false);
  if (form.state.ok)
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {t("thanks")}
      </p>
    );
  return (
    <Form form={form} namespaces={["applicationErrors", "errors"]} className="space-y-3" data-testid="objection-form">
      <ErrorSummary />
      <input type="hidden" name="applicationId" value={applicationId} />
      <TextField name="name" label={t("name")} autoComplete="name" maxLength={OBJECTION_LIMITS.name} />
      <TextField name="contact" label={t("contact")} maxLength={OBJECTION_LIMITS.contact} />
      <TextField name="text" label={t("text")} multiline rows={6} maxLength={OBJECTION_LIMITS.text} />
      <EvidenceFilesField label={te("objectionField")} hint={te("publicHint")} onProblem={setFileProblem} />
      <button type="submit" disabled={form.pending || fileProblem} className={primaryButton}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </Form>
  );
}
