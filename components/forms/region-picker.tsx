"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { pickName } from "@/lib/i18n/pick";
import { control } from "./kit/buttons";
import { Field } from "./kit/field";
import { useFormContext } from "./kit/form";

/** A region the picker offers: code, names, and its parent's code ("" for a province). */
export interface RegionChoice {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parent: string;
}

/**
 * Province → prefecture → county, three selects narrowing one another, sending the county's code
 * as `name`. Only the regions given are offered (the caller's jurisdiction), so a code outside it
 * cannot be chosen here; the server checks it again. The county's error shows under its select.
 */
export function RegionPicker({
  regions,
  name,
  onCountyChange,
}: {
  regions: readonly RegionChoice[];
  name: string;
  onCountyChange?: (code: string) => void;
}) {
  const t = useTranslations("mineRegister");
  const locale = useLocale();
  const form = useFormContext();
  const initial = form?.value(name) ?? "";
  const provinces = regions.filter((r) => r.code.length === 2);
  const single = (list: RegionChoice[]) => (list.length === 1 ? list[0].code : "");
  const [province, setProvince] = useState(initial.slice(0, 2) || single(provinces));
  const prefectures = regions.filter((r) => r.code.length === 4 && r.parent === province);
  const [prefecture, setPrefecture] = useState(initial.slice(0, 4) || single(prefectures));
  const counties = regions.filter((r) => r.code.length === 6 && r.parent === prefecture);
  const [county, setCounty] = useState(initial || single(counties));
  const chooseCounty = (code: string) => {
    setCounty(code);
    onCountyChange?.(code);
  };
  const options = (list: RegionChoice[]) => [
    <option key="" value="">
      {t("choose")}
    </option>,
    ...list.map((r) => (
      <option key={r.code} value={r.code}>
        {pickName(locale, r.nameZh, r.nameEn)}
      </option>
    )),
  ];
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Field label={t("province")}>
        {(props) => (
          <select
            {...props}
            value={province}
            onChange={(e) => {
              setProvince(e.target.value);
              setPrefecture("");
              chooseCounty("");
            }}
            className={control}
            data-testid="pick-province"
          >
            {options(provinces)}
          </select>
        )}
      </Field>
      <Field label={t("prefecture")}>
        {(props) => (
          <select
            {...props}
            value={prefecture}
            onChange={(e) => {
              setPrefecture(e.target.value);
              chooseCounty("");
            }}
            className={control}
            data-testid="pick-prefecture"
          >
            {options(prefectures)}
          </select>
        )}
      </Field>
      <Field name={name} label={t("county")}>
        {(props) => (
          <select
            {...props}
            name={name}
            value={county}
            onChange={(e) => chooseCounty(e.target.value)}
            className={control}
            data-testid="pick-county"
          >
            {options(counties)}
          </select>
        )}
      </Field>
    </div>
  );
}
