import Link from "next/link";
import { notFound } from "next/navigation";
import { documentHref } from "@/lib/document-links";
import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { isInForce } from "@/lib/domain/grade-validity";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { publicMine } from "@/lib/server/data/public-register";
import { gradeEnd, lastValidDay } from "@/lib/domain/grade-validity";

export default async function PublicMinePage({ params }: { params: Promise<{ code: string }> }) {
  const found = await publicMine(decodeURIComponent((await params).code));
  if (!found) notFound();
  const { mine, today } = found;
  const [t, te, f, locale] = await Promise.all([
    getTranslations("register"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const current = mine.grades.find((g) => isInForce(g, today)) ?? null;
  const region = [mine.county.parent?.parent, mine.county.parent, mine.county]
    .filter((r) => r !== null && r !== undefined)
    .map((r) => pickName(locale, r.nameZh, r.nameEn))
    .join(" · ");
  return (
    <div className="space-y-4">
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold" data-testid="mine-name">
          {pickName(locale, mine.name, mine.nameEn)}
        </h1>
        <p className="text-slate-700">
          {region} · {te(`mineType.${mine.type}`)}
          {mine.enterprise ? ` · ${pickName(locale, mine.enterprise.name, mine.enterprise.nameEn)}` : ""}
        </p>
      </div>
      <Section title={t("currentGrade")}>
        <div className="flex items-center gap-4">
          <GradeBadge level={current?.level ?? null} size="lg" />
          {current && (
            <p className="text-sm">
              {t("validFromTo", { from: f.date(current.announcedOn), to: f.date(lastValidDay(current.validUntil)) })} ·{" "}
              <Link href={documentHref.announcement(current.announcementNo)} className="text-brand-700 underline">
                {current.announcementNo}
              </Link>
            </p>
          )}
        </div>
      </Section>
      <Section title={t("gradeHistory")}>
        <ul className="space-y-1 text-sm">
          {mine.grades.map((g, i) => (
            <li key={i}>
              <GradeBadge level={g.level} /> {f.date(g.announcedOn)} – {f.date(lastValidDay(gradeEnd(g)))} ·{" "}
              <Link href={documentHref.announcement(g.announcementNo)} className="text-brand-700 underline">
                {g.announcementNo}
              </Link>
              {g.endReason ? ` · ${te(`gradeEnd.${g.endReason}`)}` : ""}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("decisionsTitle")}>
        <ul className="space-y-1 text-sm">
          {mine.decisions.map((d) => (
            <li key={d.id}>
              {f.date(d.effectiveOn)} · {f.levelChange(d.fromLevel, d.toLevel)} · {te(`decisionReason.${d.reason}`)} ·{" "}
              <Link href={documentHref.letter(d.id)} className="text-brand-700 underline">
                {d.number ?? t("letterLink")}
              </Link>
            </li>
          ))}
        </ul>
        {mine.decisions.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      </Section>
    </div>
  );
}
