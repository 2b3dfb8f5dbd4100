import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ObjectionForm } from "@/components/forms/objection-form";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { getNotice } from "@/lib/server/data/applications";
import { lodgeObjectionAction } from "./actions";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params) {
  const t = await getTranslations("notices");
  const found = await getNotice(Number((await params).id));
  const locale = await getLocale();
  return {
    title: found
      ? t("detailTitle", { mine: pickName(locale, found.notice.mine.name, found.notice.mine.nameEn) })
      : t("title"),
  };
}

/** One public notice and, while it runs, the objection form (no login). */
export default async function NoticePage({ params }: Params) {
  const found = await getNotice(Number((await params).id));
  if (!found) notFound();
  const { notice, authority, open } = found;
  const [t, f, locale] = await Promise.all([getTranslations("notices"), getDisplayFormat(), getLocale()]);
  const county = notice.mine.county;
  const region = [county.parent?.parent, county.parent, county]
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .map((r) => pickName(locale, r.nameZh, r.nameEn))
    .join(" · ");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/notices" className="underline">
          {t("all")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold" data-testid="notice-title">
        {t("detailTitle", { mine: pickName(locale, notice.mine.name, notice.mine.nameEn) })}
      </h1>
      <Section title={t("summary")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">{t("mineCode")}</dt>
          <dd className="font-mono">{notice.mine.code}</dd>
          <dt className="text-slate-600">{t("col.region")}</dt>
          <dd>{region}</dd>
          <dt className="text-slate-600">{t("proposedLevel")}</dt>
          <dd>
            <GradeBadge level={notice.resultLevel} />
          </dd>
          <dt className="text-slate-600">{t("appliedLevel")}</dt>
          <dd>{f.level(notice.appliedLevel)}</dd>
          <dt className="text-slate-600">{t("total")}</dt>
          <dd>{notice.assessedScoresheet ? f.score(Number(notice.assessedScoresheet.total)) : "—"}</dd>
          <dt className="text-slate-600">{t("col.period")}</dt>
          <dd data-testid="notice-period">
            {t("period", { from: f.date(notice.noticeStartsOn), to: f.date(notice.noticeEndsOn) })}
          </dd>
          <dt className="text-slate-600">{t("authority")}</dt>
          <dd>{authority ? pickName(locale, authority.nameZh, authority.nameEn) : "—"}</dd>
        </dl>
      </Section>
      <Section title={t("objectionTitle")}>
        {open ? (
          <div className="max-w-2xl space-y-3">
            <p className="text-sm text-slate-700">{t("objectionIntro")}</p>
            <ObjectionForm action={lodgeObjectionAction} applicationId={notice.id} />
          </div>
        ) : (
          <p className="text-sm text-slate-700" data-testid="notice-closed">
            {t("closed")}
          </p>
        )}
      </Section>
    </div>
  );
}
