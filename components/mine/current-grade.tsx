import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { daysBetween } from "@/lib/domain/dates";
import { gradeEnd } from "@/lib/domain/grade-validity";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { MineProfile } from "@/lib/server/data/mines";
import { lastValidDay } from "@/lib/domain/grade-validity";

/** The grade in force today, its validity, the days it has left and who announced it. */
export async function CurrentGrade({ grade, today }: { grade: MineProfile["currentGrade"]; today: string }) {
  const [t, tm, f, locale] = await Promise.all([
    getTranslations("profile"),
    getTranslations("managerView"),
    getDisplayFormat(),
    getLocale(),
  ]);
  return (
    <Section title={t("currentGrade")}>
      <div className="flex items-center gap-4" data-testid="current-grade">
        <GradeBadge level={grade?.level ?? null} size="lg" />
        {grade ? (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("announcedOn")}</dt>
            <dd>{f.date(grade.announcedOn)}</dd>
            <dt className="text-slate-600">{t("validUntil")}</dt>
            <dd>{f.date(lastValidDay(grade.validUntil))}</dd>
            <dt className="text-slate-600">{t("daysRemaining")}</dt>
            <dd data-testid="days-remaining">{t("days", { count: daysBetween(today, gradeEnd(grade)) })}</dd>
            <dt className="text-slate-600">{tm("profile.nextReReview")}</dt>
            <dd data-testid="next-re-review-date">{f.date(grade.validUntil)}</dd>
            <dt className="text-slate-600">{t("authority")}</dt>
            <dd>{pickName(locale, grade.authority.nameZh, grade.authority.nameEn)}</dd>
            <dt className="text-slate-600">{t("announcementNo")}</dt>
            <dd>{grade.announcementNo}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-700">{t("noCurrentGrade")}</p>
        )}
      </div>
    </Section>
  );
}
