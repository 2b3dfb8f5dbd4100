"use client";

import { useLocale, useTranslations } from "next-intl";
import { ProductionStatus } from "@/lib/generated/prisma/enums";
import { pickName } from "@/lib/i18n/pick";
import { REGISTER_LIMITS } from "@/lib/validation/text-limits";
import { control } from "./kit/buttons";
import { Field, TextField } from "./kit/field";
import { useFormContext } from "./kit/form";

type Choice = { value: string; label: string } | { value: string; zh: string; en: string | null };

/** A select whose value comes back from the action after an error (the form keeps its input). */
export function ChoiceField({
  name,
  label,
  options,
  empty,
}: {
  name: string;
  label: string;
  options: readonly Choice[];
  /** The label of an empty first option, when the field may be left empty. */
  empty?: string;
}) {
  const form = useFormContext();
  const locale = useLocale();
  return (
    <Field name={name} label={label}>
      {(props) => (
        <select {...props} name={name} defaultValue={form?.value(name) ?? ""} className={control}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {"label" in o ? o.label : pickName(locale, o.zh, o.en)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A production-status change: the status, from when, and why (reason and document number). */
export function StatusChangeFields({ today }: { today: string }) {
  const t = useTranslations("mineRegister");
  const te = useTranslations("enums");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <ChoiceField
        name="status"
        label={t("status")}
        options={Object.values(ProductionStatus).map((s) => ({ value: s, label: te(`status.${s}`) }))}
      />
      <TextField name="effectiveOn" type="date" max={today} label={t("effectiveOn")} />
      <TextField name="reason" label={t("reason")} maxLength={REGISTER_LIMITS.reason} />
      <TextField name="documentNo" label={t("documentNo")} maxLength={REGISTER_LIMITS.documentNo} />
    </div>
  );
}
