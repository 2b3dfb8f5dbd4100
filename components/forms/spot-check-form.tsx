"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ruleVersionIn } from "@/lib/domain/rule-version-on";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import type { FormAction } from "@/lib/form-state";
import { pickName } from "@/lib/i18n/pick";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check-options";
import { SPOT_CHECK_LIMITS } from "@/lib/validation/text-limits";
import { control as input } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { ScoreSheetFields } from "./score-sheet-fields";

interface Finding {
  elementCode: string;
  text: string;
  severity: "MAJOR" | "GENERAL";
  rectifyBy: string;
}

export function SpotCheckForm({
  action,
  mine,
  ruleSets,
  today,
}: {
  action: FormAction;
  mine: { code: string; type: MineType };
  ruleSets: RuleSet[];
  today: string;
}) {
  const t = useTranslations("spotCheckForm");
  const te = useTranslations("enums");
  const locale = useLocale();
  const form = useFormAction(action, { ok: false });
  const [checkedOn, setCheckedOn] = useState(today);
  const [type, setType] = useState<(typeof SPOT_CHECK_TYPES)[number]>("ROUTINE");
  const [team, setTeam] = useState("");
  const [findings, setFindings] = useState<Finding[]>([]);
  const [dangers, setDangers] = useState<string[]>([]);
  const [conclusion, setConclusion] = useState<(typeof CONCLUSIONS)[number]>("GRADE_MAINTAINED");
  const [notes, setNotes] = useState("");

  const rules = ruleVersionIn(checkedOn || today, ruleSets);
  const elements = elementsFor(rules, mine.type);
  const payload = JSON.stringify(
    {
      mineCode: mine.code,
      checkedOn,
      type,
      team,
      findings: findings.map((f) => ({ ...f, rectifyBy: f.rectifyBy || undefined })),
      majorHiddenDangers: dangers.map((description) => ({ description })),
      conclusion,
      notes: notes || undefined,
    },
    (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "" : v),
  );

  return (
    <Form form={form} className="space-y-6">
      <input type="hidden" name="payload" value={payload} />
      <ErrorSummary />
      <fieldset className="grid grid-cols-1 gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("general")}</legend>
        <Field name="checkedOn" label={t("checkedOn")}>
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
        <Field name="type" label={t("type")}>
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
        <Field name="team" label={t("team")} limit={{ max: SPOT_CHECK_LIMITS.team, length: team.length }}>
          {(props) => (
            <input {...props} name="team" value={team} onChange={(e) => setTeam(e.target.value)} className={input} />
          )}
        </Field>
        <p className="text-sm text-slate-600 sm:col-span-3">
          {t("ruleVersion", { name: pickName(locale, rules.nameZh, rules.nameEn) })}
        </p>
      </fieldset>

      <fieldset className="rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("scores")}</legend>
        {/* Scores travel in their own hidden field "scores"; the action merges them into the payload. */}
        <ScoreSheetFields rules={rules} mineType={mine.type} asOf={checkedOn || today} />
      </fieldset>

      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("findings")}</legend>
        {findings.map((f, i) => (
          <div key={i} className="grid grid-cols-1 gap-2 border-b border-slate-100 pb-3 sm:grid-cols-6">
            <Field name={`findings.${i}.elementCode`} label={t("element")}>
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
              <Field
                name={`findings.${i}.text`}
                label={t("findingText")}
                limit={{ max: SPOT_CHECK_LIMITS.findingText, length: f.text.length }}
              >
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
            <Field name={`findings.${i}.severity`} label={t("severity")}>
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
            <Field name={`findings.${i}.rectifyBy`} label={t("rectifyBy")}>
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
              <Field
                name={`majorHiddenDangers.${i}.description`}
                label={t("hiddenDangerText", { n: i + 1 })}
                limit={{ max: SPOT_CHECK_LIMITS.hiddenDanger, length: d.length }}
              >
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

      <fieldset className="grid grid-cols-1 gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("conclusion")}</legend>
        <Field name="conclusion" label={t("conclusion")}>
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
        <Field name="notes" label={t("notes")} limit={{ max: SPOT_CHECK_LIMITS.notes, length: notes.length }}>
          {(props) => (
            <textarea {...props} value={notes} onChange={(e) => setNotes(e.target.value)} className={input} rows={2} />
          )}
        </Field>
      </fieldset>

      <button
        type="submit"
        disabled={form.pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-5 py-2 font-medium text-white disabled:opacity-60"
      >
        {form.pending ? t("saving") : t("save")}
      </button>
    </Form>
  );
}
