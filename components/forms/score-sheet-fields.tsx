"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { computeGrade, roundForDisplay, type ElementInput } from "@/lib/domain/grading";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import { levelLabels } from "@/lib/i18n/format";
import { pickName } from "@/lib/i18n/pick";

const input = "w-full rounded border border-slate-400 px-2 py-1 aria-[invalid]:border-red-600";

/** "" is missing; anything not a finite number is kept as NaN so the engine is not run on it. */
function parseScore(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/**
 * Element scores with 缺项 (not applicable) and the engine's live result, for self-assessments and
 * assessments. The scores travel in one hidden field `name` as JSON (an unreadable score as ""), so
 * the server validates exactly what was typed; `errors` are translated messages keyed "scores.<code>".
 */
export function ScoreSheetFields({
  rules,
  mineType,
  asOf,
  name = "scores",
  errors = {},
  initial,
  testId,
}: {
  rules: RuleSet;
  mineType: MineType;
  asOf: string;
  name?: string;
  errors?: Record<string, string | undefined>;
  initial?: Record<string, ElementInput>;
  testId?: string;
}) {
  const t = useTranslations("applications.scoreSheet");
  const { level } = levelLabels(useTranslations("grade"));
  const locale = useLocale();
  const elements = elementsFor(rules, mineType);
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(initial ?? {}).flatMap(([k, v]) => (typeof v === "number" ? [[k, String(v)]] : [])),
    ),
  );
  const [na, setNa] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(Object.entries(initial ?? {}).flatMap(([k, v]) => (v === null ? [[k, true]] : []))),
  );
  const values: Record<string, ElementInput> = Object.fromEntries(
    elements.map((e) => [e.code, na[e.code] ? null : parseScore(scores[e.code] ?? "")]),
  );
  const complete = Object.values(values).every((v) => v === null || (Number.isFinite(v) && v >= 0 && v <= 100));
  // The engine the server runs (without the veto facts, which only the server reads).
  const preview = complete ? computeGrade({ rules, mineType, scores: values, asOf }) : null;
  const json = JSON.stringify(values, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "" : v));
  const partName = (code: string) => {
    const p = rules.parts.find((x) => x.code === code);
    return p ? pickName(locale, p.nameZh, p.nameEn) : code;
  };

  return (
    <div className="grid gap-6 lg:grid-cols-3" data-testid={testId}>
      <input type="hidden" name={name} value={json} />
      <table className="min-w-full text-sm lg:col-span-2">
        <caption className="sr-only">{t("caption")}</caption>
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
            const error = errors[`scores.${e.code}`];
            const id = `${name}-${e.code}`;
            return (
              <tr key={e.code} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-2 text-left font-normal">
                  <label htmlFor={id}>
                    {e.code} {pickName(locale, e.nameZh, e.nameEn)}
                  </label>
                  <span className="ml-1 text-xs text-slate-600">({t("weight", { weight: e.weight })})</span>
                </th>
                <td className="w-32 py-1 pr-2">
                  <input
                    id={id}
                    data-element={e.code}
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
      <aside aria-live="polite" className="h-fit rounded border border-slate-200 p-3" data-testid="live-result">
        <h3 className="mb-2 font-semibold">{t("result")}</h3>
        {preview ? (
          <dl className="space-y-1 text-sm">
            {preview.parts.map((p) => (
              <div key={p.code} className="flex justify-between gap-2">
                <dt>{partName(p.code)}</dt>
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
              <dd data-testid="live-level">{preview.level ? level(preview.level) : t("noLevel")}</dd>
            </div>
            <p className="pt-1 text-xs text-slate-600">{t("vetoNote")}</p>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">{t("incomplete")}</p>
        )}
      </aside>
    </div>
  );
}
