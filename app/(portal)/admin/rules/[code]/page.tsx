import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PublishRuleForm, RuleDraftForm, type DraftSection } from "@/components/forms/rule-version-forms";
import { ParameterStatusBadge } from "@/components/ui/parameter-status";
import { Section } from "@/components/ui/section";
import { thresholdKey, vetoKey, weightKey } from "@/lib/domain/rule-sources";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import type { ParameterStatus } from "@/lib/domain/rules";
import { ruleVersionDetail } from "@/lib/server/data/rule-versions";
import { publishRuleVersionAction, saveRuleDraftAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("ruleVersions");
  return { title: t("title") };
}

type T = Awaited<ReturnType<typeof getTranslations<"ruleVersions">>>;

/** A parameter's source and status; a placeholder is marked so nobody takes it for a published figure. */
function SourceCells({ s, t }: { s: { source: string; status: ParameterStatus } | undefined; t: T }) {
  const status = s?.status ?? "PLACEHOLDER";
  return (
    <>
      <td className="p-2 text-xs text-slate-700">{s?.source ?? t("placeholderNote")}</td>
      <td className="p-2 text-xs" data-status={status}>
        <ParameterStatusBadge status={status} label={t(`statuses.${status}`)} />
      </td>
    </>
  );
}

/** One rule version with every parameter and its source; a draft can be edited and published (ADMIN). */
export default async function RuleVersionPage({ params }: { params: Promise<{ code: string }> }) {
  const caller = await requireCaller();
  if (!can(caller.role, "ruleVersion.manage")) notFound();
  const { code } = await params;
  const [v, t, locale, f] = await Promise.all([
    ruleVersionDetail(caller, decodeURIComponent(code)),
    getTranslations("ruleVersions"),
    getLocale(),
    getDisplayFormat(),
  ]);
  if (!v) notFound();
  const partName = (c: string | null) => {
    const p = v.parts.find((x) => x.code === c);
    return p ? pickName(locale, p.nameZh, p.nameEn) : t("total");
  };
  const targetOf = (th: { partCode: string | null; elementCode: string | null }) =>
    th.elementCode ? t("element", { code: th.elementCode }) : partName(th.partCode);
  const vetoLabel = (x: { kind: string; accidentClass: string | null }) =>
    t(`vetoKinds.${x.kind as "FATAL_ACCIDENT"}`, { cls: x.accidentClass ?? "" });
  const scalarValue = (k: string): string => {
    const value = (v as unknown as Record<string, unknown>)[k];
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    return String(value ?? "");
  };
  const scalars = [
    "effectiveFrom",
    "validityYears",
    "publicNoticeDays",
    "hiddenDangerWindowMonths",
    "stoppedMonthsLimit",
    "gradeRequiredToProduce",
    "directExtension",
    "directExtensionWindowMonths",
    ...(v.level1ShiftHeadcountCap !== null ? ["level1ShiftHeadcountCap"] : []),
  ] as const;
  const mineTypes = [...new Set(v.elements.map((e) => e.mineType))];
  const sections: DraftSection[] = [
    {
      title: t("parameters"),
      fields: (["validityYears", "publicNoticeDays", "hiddenDangerWindowMonths", "stoppedMonthsLimit"] as const).map(
        (k) => ({ name: k, label: t(`scalars.${k}`), value: String(v[k]) }),
      ),
    },
    {
      title: t("thresholds"),
      fields: v.thresholds.map((th) => ({
        name: thresholdKey(th),
        label: `${f.level(th.level)} · ${targetOf(th)}`,
        value: String(th.minScore),
      })),
    },
    ...mineTypes.map((mt) => ({
      title: t("weights", { type: mt }),
      fields: v.elements
        .filter((e) => e.mineType === mt)
        .map((e) => ({
          name: weightKey(mt, e.code),
          label: `${e.code} ${pickName(locale, e.nameZh, e.nameEn)}`,
          value: String(e.weight),
        })),
    })),
    {
      title: t("vetoes"),
      fields: v.vetoes.map((x) => ({
        name: vetoKey(x),
        label: `${f.level(x.level)} · ${vetoLabel(x)}`,
        value: String(x.windowMonths),
      })),
    },
  ];
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/rules" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {v.code} · {pickName(locale, v.nameZh, v.nameEn)}
      </h1>
      <p className="text-sm" data-testid="rule-state">
        {v.documentNo} · {v.published ? t("published") : t("draft")} ·{" "}
        {v.published && v.scoresheets > 0 ? t("inUse", { count: v.scoresheets }) : v.published ? t("immutable") : ""}
      </p>

      <Section title={t("parameters")}>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-2">{t("parameter")}</th>
              <th className="p-2">{t("value")}</th>
              <th className="p-2">{t("source")}</th>
              <th className="p-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {scalars.map((k) => (
              <tr key={k} className="border-t border-slate-200" data-parameter={k}>
                <td className="p-2">{t(`scalars.${k}`)}</td>
                <td className="p-2">{scalarValue(k)}</td>
                <SourceCells s={v.sources[k]} t={t} />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("thresholds")}>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-2">{t("levelColumn")}</th>
              <th className="p-2">{t("target")}</th>
              <th className="p-2">{t("value")}</th>
              <th className="p-2">{t("source")}</th>
              <th className="p-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {v.thresholds.map((th) => (
              <tr key={th.id} className="border-t border-slate-200" data-parameter={thresholdKey(th)}>
                <td className="p-2">{th.level}</td>
                <td className="p-2">{targetOf(th)}</td>
                <td className="p-2">{th.minScore}</td>
                <SourceCells s={v.sources[thresholdKey(th)]} t={t} />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {mineTypes.map((mt) => (
        <Section key={mt} title={t("weights", { type: mt })}>
          <table className="min-w-full text-sm">
            <thead>
              <tr className="text-left">
                <th className="p-2">{t("elementName")}</th>
                <th className="p-2">{t("part")}</th>
                <th className="p-2">{t("weight")}</th>
                <th className="p-2">{t("source")}</th>
                <th className="p-2">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {v.elements
                .filter((e) => e.mineType === mt)
                .map((e) => (
                  <tr key={e.id} className="border-t border-slate-200" data-parameter={weightKey(mt, e.code)}>
                    <td className="p-2">
                      {e.code} {pickName(locale, e.nameZh, e.nameEn)}
                    </td>
                    <td className="p-2">{partName(e.partCode)}</td>
                    <td className="p-2">{e.weight}</td>
                    <SourceCells s={v.sources[weightKey(mt, e.code)]} t={t} />
                  </tr>
                ))}
            </tbody>
          </table>
        </Section>
      ))}

      <Section title={t("vetoes")}>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-2">{t("levelColumn")}</th>
              <th className="p-2">{t("vetoKind")}</th>
              <th className="p-2">{t("window")}</th>
              <th className="p-2">{t("source")}</th>
              <th className="p-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {v.vetoes.map((x) => (
              <tr key={x.id} className="border-t border-slate-200" data-parameter={vetoKey(x)}>
                <td className="p-2">{x.level}</td>
                <td className="p-2">{vetoLabel(x)}</td>
                <td className="p-2">{x.windowMonths}</td>
                <SourceCells s={v.sources[vetoKey(x)]} t={t} />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("basicConditions")}>
        <p className="mb-2 text-sm text-slate-700">{t("basicConditionsHint")}</p>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-2">{t("conditionCode")}</th>
              <th className="p-2">{t("conditionText")}</th>
              <th className="p-2">{t("source")}</th>
              <th className="p-2">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {v.basicConditions.map((c) => (
              <tr key={c.id} className="border-t border-slate-200" data-condition={c.code}>
                <td className="p-2 font-mono text-xs">{c.code}</td>
                <td className="p-2">{pickName(locale, c.textZh, c.textEn)}</td>
                <SourceCells s={c} t={t} />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {!v.published && (
        <>
          <Section title={t("editTitle")}>
            <p className="mb-3 text-sm text-slate-700">{t("editHint")}</p>
            <RuleDraftForm action={saveRuleDraftAction} code={v.code} version={v.version} sections={sections} />
          </Section>
          <Section title={t("publishTitle")}>
            <p className="mb-3 text-sm text-slate-700">{t("publishHint")}</p>
            <PublishRuleForm
              action={publishRuleVersionAction}
              code={v.code}
              version={v.version}
              effectiveFrom={v.effectiveFrom}
            />
          </Section>
        </>
      )}
    </div>
  );
}
