import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Timeline } from "@/components/mine/timeline";
import { Section } from "@/components/ui/section";
import { pickName } from "@/lib/i18n/pick";
import { getCaller, requireCaller } from "@/lib/server/auth/session";
import { mineTimeline } from "@/lib/server/data/mine-timeline";

type Params = { params: Promise<{ code: string }> };

// One scoped read per request, shared by the title and the page: out of scope (or absent), no title
// of its own, so a 404 does not echo the code asked for.
const loadTimeline = cache(async (code: string) => {
  const caller = await getCaller();
  return caller ? mineTimeline(caller, code) : null;
});

export async function generateMetadata({ params }: Params) {
  const timeline = await loadTimeline(decodeURIComponent((await params).code));
  if (!timeline) return {};
  const t = await getTranslations("managerView.timeline");
  return { title: t("pageTitle", { code: timeline.mine.code }) };
}

export default async function MineTimelinePage({ params }: Params) {
  await requireCaller();
  const code = decodeURIComponent((await params).code);
  const timeline = await loadTimeline(code);
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
