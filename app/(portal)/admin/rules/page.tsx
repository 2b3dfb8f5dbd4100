import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CloneRuleForm } from "@/components/forms/rule-version-forms";
import { ParameterStatusBadge } from "@/components/ui/parameter-status";
import { Section } from "@/components/ui/section";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { gradingConfigRows } from "@/lib/server/data/grading-config";
import { listRuleVersions } from "@/lib/server/data/rule-versions";
import { cloneRuleVersionAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("ruleVersions");
  return { title: t("title") };
}

/**
 * Every rule version, drafts included, and how many score sheets use each; and who decides per province
 * and level (ProvinceGradingConfig), with the public notice's length where a province sets its own (ADMIN).
 */
export default async function RuleVersionsPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "ruleVersion.manage")) notFound();
  const [versions, config, t, te, locale] = await Promise.all([
    listRuleVersions(caller),
    gradingConfigRows(caller),
    getTranslations("ruleVersions"),
    getTranslations("enums.authorityKind"),
    getLocale(),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-2">{t("code")}</th>
              <th className="p-2">{t("name")}</th>
              <th className="p-2">{t("documentNo")}</th>
              <th className="p-2">{t("effectiveFrom")}</th>
              <th className="p-2">{t("state")}</th>
              <th className="p-2">{t("usedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.code} className="border-t border-slate-200" data-testid={`rule-version-${v.code}`}>
                <td className="p-2">
                  <Link href={`/admin/rules/${encodeURIComponent(v.code)}`} className="text-brand-700 underline">
                    {v.code}
                  </Link>
                </td>
                <td className="p-2">{pickName(locale, v.nameZh, v.nameEn)}</td>
                <td className="p-2">{v.documentNo}</td>
                <td className="p-2">{v.effectiveFrom}</td>
                <td className="p-2">{v.published ? t("published") : t("draft")}</td>
                <td className="p-2">{t("sheets", { count: v.scoresheets })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Section title={t("authority.title")}>
        <p className="mb-2 max-w-3xl text-sm text-slate-700">{t("authority.intro")}</p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="grading-config">
            <thead>
              <tr className="text-left">
                <th className="p-2">{t("authority.province")}</th>
                <th className="p-2">{t("levelColumn")}</th>
                <th className="p-2">{t("authority.granted")}</th>
                <th className="p-2">{t("authority.reviewer")}</th>
                <th className="p-2">{t("authority.grader")}</th>
                <th className="p-2">{t("authority.proposer")}</th>
                <th className="p-2">{t("authority.confirmer")}</th>
                <th className="p-2">{t("authority.publisher")}</th>
                <th className="p-2">{t("source")}</th>
                <th className="p-2">{t("status")}</th>
                <th className="p-2">{t("authority.noticeDays")}</th>
              </tr>
            </thead>
            <tbody>
              {config.map((r) => (
                <tr
                  key={`${r.provinceCode}:${r.level}`}
                  className="border-t border-slate-200 align-top"
                  data-testid={`grading-config-${r.provinceCode || "national"}-${r.level}`}
                >
                  <td className="p-2">
                    {r.province ? pickName(locale, r.province.nameZh, r.province.nameEn) : t("authority.national")}
                  </td>
                  <td className="p-2">{r.level}</td>
                  <td className="p-2">{r.granted ? t("yes") : t("no")}</td>
                  <td className="p-2">{te(r.reviewerKind)}</td>
                  <td className="p-2">{te(r.graderKind)}</td>
                  <td className="p-2">{te(r.proposerKind)}</td>
                  <td className="p-2">{te(r.confirmerKind)}</td>
                  <td className="p-2">{te(r.publisherKind)}</td>
                  <td className="p-2 text-xs text-slate-700">{r.source}</td>
                  <td className="p-2 text-xs" data-status={r.status}>
                    <ParameterStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
                  </td>
                  <td className="p-2 text-xs" data-testid="notice-days">
                    {r.publicNoticeWorkingDays === null ? (
                      t("authority.versionNoticeDays")
                    ) : (
                      <>
                        <p className="text-sm">{t("authority.workingDays", { days: r.publicNoticeWorkingDays })}</p>
                        <p className="text-slate-700">{r.publicNoticeSource}</p>
                        <ParameterStatusBadge
                          status={r.publicNoticeStatus}
                          label={t(`statuses.${r.publicNoticeStatus}`)}
                        />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={t("cloneTitle")}>
        <CloneRuleForm action={cloneRuleVersionAction} codes={versions.map((v) => v.code)} />
      </Section>
    </div>
  );
}
