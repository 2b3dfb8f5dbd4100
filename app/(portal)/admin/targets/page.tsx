import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CreateTargetForm, UpdateTargetForm } from "@/components/admin/target-forms";
import { ListTable } from "@/components/ui/list-table";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { todayInChina } from "@/lib/domain/dates";
import { requireCaller } from "@/lib/server/auth/session";
import { regionsUnder } from "@/lib/server/data/regions";
import { listSpotCheckTargets } from "@/lib/server/data/spot-check-targets";
import { TARGET_YEARS } from "@/lib/validation/admin";
import { createTargetAction, updateTargetAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.targets");
  return { title: t("title") };
}

export default async function TargetsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const caller = await requireCaller();
  const thisYear = Number(todayInChina().slice(0, 4));
  const year = z.coerce
    .number()
    .int()
    .min(TARGET_YEARS.min)
    .max(TARGET_YEARS.max)
    .catch(thisYear)
    .parse((await searchParams).year ?? thisYear);
  const rows = await listSpotCheckTargets(caller, year);
  if (!rows) notFound();
  const [t, f, locale, regions] = await Promise.all([
    getTranslations("admin.targets"),
    getDisplayFormat(),
    getLocale(),
    regionsUnder(caller.role === "ADMIN" ? "" : caller.jurisdiction, { maxLength: 4 }),
  ]);
  const fixed = caller.role === "ADMIN" ? "" : caller.jurisdiction;
  const nameOf = new Map(regions.map((r) => [r.code, pickName(locale, r.nameZh, r.nameEn)]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <form method="get" className="flex items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("year")}</span>
          <input
            name="year"
            type="number"
            defaultValue={year}
            className="w-28 rounded border border-slate-400 bg-white px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {t("showYear")}
        </button>
      </form>
      <ListTable
        caption={t("title")}
        testId="targets-table"
        columns={[t("region"), t("level"), t("ratio")]}
        empty={rows.length === 0 && t("none")}
      >
        {rows.map((r) => (
          <tr
            key={r.id}
            className="border-t border-slate-200"
            data-testid={`target-${r.regionCode || "national"}-${r.level ?? "all"}`}
          >
            <th scope="row" className="px-2 py-1.5 text-left font-normal">
              {r.regionCode ? `${nameOf.get(r.regionCode) ?? ""} (${r.regionCode})` : t("national")}
            </th>
            <td className="px-2 py-1.5">{r.level ? f.level(r.level) : t("allLevels")}</td>
            <td className="px-2 py-1.5">
              {r.editable ? (
                <UpdateTargetForm action={updateTargetAction} target={r} />
              ) : (
                <span title={t("readOnly")}>
                  {f.weight(r.ratio)} <span className="text-xs text-slate-600">({t("readOnly")})</span>
                </span>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("newTitle")}</h2>
        <CreateTargetForm action={createTargetAction} regions={regions} fixed={fixed} year={year} />
      </section>
    </div>
  );
}
