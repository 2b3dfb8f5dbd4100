"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FormAction } from "@/lib/form-state";
import {
  EVIDENCE_ACCEPT,
  MAX_EVIDENCE_FILE_BYTES,
  MAX_EVIDENCE_FILE_MB,
  MAX_EVIDENCE_FILES_PER_RECORD,
  MAX_EVIDENCE_UPLOAD_BYTES,
  MAX_EVIDENCE_UPLOAD_MB,
  type EvidenceOwnerKind,
} from "@/lib/validation/evidence-limits";
import { ErrorSummary } from "./kit/error-summary";
import { useErrorText } from "./kit/error-text";
import { Field } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { control } from "./kit/buttons";

/** The problem with a choice of files the browser can see before sending them (the server checks again). */
function localProblem(
  files: FileList | null,
  already: number,
): { key: string; params: Record<string, string | number> } | null {
  const list = files ? [...files] : [];
  if (already + list.length > MAX_EVIDENCE_FILES_PER_RECORD)
    return { key: "tooManyFiles", params: { max: MAX_EVIDENCE_FILES_PER_RECORD } };
  const big = list.find((f) => f.size > MAX_EVIDENCE_FILE_BYTES);
  if (big) return { key: "fileTooLarge", params: { max: MAX_EVIDENCE_FILE_MB, name: big.name } };
  if (list.reduce((s, f) => s + f.size, 0) > MAX_EVIDENCE_UPLOAD_BYTES)
    return { key: "uploadTooLarge", params: { max: MAX_EVIDENCE_UPLOAD_MB } };
  return null;
}

/**
 * The file input of an evidence upload (name "files"), stating the limits; a choice over them is
 * reported next to it at once, and `onProblem` lets the form hold back its submit button.
 */
export function EvidenceFilesField({
  label,
  hint,
  already = 0,
  onProblem,
}: {
  label: string;
  hint?: string;
  already?: number;
  onProblem?: (problem: boolean) => void;
}) {
  const t = useTranslations("evidence");
  const errorText = useErrorText(["errors"]);
  const [local, setLocal] = useState<string | undefined>();
  const limits = t("hint", {
    perFile: MAX_EVIDENCE_FILE_MB,
    perUpload: MAX_EVIDENCE_UPLOAD_MB,
    perRecord: MAX_EVIDENCE_FILES_PER_RECORD,
  });
  return (
    <Field name="files" label={label} hint={[limits, hint].filter(Boolean).join(" ")} error={local}>
      {(props) => (
        <input
          {...props}
          type="file"
          name="files"
          multiple
          accept={EVIDENCE_ACCEPT}
          className={`${control} text-sm`}
          data-testid="evidence-files"
          onChange={(e) => {
            const problem = localProblem(e.currentTarget.files, already);
            setLocal(problem ? errorText(problem.key, problem.params) : undefined);
            onProblem?.(problem !== null);
          }}
        />
      )}
    </Field>
  );
}

/** Adds photos or PDFs to one record (the page shows it only to those who may; the server decides). */
export function EvidenceUploadForm({
  action,
  ownerKind,
  ownerId,
  already,
}: {
  action: FormAction;
  ownerKind: EvidenceOwnerKind;
  ownerId: number;
  already: number;
}) {
  const t = useTranslations("evidence");
  const form = useFormAction(action, { ok: false });
  const [problem, setProblem] = useState(false);
  if (already >= MAX_EVIDENCE_FILES_PER_RECORD)
    return <p className="text-xs text-slate-600">{t("full", { max: MAX_EVIDENCE_FILES_PER_RECORD })}</p>;
  return (
    <Form form={form} className="space-y-2" data-testid={`evidence-form-${ownerKind}-${ownerId}`}>
      <input type="hidden" name="ownerKind" value={ownerKind} />
      <input type="hidden" name="ownerId" value={ownerId} />
      <div aria-live="polite">
        {form.state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("uploaded")}
          </p>
        )}
      </div>
      <ErrorSummary />
      <EvidenceFilesField label={t("field")} already={already} onProblem={setProblem} />
      <button
        type="submit"
        disabled={form.pending || problem}
        className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1 text-sm text-white disabled:opacity-60"
      >
        {form.pending ? t("uploading") : t("upload")}
      </button>
    </Form>
  );
}
