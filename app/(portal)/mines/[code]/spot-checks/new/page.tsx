import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SpotCheckForm } from "@/components/forms/spot-check-form";
import { todayInChina } from "@/lib/domain/dates";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { getMineSummary } from "@/lib/server/data/mines";
import { allRuleSets } from "@/lib/server/data/rules";
import { saveSpotCheck } from "./actions";

export default async function NewSpotCheckPage({ params }: { params: Promise<{ code: string }> }) {
  const caller = await requireCaller();
  if (!can(caller.role, "spotCheck.record")) notFound();
  const mine = await getMineSummary(caller, decodeURIComponent((await params).code));
  if (!mine) notFound();
  const [t, locale, ruleSets] = await Promise.all([getTranslations("spotCheckForm"), getLocale(), allRuleSets()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title", { mine: pickName(locale, mine.name, mine.nameEn) })}</h1>
      <p className="font-mono text-sm text-slate-600">{mine.code}</p>
      <SpotCheckForm
        action={saveSpotCheck}
        mine={{ code: mine.code, type: mine.type }}
        ruleSets={ruleSets}
        today={todayInChina()}
      />
    </div>
  );
}
