import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ApplicationForm } from "@/components/forms/application-form";
import { REGRADE_WINDOW_MONTHS } from "@/lib/domain/application-workflow";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { applicationStart } from "@/lib/server/data/applications";
import { submitApplicationAction } from "./actions";
import { lastValidDay } from "@/lib/domain/grade-validity";

export async function generateMetadata() {
  const t = await getTranslations("applications");
  return { title: t("new.link") };
}

export default async function NewApplicationPage() {
  const caller = await requireCaller();
  const start = await applicationStart(caller);
  if (!start) notFound();
  const { mine, currentGrade, openApplication, grantedLevels, ruleSet, extensionOffered, today } = start;
  const [t, f, locale] = await Promise.all([getTranslations("applications"), getDisplayFormat(), getLocale()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new.title", { mine: pickName(locale, mine.name, mine.nameEn) })}</h1>
      <p className="font-mono text-sm text-slate-600">{mine.code}</p>
      <p className="text-sm text-slate-800" data-testid="current-grade-note">
        {currentGrade
          ? t("new.currentGrade", {
              level: f.level(currentGrade.level),
              date: f.date(lastValidDay(currentGrade.validUntil)),
            })
          : t("new.noGrade")}{" "}
        {t("new.rules", { months: REGRADE_WINDOW_MONTHS })}
      </p>
      {openApplication ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {t("new.openApplication")}{" "}
          <Link href={`/applications/${openApplication.id}`} className="text-brand-700 underline">
            {t("number", { id: openApplication.id })}
          </Link>
        </p>
      ) : ruleSet ? (
        <>
          <p className="text-sm text-slate-700">
            {t("new.ruleVersion", { name: pickName(locale, ruleSet.rules.nameZh, ruleSet.rules.nameEn) })}
          </p>
          <ApplicationForm
            action={submitApplicationAction}
            mineType={mine.type}
            rules={ruleSet.rules}
            today={today}
            // A graded mine usually applies to move up; an ungraded one most often for Level 2.
            defaultLevel={Math.min(Math.max(...grantedLevels), currentGrade ? Math.max(1, currentGrade.level - 1) : 2)}
            levels={grantedLevels}
            extensionOffered={extensionOffered}
          />
        </>
      ) : (
        <p role="alert">{t("new.noRuleVersion")}</p>
      )}
    </div>
  );
}
