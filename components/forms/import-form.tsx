"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { FormAction } from "@/lib/form-state";
import { initialImportState, type ImportFormState } from "@/lib/import/import-state";
import { useFormAction } from "./kit/form";

export function ImportForm({
  action,
  maxMb,
  maxRows,
  children,
}: {
  action: FormAction<ImportFormState>;
  maxMb: number;
  maxRows: number;
  /** Fields sent with the file (the register's import: what the file holds). */
  children?: ReactNode;
}) {
  const t = useTranslations("importForm");
  const tAll = useTranslations();
  // Submitted through the kit, so a refused file stays chosen.
  const form = useFormAction(action, initialImportState);
  const { state, pending } = form;
  const ref = useRef<HTMLFormElement>(null);
  // Imported: the file is cleared, so the same file is not sent twice by mistake.
  useEffect(() => {
    if (state.status === "done") ref.current?.reset();
  }, [state]);
  const id = useId();
  // Checked here too: a body above the server's limit would never reach the action's own check.
  const [tooLarge, setTooLarge] = useState(false);
  const shown = tooLarge ? null : state;
  const failed = shown?.status === "failed" ? shown : null;
  const done = shown?.status === "done" ? shown : null;
  // A problem with the whole file (none chosen, too large, unreadable) is shown next to the input.
  const fileError = tooLarge
    ? { message: "problems.fileTooLarge", params: { max: maxMb } }
    : failed?.errors.length === 1 && failed.errors[0].row === 0
      ? failed.errors[0]
      : null;
  const table = failed && !fileError ? failed : null;

  return (
    <div className="space-y-4">
      <form
        ref={ref}
        action={form.dispatch}
        onSubmit={(e) => {
          const file = new FormData(e.currentTarget).get("file");
          const large = file instanceof File && file.size > maxMb * 1024 * 1024;
          setTooLarge(large);
          if (large) e.preventDefault();
          else form.onSubmit(e);
        }}
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        {children}
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-file`} className="block font-medium">
            {t("fileLabel")}
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={`${id}-hint${fileError ? ` ${id}-file-error` : ""}`}
            aria-invalid={fileError ? true : undefined}
            onChange={() => setTooLarge(false)}
            className="block text-sm"
          />
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {t("fileHint", { max: maxMb, rows: maxRows })}
          </p>
          {fileError && (
            <p id={`${id}-file-error`} role="alert" className="text-xs text-red-700">
              {t(fileError.message, fileError.params)}
            </p>
          )}
        </div>
        <button
          type="submit"
          disabled={pending}
          className="bg-brand-700 hover:bg-brand-800 rounded px-5 py-2 font-medium text-white disabled:opacity-60"
        >
          {t("submit")}
        </button>
      </form>

      <div aria-live="polite" className="space-y-3">
        {pending && <p className="text-sm text-slate-700">{t("importing")}</p>}
        {!pending && done && (
          <p
            role="status"
            data-testid="import-success"
            className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900"
          >
            {done.message
              ? tAll(done.message, { imported: done.imported })
              : t("success", { imported: done.imported, proposals: done.proposals })}
          </p>
        )}
        {!pending && table && (
          <div
            role="alert"
            data-testid="import-failed"
            className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
          >
            <h2 className="font-semibold">{t("errorsHeading")}</h2>
            <p>{t("errorsSummary", { count: table.errors.length + table.omitted })}</p>
          </div>
        )}
      </div>

      {!pending && table && (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="import-errors">
            <caption className="px-3 py-2 text-left font-semibold">{t("errorsCaption")}</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("colRow")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colColumn")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colMessage")}
                </th>
              </tr>
            </thead>
            <tbody>
              {table.errors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="px-3 py-1 font-mono">{e.row > 0 ? e.row : t("wholeFile")}</td>
                  <td className="px-3 py-1 font-mono">{e.column || "—"}</td>
                  <td className="px-3 py-1">{t(e.message, e.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {table.omitted > 0 && <p className="px-3 py-2 text-sm">{t("omitted", { count: table.omitted })}</p>}
        </div>
      )}
    </div>
  );
}
