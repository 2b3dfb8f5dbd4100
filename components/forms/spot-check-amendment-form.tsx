"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { amendSpotCheckAction } from "@/app/(portal)/mines/[code]/spot-checks/[id]/edit/actions";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";

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
  const terr = useTranslations("errors");
  const [state, action, pending] = useActionState(amendSpotCheckAction, { ok: false } as FormState);
  const err = (k: string) => {
    const key = state.fieldErrors?.[k];
    if (!key) return undefined;
    return terr.has(key) ? terr(key) : terr("invalid");
  };
  const v = state.values ?? {};
  const detailHref = `/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}`;
  return (
    <form
      action={action}
      noValidate
      className="max-w-3xl space-y-4 rounded-lg bg-white p-4 shadow-sm"
      data-testid="spot-check-amendment-form"
      data-checked-on={checkedOn}
    >
      <input type="hidden" name="mineCode" value={mineCode} />
      <input type="hidden" name="spotCheckId" value={spotCheckId} />
      <input type="hidden" name="version" value={version} />
      <div aria-live="assertive">
        {state.formError && (
          <div
            role="alert"
            className="space-y-1 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p>{terr.has(state.formError) ? terr(state.formError) : terr("invalid")}</p>
            {state.formError === "spotCheckChanged" && (
              <p>
                <a href={detailHref} target="_blank" rel="noopener noreferrer" className="underline">
                  {t("viewCurrent")}
                </a>
              </p>
            )}
          </div>
        )}
      </div>
      <Field name="team" label={t("team")} error={err("team")} defaultValue={v.team ?? team} />
      <Field name="notes" label={t("notes")} multiline error={err("notes")} defaultValue={v.notes ?? notes ?? ""} />

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
                  <Field
                    name={name}
                    type="date"
                    max={today}
                    label={t("rectifiedOn", { n: i + 1 })}
                    error={err(name)}
                    defaultValue={v[name] ?? f.rectifiedOn ?? ""}
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
          disabled={pending}
          className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-2 text-white disabled:opacity-60"
        >
          {t("save")}
        </button>
        <Link href={detailHref} className="text-brand-700 text-sm underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
