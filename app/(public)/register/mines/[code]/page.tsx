import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { isInForce } from "@/lib/domain/grade-validity";
import { pickName } from "@/lib/i18n/pick";
import { publicMine } from "@/lib/server/data/public-register";

export default async function PublicMinePage({ params }: { params: Promise<{ code: string }> }) {
  const found = await publicMine(decodeURIComponent((await params).code));
  if (!found) notFound();
  const { mine, today } = found;
  const [t, te, format, locale] = await Promise.all([
    getTranslations("register"),
    getTranslations("enums"),
    getFormatter(),
    getLocale(),
  ]);
  const date = (d: Date | null) =>
    d ? format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }) : "—";
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
              {t("validFromTo", { from: date(current.announcedOn), to: date(current.validUntil) })} ·{" "}
              {current.announcementNo}
            </p>
          )}
        </div>
      </Section>
      <Section title={t("gradeHistory")}>
        <ul className="space-y-1 text-sm">
          {mine.grades.map((g, i) => (
            <li key={i}>
              <GradeBadge level={g.level} /> {date(g.announcedOn)} – {date(g.endedOn ?? g.validUntil)} ·{" "}
              {g.announcementNo}
              {g.endReason ? ` · ${te(`gradeEnd.${g.endReason}`)}` : ""}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("decisionsTitle")}>
        <ul className="space-y-1 text-sm">
          {mine.decisions.map((d, i) => (
            <li key={i}>
              {date(d.effectiveOn)} · {t("levelChange", { from: d.fromLevel, to: d.toLevel ?? 0 })} ·{" "}
              {te(`decisionReason.${d.reason}`)} · {d.number}
            </li>
          ))}
        </ul>
        {mine.decisions.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      </Section>
    </div>
  );
}
