import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SpotCheckAmendmentForm } from "@/components/forms/spot-check-amendment-form";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { loadSpotCheckDetail } from "../load";
import { amendSpotCheckAction } from "./actions";

type Params = { params: Promise<{ code: string; id: string }> };

export async function generateMetadata({ params }: Params) {
  const p = await params;
  const detail = await loadSpotCheckDetail(p.code, p.id);
  if (!detail) return {};
  const t = await getTranslations("spotCheckEdit");
  return { title: t("pageTitle", { code: detail.mine.code }) };
}

/** Amending a spot-check: regulators who may record spot-checks for the mine (role and scope), else 404. */
export default async function AmendSpotCheckPage({ params }: Params) {
  const caller = await requireCaller();
  if (!can(caller.role, "spotCheck.record")) notFound();
  const p = await params;
  // Scoped read: a mine outside the caller's jurisdiction, or a spot-check of another mine, is a 404.
  const detail = await loadSpotCheckDetail(p.code, p.id);
  if (!detail) notFound();
  const [t, tv, te, f, locale] = await Promise.all([
    getTranslations("spotCheckEdit"),
    getTranslations("managerView.spotCheck"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const { mine, spotCheck, findings } = detail;
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? pickName(locale, n.nameZh, n.nameEn) : "");
  const detailHref = `/mines/${encodeURIComponent(mine.code)}/spot-checks/${spotCheck.id}`;

  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold">
          {t("title", { mine: pickName(locale, mine.name, mine.nameEn), date: f.date(spotCheck.checkedOn) })}
        </h1>
        <p className="text-sm">
          <Link href={detailHref} className="text-brand-700 underline">
            {t("cancel")}
          </Link>
        </p>
      </div>

      <Section title={t("asRecorded")}>
        <p className="mb-2 text-sm text-slate-700" data-testid="not-amendable">
          {t("notAmendable")}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-600">{tv("date")}</dt>
          <dd>{f.date(spotCheck.checkedOn)}</dd>
          <dt className="text-slate-600">{tv("type")}</dt>
          <dd>{te(`spotCheckType.${spotCheck.type}`)}</dd>
          <dt className="text-slate-600">{tv("total")}</dt>
          <dd>{f.score(spotCheck.total)}</dd>
          <dt className="text-slate-600">{tv("level")}</dt>
          <dd>
            <GradeBadge level={spotCheck.level} />
          </dd>
          <dt className="text-slate-600">{tv("conclusion")}</dt>
          <dd>{te(`conclusion.${spotCheck.conclusion}`)}</dd>
        </dl>
      </Section>

      <SpotCheckAmendmentForm
        action={amendSpotCheckAction}
        mineCode={mine.code}
        spotCheckId={spotCheck.id}
        version={spotCheck.version}
        checkedOn={spotCheck.checkedOn}
        checkedOnLabel={f.date(spotCheck.checkedOn)}
        today={detail.today}
        team={spotCheck.team}
        notes={spotCheck.notes}
        findings={findings.map((x) => ({
          id: x.id,
          heading: `${te(`severity.${x.severity}`)} · ${x.elementCode} ${name(x.elementName)}`,
          text: x.text,
          rectifyBy: x.rectifyBy ? f.date(x.rectifyBy) : null,
          rectifiedOn: x.rectifiedOn,
        }))}
      />
    </div>
  );
}
