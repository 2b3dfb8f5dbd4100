import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AccidentForm } from "@/components/forms/accident-form";
import { todayInChina } from "@/lib/domain/dates";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { getMineSummary } from "@/lib/server/data/mines";
import { recordAccidentAction } from "../../actions";

export default async function NewAccidentPage({ params }: { params: Promise<{ code: string }> }) {
  const caller = await requireCaller();
  if (!can(caller.role, "accident.record")) notFound();
  const mine = await getMineSummary(caller, decodeURIComponent((await params).code));
  if (!mine) notFound();
  const [t, locale] = await Promise.all([getTranslations("events"), getLocale()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("accidentTitle", { mine: pickName(locale, mine.name, mine.nameEn) })}
      </h1>
      <AccidentForm action={recordAccidentAction} mineCode={mine.code} today={todayInChina()} />
    </div>
  );
}
