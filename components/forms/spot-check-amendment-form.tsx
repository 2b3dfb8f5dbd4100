"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { AMENDMENT_LIMITS } from "@/lib/validation/text-limits";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

export interface AmendableFinding {
  id: number;
  /** Element code and name, severity: already in the user's language. */
  heading: string;
  text: string;
  /** Deadline, formatted for display; null when none was set. */
  rectifyBy: string | null;
  /** The recorded rectification date as YYYY-MM-DD, or null. */
  rectifiedOn: string | null;
}

/**
 * Amends team, notes and each finding's rectification date. The version the page was rendered from
 * goes back with the form: if someone amended the spot-check in between, the server refuses with a
 * conflict and the form keeps what the user typed.
 */
export function SpotCheckAmendmentForm({
  action,
  mineCode,
  spotCheckId,
  version,
  checkedOn,
  checkedOnLabel,
  today,
  team,
  notes,
  findings,
}: {
  action: FormAction;
  mineCode: string;
  spotCheckId: number;
  version: number;
  checkedOn: string;
  checkedOnLabel: string;
  today: string;
  team: string;
  notes: string | null;
  findings: AmendableFinding[];
}) {
  const t = useTranslations("spotCheckEdit");
  const form = useFormAction(action, { ok: false });
  const detailHref = `/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}`;
  return (
    <Form
      form={form}
      className="max-w-3xl space-y-4 rounded-lg bg-white p-4 shadow-sm"
      data-testid="spot-check-amendment-form"
      data-checked-on={checkedOn}
    >
      <ErrorSummary>
        {form.state.formError === "spotCheckChanged" && (
          <p>
            <a href={detailHref} target="_blank" rel="noopener noreferrer" className="underline">
              {t("viewCurrent")}
            </a>
          </p>
        )}
      </ErrorSummary>
      <input type="hidden" name="mineCode" value={mineCode} />
      <input type="hidden" name="spotCheckId" value={spotCheckId} />
      <input type="hidden" name="version" value={version} />
      <TextField name="team" label={t("team")} defaultValue={team} maxLength={AMENDMENT_LIMITS.team} />
      <TextField
        name="notes"
        label={t("notes")}
        multiline
        defaultValue={notes ?? ""}
        maxLength={AMENDMENT_LIMITS.notes}
      />

      <fieldset className="space-y-3">
        <legend className="font-semibold">{t("findings")}</legend>
        <p className="text-sm text-slate-700">{t("findingsHint", { date: checkedOnLabel })}</p>
        {findings.length === 0 && <p className="text-sm text-slate-600">{t("noFindings")}</p>}
        <ul className="space-y-3">
          {findings.map((f, i) => {
            // The field name is the key of its error too (rectifiedOnField in lib/validation, not
            // imported here to keep zod out of the browser bundle).
            const name = `rectifiedOn.${f.id}`;
            return (
              <li key={f.id} className="rounded border border-slate-200 p-3" data-testid={`amend-finding-${f.id}`}>
                <p className="text-sm font-medium">{f.heading}</p>
                <p className="mt-1 text-sm">{f.text}</p>
                <p className="mt-1 text-xs text-slate-700">
                  {f.rectifyBy ? t("rectifyBy", { date: f.rectifyBy }) : t("noDeadline")}
                </p>
                <div className="mt-2 max-w-xs">
                  <TextField
                    name={name}
                    type="date"
                    max={today}
                    label={t("rectifiedOn", { n: i + 1 })}
                    defaultValue={f.rectifiedOn ?? ""}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={form.pending}
          className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-2 text-white disabled:opacity-60"
        >
          {t("save")}
        </button>
        <Link href={detailHref} className="text-brand-700 text-sm underline">
          {t("cancel")}
        </Link>
      </div>
    </Form>
  );
}
