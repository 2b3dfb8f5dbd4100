"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { control } from "@/components/forms/kit/buttons";
import { Field } from "@/components/forms/kit/field";
import { useFormContext } from "@/components/forms/kit/form";
import { pickName } from "@/lib/i18n/pick";

/** A region of the GB/T 2260 table as the picker lists it. */
export interface PickerRegion {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
}

/**
 * Province → prefecture → county, from the Region table, sent as one field `name` holding the
 * deepest region chosen ("" for national). The levels of `fixed` (the caller's own jurisdiction)
 * cannot be changed: nobody picks a region outside their own. `maxLength` 4 stops at prefectures.
 */
export function RegionPicker({
  name,
  label,
  regions,
  fixed = "",
  maxLength = 6,
  allowNational = true,
  defaultValue = "",
  hint,
}: {
  name: string;
  label: string;
  regions: readonly PickerRegion[];
  fixed?: string;
  maxLength?: 2 | 4 | 6;
  allowNational?: boolean;
  defaultValue?: string;
  hint?: string;
}) {
  const t = useTranslations("admin.regionPicker");
  const locale = useLocale();
  const form = useFormContext();
  const [value, setValue] = useState(() => {
    const initial = form?.value(name) ?? defaultValue;
    return initial.startsWith(fixed) ? initial : fixed;
  });
  const nameOf = (r: PickerRegion) => `${pickName(locale, r.nameZh, r.nameEn)} (${r.code})`;
  const childrenOf = (parent: string | null, length: number) =>
    regions.filter((r) => r.code.length === length && (parent === null || r.code.startsWith(parent)));
  const province = value.slice(0, 2);
  const prefecture = value.length >= 4 ? value.slice(0, 4) : "";
  const county = value.length >= 6 ? value.slice(0, 6) : "";
  const level = (
    testId: string,
    levelLabel: string,
    current: string,
    options: PickerRegion[],
    locked: boolean,
    emptyLabel: string | null,
    parent: string,
    props?: object,
  ) => (
    <label className="block space-y-0.5">
      <span className="text-xs text-slate-600">{levelLabel}</span>
      <select
        {...props}
        data-testid={testId}
        value={current}
        disabled={locked}
        onChange={(e) => setValue(e.target.value || parent)}
        className={control}
      >
        {emptyLabel !== null && <option value="">{emptyLabel}</option>}
        {options.map((r) => (
          <option key={r.code} value={r.code}>
            {nameOf(r)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Field name={name} label={label} hint={hint}>
      {(props) => (
        <div className="grid gap-2 sm:grid-cols-3">
          <input type="hidden" name={name} value={value} />
          {level(
            `${name}-province`,
            t("province"),
            province,
            childrenOf(null, 2),
            fixed.length >= 2,
            allowNational && fixed === "" ? t("national") : t("choose"),
            "",
            props,
          )}
          {maxLength >= 4 &&
            province &&
            level(
              `${name}-prefecture`,
              t("prefecture"),
              prefecture,
              childrenOf(province, 4),
              fixed.length >= 4,
              t("wholeProvince"),
              province,
            )}
          {maxLength >= 6 &&
            prefecture &&
            level(
              `${name}-county`,
              t("county"),
              county,
              childrenOf(prefecture, 6),
              fixed.length >= 6,
              t("wholePrefecture"),
              prefecture,
            )}
        </div>
      )}
    </Field>
  );
}
