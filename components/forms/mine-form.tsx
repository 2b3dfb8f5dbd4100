"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FormAction, FormState } from "@/lib/form-state";
import type { CombustionClass, GasGrade, HydroType, MineType } from "@/lib/generated/prisma/enums";
import { REGISTER_LIMITS } from "@/lib/validation/text-limits";
import { primaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";
import { RegionPicker, type RegionChoice } from "./region-picker";
import { ChoiceField, StatusChangeFields } from "./register-fields";

const NAMESPACES = ["mineRegister.errors", "errors"] as const;

export interface MineFormChoices {
  mineTypes: readonly MineType[];
  gasGrades: readonly GasGrade[];
  hydroTypes: readonly HydroType[];
  combustionClasses: readonly CombustionClass[];
  enterprises: readonly { id: number; name: string; nameEn: string | null }[];
}

/** The attributes a regulator keeps for a mine: the same fields when registering and editing. */
function AttributeFields({ choices }: { choices: MineFormChoices }) {
  const t = useTranslations("mineRegister");
  const te = useTranslations("enums");
  return (
    <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <legend className="px-1 font-semibold">{t("attributes")}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label={t("name")} maxLength={REGISTER_LIMITS.name} />
        <TextField name="nameEn" label={t("nameEn")} maxLength={REGISTER_LIMITS.name} />
      </div>
      <ChoiceField
        name="enterpriseId"
        label={t("enterprise")}
        empty={t("noEnterprise")}
        options={choices.enterprises.map((e) => ({ value: String(e.id), zh: e.name, en: e.nameEn }))}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <ChoiceField
          name="type"
          label={t("type")}
          options={choices.mineTypes.map((v) => ({ value: v, label: te(`mineType.${v}`) }))}
        />
        <TextField name="capacity" type="number" label={t("capacity")} />
        <ChoiceField
          name="gasGrade"
          label={t("gasGrade")}
          options={choices.gasGrades.map((v) => ({ value: v, label: te(`gasGrade.${v}`) }))}
        />
        <ChoiceField
          name="hydroType"
          label={t("hydroType")}
          options={choices.hydroTypes.map((v) => ({ value: v, label: te(`hydroType.${v}`) }))}
        />
        <ChoiceField
          name="combustionClass"
          label={t("combustionClass")}
          options={choices.combustionClasses.map((v) => ({ value: v, label: t(`combustion.${v}`) }))}
        />
        <ChoiceField
          name="rockBurst"
          label={t("rockBurst")}
          options={[
            { value: "false", label: t("no") },
            { value: "true", label: t("yes") },
          ]}
        />
      </div>
    </fieldset>
  );
}

/** Registering a mine: where (county picker and code), its attributes, and its first production status. */
export function RegisterMineForm({
  action,
  regions,
  nextSequence,
  choices,
  today,
}: {
  action: FormAction;
  regions: readonly RegionChoice[];
  nextSequence: Record<string, string>;
  choices: MineFormChoices;
  today: string;
}) {
  const t = useTranslations("mineRegister");
  const form = useFormAction(action, {
    ok: false,
    values: { type: "UNDERGROUND", gasGrade: "LOW", hydroType: "SIMPLE", combustionClass: "II", rockBurst: "false" },
  } as FormState);
  const [county, setCounty] = useState(form.state.values?.countyCode ?? "");
  const next = county ? (nextSequence[county] ?? "0001") : "";
  return (
    <Form form={form} namespaces={NAMESPACES} className="max-w-3xl space-y-4">
      <ErrorSummary />
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("location")}</legend>
        <RegionPicker regions={regions} name="countyCode" onCountyChange={setCounty} />
        <TextField name="sequence" label={t("sequence")} hint={t("sequenceHint")} />
        {next && (
          <p className="text-sm text-slate-700" data-testid="next-sequence">
            {t("nextFree", { sequence: next })} · {t("codePreview", { code: `${county}${next}` })}
          </p>
        )}
      </fieldset>
      <AttributeFields choices={choices} />
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 font-semibold">{t("initialStatus")}</legend>
        <StatusChangeFields today={today} />
      </fieldset>
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("register")}
      </button>
    </Form>
  );
}

/** Editing a mine's attributes; `values` are the mine's as loaded, with its version. */
export function EditMineForm({
  action,
  values,
  choices,
}: {
  action: FormAction;
  values: Record<string, string>;
  choices: MineFormChoices;
}) {
  const t = useTranslations("mineRegister");
  const form = useFormAction(action, { ok: false, values } as FormState);
  return (
    <Form form={form} namespaces={NAMESPACES} className="max-w-3xl space-y-4">
      <ErrorSummary />
      <input type="hidden" name="mineCode" value={values.mineCode} />
      <input type="hidden" name="version" value={values.version} />
      <AttributeFields choices={choices} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("save")}
      </button>
    </Form>
  );
}
