"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { computeGrade, roundForDisplay, validateScores, type ElementInput } from "@/lib/domain/grading";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import { levelLabels } from "@/lib/i18n/format";
import { pickName } from "@/lib/i18n/pick";
import { control } from "./kit/buttons";
import { useErrorText } from "./kit/error-text";
import { useFormContext, useRegisterLabel } from "./kit/form";

/** What was typed, for the engine: "" is missing (left out); anything else as a number, NaN when it is not one. */
function parseScore(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

/**
 * Element scores with 缺项 (not applicable) and the engine's live result, for spot-checks,
 * self-assessments and assessments. The scores travel in one hidden field `name` as JSON (an
 * unreadable score as ""), so the server validates exactly what was typed. Each score is checked
 * as it is typed, by the engine's own validation: a value out of range or not a number is marked
 * at once, and the result panel says so rather than asking for every score. The server's errors
 * (keyed "scores.<code>") show until the field is changed.
 */
export function ScoreSheetFields({
  rules,
  mineType,
  asOf,
  name = "scores",
  initial,
  testId,
}: {
  rules: RuleSet;
  mineType: MineType;
  asOf: string;
  name?: string;
  initial?: Record<string, ElementInput>;
  testId?: string;
}) {
  const t = useTranslations("applications.scoreSheet");
  const { level } = levelLabels(useTranslations("grade"));
  const locale = useLocale();
  const errorText = useErrorText();
  const form = useFormContext();
  const elements = elementsFor(rules, mineType);
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(initial ?? {}).flatMap(([k, v]) => (typeof v === "number" ? [[k, String(v)]] : [])),
    ),
  );
  const [na, setNa] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(Object.entries(initial ?? {}).flatMap(([k, v]) => (v === null ? [[k, true]] : []))),
  );
  // Fields changed since the server's last answer: its error on them is out of date.
  const answer = form?.state;
  const [changed, setChanged] = useState<{ answer: unknown; codes: string[] }>({ answer, codes: [] });
  const changedNow = changed.answer === answer ? changed.codes : [];
  const touch = (code: string) => setChanged({ answer, codes: [...changedNow, code] });

  const values: Record<string, ElementInput | undefined> = Object.fromEntries(
    elements.map((e) => [e.code, na[e.code] ? null : parseScore(scores[e.code] ?? "")]),
  );
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  // A missing score is not an error while typing: only what is there and wrong.
  const live = Object.fromEntries(
    validateScores(rules, mineType, typed)
      .filter((i) => i.problem === "OUT_OF_RANGE" || i.problem === "NOT_A_NUMBER")
      .map((i) => [i.elementCode, `score_${i.problem}`]),
  );
  const invalid = Object.keys(live).length;
  const complete = invalid === 0 && Object.keys(typed).length === elements.length;
  // The engine the server runs (without the veto facts, which only the server reads).
  const preview = complete
    ? computeGrade({ rules, mineType, scores: typed as Record<string, ElementInput>, asOf })
    : null;
  // Not a finite number goes as "" (JSON would turn Infinity into null, which means not applicable).
  const json = JSON.stringify(
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v === undefined || (v !== null && !Number.isFinite(v)) ? "" : v]),
    ),
  );
  const partName = (code: string) => {
    const p = rules.parts.find((x) => x.code === code);
    return p ? pickName(locale, p.nameZh, p.nameEn) : code;
  };

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3" data-testid={testId}>
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
          {elements.map((e) => (
            <ScoreRow
              key={e.code}
              code={e.code}
              label={`${e.code} ${pickName(locale, e.nameZh, e.nameEn)}`}
              weight={t("weight", { weight: e.weight })}
              notApplicableLabel={t("notApplicableFor", { element: e.code })}
              value={scores[e.code] ?? ""}
              notApplicable={Boolean(na[e.code])}
              error={
                live[e.code]
                  ? errorText(live[e.code])
                  : changedNow.includes(e.code)
                    ? undefined
                    : form?.error(`scores.${e.code}`)
              }
              onValue={(v) => {
                setScores({ ...scores, [e.code]: v });
                touch(e.code);
              }}
              onNotApplicable={(v) => {
                setNa({ ...na, [e.code]: v });
                touch(e.code);
              }}
            />
          ))}
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
          <p className="text-sm text-slate-600" data-testid="live-incomplete">
            {invalid > 0 ? t("invalidScores", { count: invalid }) : t("incomplete")}
          </p>
        )}
      </aside>
    </div>
  );
}

function ScoreRow({
  code,
  label,
  weight,
  notApplicableLabel,
  value,
  notApplicable,
  error,
  onValue,
  onNotApplicable,
}: {
  code: string;
  label: string;
  weight: string;
  notApplicableLabel: string;
  value: string;
  notApplicable: boolean;
  error: string | undefined;
  onValue: (value: string) => void;
  onNotApplicable: (value: boolean) => void;
}) {
  const form = useFormContext();
  const key = `scores.${code}`;
  const id = form ? form.idFor(key) : `score-${code}`;
  useRegisterLabel(key, label);
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="py-1 pr-2 text-left font-normal">
        <label htmlFor={id}>{label}</label>
        <span className="ml-1 text-xs text-slate-600">({weight})</span>
      </th>
      <td className="w-32 py-1 pr-2">
        <input
          id={id}
          data-element={code}
          inputMode="decimal"
          disabled={notApplicable}
          value={value}
          onChange={(ev) => onValue(ev.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={control}
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
          aria-label={notApplicableLabel}
          checked={notApplicable}
          onChange={(ev) => onNotApplicable(ev.target.checked)}
        />
      </td>
    </tr>
  );
}
