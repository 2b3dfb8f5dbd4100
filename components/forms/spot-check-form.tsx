"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { saveSpotCheck } from "@/app/(portal)/mines/[code]/spot-checks/new/actions";
import { computeGrade, roundForDisplay, type ElementInput } from "@/lib/domain/grading";
import { ruleVersionOn } from "@/lib/domain/rule-data";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import type { FormState } from "@/lib/form-state";
import { pickName } from "@/lib/i18n/pick";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check";

interface Finding {
  elementCode: string;
  text: string;
  severity: "MAJOR" | "GENERAL";
  rectifyBy: string;
}

const input = "w-full rounded border border-slate-400 px-2 py-1 aria-[invalid]:border-red-600";

/** Parses a typed score: "" is missing, anything not a finite number is kept as NaN so the engine is not run. */
function parseScore(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

export function SpotCheckForm({
  mine,
  ruleSets,
  today,
}: {
  mine: { code: string; type: MineType };
  ruleSets: RuleSet[];
  today: string;
}) {
  const t = useTranslations("spotCheckForm");
  const te = useTranslations("enums");
  const terr = useTranslations("errors");
  const locale = useLocale();
  const [state, action, pending] = useActionState(saveSpotCheck, { ok: false } as FormState);
  const [checkedOn, setCheckedOn] = useState(today);
  const [type, setType] = useState<(typeof SPOT_CHECK_TYPES)[number]>("ROUTINE");
  const [team, setTeam] = useState("");
  const [scores, setScores] = useState<Record<string, string>>({});
  const [na, setNa] = useState<Record<string, boolean>>({});
  const [findings, setFindings] = useState<Finding[]>([]);
  const [dangers, setDangers] = useState<string[]>([]);
  const [conclusion, setConclusion] = useState<(typeof CONCLUSIONS)[number]>("GRADE_MAINTAINED");
  const [notes, setNotes] = useState("");

  const rules = ruleVersionOn(checkedOn || today, ruleSets);
  const elements = elementsFor(rules, mine.type);
  const scoreValues: Record<string, ElementInput> = Object.fromEntries(
    elements.map((e) => [e.code, na[e.code] ? null : parseScore(scores[e.code] ?? "")]),
  );
  const complete = Object.values(scoreValues).every((v) => v === null || (Number.isFinite(v) && v >= 0 && v <= 100));
  // The same engine the server runs: what the regulator sees while typing is what will be saved.
  // The same engine the server runs (cheap: one pass over ~15 elements), so what the regulator sees
  // while typing is what will be saved.
  const preview = complete
    ? computeGrade({ rules, mineType: mine.type, scores: scoreValues, asOf: checkedOn || today })
    : null;
  const fe = state.fieldErrors ?? {};
  const err = (key: string) => (fe[key] ? terr(fe[key]) : undefined);
  const payload = JSON.stringify(
    {
      mineCode: mine.code,
      checkedOn,
      type,
      team,
      scores: scoreValues,
      findings: findings.map((f) => ({ ...f, rectifyBy: f.rectifyBy || undefined })),
      majorHiddenDangers: dangers.map((description) => ({ description })),
      conclusion,
      notes: notes || undefined,
    },
    (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "" : v),
  );

  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="payload" value={payload} />
      <div aria-live="assertive">
        {state.formError && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {terr(state.formError)}
          </p>
        )}
      </div>
      <fieldset className="grid gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("general")}</legend>
        <Field label={t("checkedOn")} error={err("checkedOn")}>
          {(props) => (
            <input
              {...props}
              type="date"
              name="checkedOn"
              max={today}
              value={checkedOn}
              onChange={(e) => setCheckedOn(e.target.value)}
              className={input}
            />
          )}
        </Field>
        <Field label={t("type")} error={err("type")}>
          {(props) => (
            <select
              {...props}
              name="type"
              value={type}
              onChange={(e) => setType(e.target.value as typeof type)}
              className={input}
            >
              {SPOT_CHECK_TYPES.map((v) => (
                <option key={v} value={v}>
                  {te(`spotCheckType.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("team")} error={err("team")}>
          {(props) => (
            <input {...props} name="team" value={team} onChange={(e) => setTeam(e.target.value)} className={input} />
          )}
        </Field>
        <p className="text-sm text-slate-600 sm:col-span-3">
          {t("ruleVersion", { name: pickName(locale, rules.nameZh, rules.nameEn) })}
        </p>
      </fieldset>

      <div className="grid gap-6 lg:grid-cols-3">
        <fieldset className="rounded-lg bg-white p-4 shadow-sm lg:col-span-2">
          <legend className="px-1 font-semibold">{t("scores")}</legend>
          <table className="min-w-full text-sm">
            <thead className="text-left">
              <tr>
                <th scope="col" className="py-1">
                  {t("element")}
                </th>
                <th scope="col" className="py-1">
                  {t("score")}
                </th>
                <th scope="col" className="py-1">
                  {t("notApplicable")}
                </th>
              </tr>
            </thead>
            <tbody>
              {elements.map((e) => {
                const error = err(`scores.${e.code}`);
                const id = `score-${e.code}`;
                return (
                  <tr key={e.code} className="border-t border-slate-100">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      <label htmlFor={id}>
                        {e.code} {pickName(locale, e.nameZh, e.nameEn)}
                      </label>
                      <span className="ml-1 text-xs text-slate-500">({t("weight", { weight: e.weight })})</span>
                    </th>
                    <td className="w-32 py-1 pr-2">
                      <input
                        id={id}
                        name={`scores.${e.code}`}
                        inputMode="decimal"
                        disabled={na[e.code]}
                        value={scores[e.code] ?? ""}
                        onChange={(ev) => setScores({ ...scores, [e.code]: ev.target.value })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                        className={input}
                      />
                      {error && (
                        <p id={`${id}-error`} className="text-xs text-red-700">
                          {error}
                        </p>
                      )}
                    </td>
                    <td className="py-1">
                      <input
                        type="checkbox"
                        aria-label={t("notApplicableFor", { element: e.code })}
                        checked={Boolean(na[e.code])}
                        onChange={(ev) => setNa({ ...na, [e.code]: ev.target.checked })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>

        <aside aria-live="polite" className="h-fit rounded-lg bg-white p-4 shadow-sm" data-testid="live-result">
          <h2 className="mb-2 font-semibold">{t("result")}</h2>
          {preview ? (
            <dl className="space-y-1 text-sm">
              {preview.parts.map((p) => (
                <div key={p.code} className="flex justify-between">
                  <dt>
                    {pickName(
                      locale,
                      rules.parts.find((x) => x.code === p.code)?.nameZh ?? p.code,
                      rules.parts.find((x) => x.code === p.code)?.nameEn,
                    )}
                  </dt>
                  <dd>{p.score === null ? "—" : roundForDisplay(p.score).toFixed(1)}</dd>
                </div>
              ))}
              <div className="flex justify-between border-t pt-1 font-semibold">
                <dt>{t("total")}</dt>
                <dd data-testid="live-total">
                  {preview.total === null ? "—" : roundForDisplay(preview.total).toFixed(1)}
                </dd>
              </div>
              <div className="flex justify-between font-semibold">
                <dt>{t("level")}</dt>
                <dd data-testid="live-level">
                  {preview.level ? t("levelValue", { level: preview.level }) : t("noLevel")}
                </dd>
              </div>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">{t("incomplete")}</p>
          )}
        </aside>
      </div>

      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("findings")}</legend>
        {findings.map((f, i) => (
          <div key={i} className="grid gap-2 border-b border-slate-100 pb-3 sm:grid-cols-6">
            <Field label={t("element")} error={err(`findings.${i}.elementCode`)}>
              {(props) => (
                <select
                  {...props}
                  value={f.elementCode}
                  onChange={(e) =>
                    setFindings(findings.map((x, j) => (j === i ? { ...x, elementCode: e.target.value } : x)))
                  }
                  className={input}
                >
                  <option value="">—</option>
                  {elements.map((e) => (
                    <option key={e.code} value={e.code}>
                      {e.code} {pickName(locale, e.nameZh, e.nameEn)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="sm:col-span-3">
              <Field label={t("findingText")} error={err(`findings.${i}.text`)}>
                {(props) => (
                  <input
                    {...props}
                    value={f.text}
                    onChange={(e) =>
                      setFindings(findings.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))
                    }
                    className={input}
                  />
                )}
              </Field>
            </div>
            <Field label={t("severity")} error={err(`findings.${i}.severity`)}>
              {(props) => (
                <select
                  {...props}
                  value={f.severity}
                  onChange={(e) =>
                    setFindings(
                      findings.map((x, j) => (j === i ? { ...x, severity: e.target.value as Finding["severity"] } : x)),
                    )
                  }
                  className={input}
                >
                  <option value="GENERAL">{te("severity.GENERAL")}</option>
                  <option value="MAJOR">{te("severity.MAJOR")}</option>
                </select>
              )}
            </Field>
            <Field label={t("rectifyBy")} error={err(`findings.${i}.rectifyBy`)}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={f.rectifyBy}
                  onChange={(e) =>
                    setFindings(findings.map((x, j) => (j === i ? { ...x, rectifyBy: e.target.value } : x)))
                  }
                  className={input}
                />
              )}
            </Field>
            <button
              type="button"
              className="text-sm text-red-700 underline sm:col-span-6 sm:text-left"
              onClick={() => setFindings(findings.filter((_, j) => j !== i))}
            >
              {t("remove")}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="rounded border px-3 py-1 text-sm hover:bg-slate-100"
          onClick={() => setFindings([...findings, { elementCode: "", text: "", severity: "GENERAL", rectifyBy: "" }])}
        >
          {t("addFinding")}
        </button>
      </fieldset>

      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("hiddenDangers")}</legend>
        {dangers.map((d, i) => (
          <div key={i} className="flex items-end gap-2">
            <div className="flex-1">
              <Field label={t("hiddenDangerText", { n: i + 1 })} error={err(`majorHiddenDangers.${i}.description`)}>
                {(props) => (
                  <input
                    {...props}
                    value={d}
                    onChange={(e) => setDangers(dangers.map((x, j) => (j === i ? e.target.value : x)))}
                    className={input}
                  />
                )}
              </Field>
            </div>
            <button
              type="button"
              className="text-sm text-red-700 underline"
              onClick={() => setDangers(dangers.filter((_, j) => j !== i))}
            >
              {t("remove")}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="rounded border px-3 py-1 text-sm hover:bg-slate-100"
          onClick={() => setDangers([...dangers, ""])}
        >
          {t("addHiddenDanger")}
        </button>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("conclusion")}</legend>
        <Field label={t("conclusion")} error={err("conclusion")}>
          {(props) => (
            <select
              {...props}
              name="conclusion"
              value={conclusion}
              onChange={(e) => setConclusion(e.target.value as typeof conclusion)}
              className={input}
            >
              {CONCLUSIONS.map((c) => (
                <option key={c} value={c}>
                  {te(`conclusion.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("notes")} error={err("notes")}>
          {(props) => (
            <textarea {...props} value={notes} onChange={(e) => setNotes(e.target.value)} className={input} rows={2} />
          )}
        </Field>
      </fieldset>

      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-5 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}

type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error?: string;
  children: (props: ControlProps) => React.ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
