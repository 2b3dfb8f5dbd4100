import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CloneRuleForm } from "@/components/forms/rule-version-forms";
import { Section } from "@/components/ui/section";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { listRuleVersions } from "@/lib/server/data/rule-versions";
import { cloneRuleVersionAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("ruleVersions");
  return { title: t("title") };
}

/** Every rule version, drafts included, and how many score sheets use each (ADMIN). */
export default async function RuleVersionsPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "ruleVersion.manage")) notFound();
  const [versions, t, locale] = await Promise.all([
    listRuleVersions(caller),
    getTranslations("ruleVersions"),
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
      <Section title={t("cloneTitle")}>
        <CloneRuleForm action={cloneRuleVersionAction} codes={versions.map((v) => v.code)} />
      </Section>
    </div>
  );
}
