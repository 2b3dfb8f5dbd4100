import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Timeline } from "@/components/mine/timeline";
import { Section } from "@/components/ui/section";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { mineTimeline } from "@/lib/server/data/mine-timeline";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params) {
  const t = await getTranslations("managerView.timeline");
  return { title: t("pageTitle", { code: decodeURIComponent((await params).code) }) };
}

export default async function MineTimelinePage({ params }: Params) {
  const caller = await requireCaller();
  const code = decodeURIComponent((await params).code);
  const timeline = await mineTimeline(caller, code);
  if (!timeline) notFound();
  const [t, locale] = await Promise.all([getTranslations("managerView.timeline"), getLocale()]);
  const { mine, events } = timeline;
  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold" data-testid="mine-name">
          {pickName(locale, mine.name, mine.nameEn)}
        </h1>
        <Link href={`/mines/${encodeURIComponent(mine.code)}`} className="text-brand-700 text-sm underline">
          {t("backToProfile")}
        </Link>
      </div>
      <Section title={t("title")}>
        <p className="mb-3 text-sm text-slate-700">{t("intro", { count: events.length })}</p>
        <Timeline mineCode={mine.code} events={events} />
      </Section>
    </div>
  );
}
