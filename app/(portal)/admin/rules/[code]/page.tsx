import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PublishRuleForm, RuleDraftForm, type DraftSection } from "@/components/forms/rule-version-forms";
import { ParameterStatusBadge } from "@/components/ui/parameter-status";
import { Section } from "@/components/ui/section";
import { SCALAR_PARAMETERS, thresholdKey, vetoKey, weightKey } from "@/lib/domain/rule-sources";
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

interface SourcedRow {
  id: string | number;
  /** `data-parameter` (the parameter's key in the version's sources) or `data-condition` (a basic condition's code). */
  parameter?: string;
  condition?: string;
  cells: ReactNode[];
  source: { source: string; status: ParameterStatus } | undefined;
}

/** One section of the version: a table whose rows end with the parameter's source and status. */
function SourcedTable({
  title,
  hint,
  columns,
  rows,
  t,
}: {
  title: string;
  hint?: string;
  columns: string[];
  rows: SourcedRow[];
  t: T;
}) {
  return (
    <Section title={title}>
      {hint && <p className="mb-2 text-sm text-slate-700">{hint}</p>}
      <table className="min-w-full text-sm">
        <thead>
          <tr className="text-left">
            {[...columns, t("source"), t("status")].map((c) => (
              <th key={c} className="p-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className="border-t border-slate-200"
              data-parameter={r.parameter}
              data-condition={r.condition}
            >
              {r.cells.map((c, i) => (
                <td key={i} className="p-2">
                  {c}
                </td>
              ))}
              <SourceCells s={r.source} t={t} />
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
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
    ...SCALAR_PARAMETERS,
    ...(v.level1ShiftHeadcountCap !== null ? (["level1ShiftHeadcountCap"] as const) : []),
  ];
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

      <SourcedTable
        title={t("parameters")}
        columns={[t("parameter"), t("value")]}
        t={t}
        rows={scalars.map((k) => ({
          id: k,
          parameter: k,
          cells: [t(`scalars.${k}`), scalarValue(k)],
          source: v.sources[k],
        }))}
      />
      <SourcedTable
        title={t("thresholds")}
        columns={[t("levelColumn"), t("target"), t("value")]}
        t={t}
        rows={v.thresholds.map((th) => ({
          id: th.id,
          parameter: thresholdKey(th),
          cells: [th.level, targetOf(th), th.minScore],
          source: v.sources[thresholdKey(th)],
        }))}
      />
      {mineTypes.map((mt) => (
        <SourcedTable
          key={mt}
          title={t("weights", { type: mt })}
          columns={[t("elementName"), t("part"), t("weight")]}
          t={t}
          rows={v.elements
            .filter((e) => e.mineType === mt)
            .map((e) => ({
              id: e.id,
              parameter: weightKey(mt, e.code),
              cells: [`${e.code} ${pickName(locale, e.nameZh, e.nameEn)}`, partName(e.partCode), e.weight],
              source: v.sources[weightKey(mt, e.code)],
            }))}
        />
      ))}
      <SourcedTable
        title={t("vetoes")}
        columns={[t("levelColumn"), t("vetoKind"), t("window")]}
        t={t}
        rows={v.vetoes.map((x) => ({
          id: x.id,
          parameter: vetoKey(x),
          cells: [x.level, vetoLabel(x), x.windowMonths],
          source: v.sources[vetoKey(x)],
        }))}
      />
      <SourcedTable
        title={t("basicConditions")}
        hint={t("basicConditionsHint")}
        columns={[t("conditionCode"), t("conditionText")]}
        t={t}
        rows={v.basicConditions.map((c) => ({
          id: c.id,
          condition: c.code,
          cells: [
            <span key="code" className="font-mono text-xs">
              {c.code}
            </span>,
            pickName(locale, c.textZh, c.textEn),
          ],
          source: c,
        }))}
      />

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
