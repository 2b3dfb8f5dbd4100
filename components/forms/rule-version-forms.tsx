"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { RULE_VERSION_NAME_MAX_LENGTH } from "@/lib/validation/text-limits";
import { control, primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field, TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/** Copies a version to a new draft, then links to it. */
export function CloneRuleForm({ action, codes }: { action: FormAction; codes: string[] }) {
  const t = useTranslations("ruleVersions");
  const form = useFormAction(action, { ok: false });
  const kept = (name: string) => form.state.values?.[name];
  return (
    <Form form={form} className="grid gap-3 sm:grid-cols-2" aria-label={t("cloneTitle")}>
      <div className="sm:col-span-2" aria-live="polite">
        {form.state.ok && form.state.values?.code && (
          <p role="status" className="text-sm text-green-800">
            <Link href={`/admin/rules/${encodeURIComponent(form.state.values.code)}`} className="underline">
              {t("cloned", { code: form.state.values.code })}
            </Link>
          </p>
        )}
        <ErrorSummary />
      </div>
      <Field name="from" label={t("cloneFrom")}>
        {(props) => (
          <select {...props} name="from" defaultValue={kept("from") ?? codes[codes.length - 1]} className={control}>
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField name="code" label={t("newCode")} defaultValue={kept("code")} maxLength={16} />
      <TextField
        name="nameZh"
        label={t("nameZh")}
        defaultValue={kept("nameZh")}
        maxLength={RULE_VERSION_NAME_MAX_LENGTH}
      />
      <TextField
        name="nameEn"
        label={t("nameEn")}
        defaultValue={kept("nameEn")}
        maxLength={RULE_VERSION_NAME_MAX_LENGTH}
      />
      <div className="sm:col-span-2">
        <button type="submit" disabled={form.pending} className={primaryButton}>
          {t("clone")}
        </button>
      </div>
    </Form>
  );
}

export interface DraftSection {
  title: string;
  fields: { name: string; label: string; value: string }[];
}

/** Every value of a draft, one compact section per kind, saved together at the version shown. */
export function RuleDraftForm({
  action,
  code,
  version,
  sections,
}: {
  action: FormAction;
  code: string;
  version: number;
  sections: DraftSection[];
}) {
  const t = useTranslations("ruleVersions");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-4" aria-label={t("editTitle")}>
      <div aria-live="polite">
        {form.state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("saved")}
          </p>
        )}
        <ErrorSummary />
      </div>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      {sections.map((s) => (
        <fieldset key={s.title} className="rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{s.title}</legend>
          <div className="grid gap-2 sm:grid-cols-3 lg:grid-cols-4">
            {s.fields.map((f) => (
              <TextField
                key={f.name}
                name={f.name}
                label={f.label}
                defaultValue={form.state.values?.[f.name] ?? f.value}
                maxLength={32}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("save")}
      </button>
    </Form>
  );
}

/** Publishes a draft with its effective date, at the version shown. */
export function PublishRuleForm({
  action,
  code,
  version,
  effectiveFrom,
}: {
  action: FormAction;
  code: string;
  version: number;
  effectiveFrom: string;
}) {
  const t = useTranslations("ruleVersions");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-2" aria-label={t("publishTitle")}>
      <ErrorSummary />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      <TextField
        name="effectiveFrom"
        type="date"
        label={t("effectiveFrom")}
        defaultValue={form.state.values?.effectiveFrom ?? effectiveFrom}
      />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("publish")}
      </button>
    </Form>
  );
}
