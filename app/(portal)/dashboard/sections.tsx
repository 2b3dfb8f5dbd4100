// The dashboard's sections, each an async server component that the page streams in behind its own
// <Suspense> boundary. Each reads through lib/server/data/dashboard.ts (which checks the caller's role and
// scope again) and turns the figures into the same tables the exports write (lib/dashboard/tables.ts).
import { getLocale, getTranslations } from "next-intl/server";
import { CoverageChart, DecisionsChart, ShareByLevelChart } from "@/components/charts/lazy-charts";
import { RegionComparison } from "@/components/charts/region-comparison";
import { compactTable } from "@/lib/dashboard/compact-table";
import { DataTableView } from "@/components/ui/data-table";
import { isYearToDate } from "@/lib/domain/year-to-date";
import { childLevel } from "@/lib/domain/region-code";
import { formatCount, formatDay, formatRatio } from "@/lib/dashboard/format";
import {
  coverageTable,
  decisionsTable,
  headlineTable,
  regionsTable,
  shareTable,
  yearLabel,
  type DashboardView,
  type TableContext,
  type Translate,
} from "@/lib/dashboard/tables";
import type { Caller } from "@/lib/server/auth/scope";
import {
  dashboardCoverageSeries,
  dashboardDecisionSeries,
  dashboardHeadline,
  dashboardRegions,
  dashboardShareSeries,
} from "@/lib/server/data/dashboard";
import { DECISION_REASONS } from "@/lib/server/metrics/metrics-params";
import { dashboardQuery, type DashboardParams } from "@/lib/validation/dashboard";

interface SectionProps {
  caller: Caller;
  params: DashboardParams;
}

async function tableContext(): Promise<{ ctx: TableContext; locale: string }> {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const translate: Translate = (key, values) => t(key, values);
  return { ctx: { t: translate, locale }, locale };
}

/** "CSV · XLSX" download links of one view. */
export async function ExportLinks({ view, params }: { view: DashboardView | "all"; params: DashboardParams }) {
  const t = await getTranslations("dashboard");
  const formats = view === "all" ? (["xlsx"] as const) : (["csv", "xlsx"] as const);
  const viewName = t(`views.${view}`);
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm">
      {formats.map((format) => (
        <a
          key={format}
          href={`/dashboard/export/${view}?${dashboardQuery(params, { format })}`}
          download
          className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100"
          // A bare "CSV" needs its view named; "Download all (XLSX)" says it all, and a name other than
          // the visible text would not be found by those who speak or click what they see (WCAG 2.5.3).
          aria-label={view === "all" ? undefined : t("downloadAs", { view: viewName, format: format.toUpperCase() })}
          data-testid={`export-${view}-${format}`}
        >
          {view === "all" ? t("downloadAll") : format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}

function SectionShell({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg bg-white p-4 shadow-sm"
      data-testid={`section-${id}`}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

function Kpi({
  id,
  label,
  value,
  note,
  extra,
  emphasis = false,
}: {
  id: string;
  label: string;
  value: string;
  note?: string;
  extra?: React.ReactNode;
  emphasis?: boolean;
}) {
  return (
    <div
      className={`rounded-lg border p-3 ${emphasis ? "border-brand-700 bg-sky-50" : "border-slate-200 bg-white"}`}
      data-testid={`kpi-${id}`}
    >
      <p className="text-sm text-slate-700">{label}</p>
      <p className="text-2xl font-semibold tabular-nums" data-testid={`kpi-${id}-value`}>
        {value}
      </p>
      {note && <p className="text-xs text-slate-700">{note}</p>}
      {extra}
    </div>
  );
}

export async function HeadlineSection({ caller, params }: SectionProps) {
  const [m, { ctx, locale }, t] = await Promise.all([
    dashboardHeadline(caller, params),
    tableContext(),
    getTranslations("dashboard"),
  ]);
  const pct = (v: number | null) => formatRatio(v, locale);
  const num = (v: number) => formatCount(v, locale);
  const shareNote = (n: number) => t("kpi.shareNote", { count: num(n), total: num(m.producing) });
  const unstandardized = Math.round(m.share.unstandardized * m.producing);
  const target = m.coverage.target;
  // A running year has not missed its target yet.
  const ytd = isYearToDate(params.year, params.asOf);
  return (
    <SectionShell
      id="headline"
      title={t("sections.headline")}
      actions={<ExportLinks view="headline" params={params} />}
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Kpi
          id="producing"
          label={t("kpi.producing")}
          value={num(m.producing)}
          note={t("kpi.producingNote", { asOf: formatDay(params.asOf, locale) })}
        />
        <Kpi
          id="l12"
          label={t("kpi.l12")}
          value={pct(m.share.l12)}
          note={shareNote(m.graded.l1 + m.graded.l2)}
          emphasis
        />
        <Kpi
          id="coverage"
          label={t("kpi.coverage")}
          value={pct(m.coverage.ratio)}
          note={t("kpi.coverageNote", { checked: num(m.coverage.checked), graded: num(m.coverage.graded) })}
          emphasis
          extra={
            <p className="text-xs font-medium" data-testid="kpi-coverage-target">
              {target === null
                ? t("kpi.noTarget")
                : t(m.coverage.ratio >= target ? "kpi.targetMet" : ytd ? "kpi.targetNotYet" : "kpi.targetMissed", {
                    target: pct(target),
                  })}
            </p>
          }
        />
        <Kpi
          id="decisions"
          label={t("kpi.decisions")}
          value={num(m.decisions.downgrades + m.decisions.revocations)}
          note={t("kpi.decisionsNote", {
            downgrades: num(m.decisions.downgrades),
            revocations: num(m.decisions.revocations),
          })}
          emphasis
        />
        <Kpi id="l1" label={t("kpi.l1")} value={pct(m.share.l1)} note={shareNote(m.graded.l1)} />
        <Kpi id="l2" label={t("kpi.l2")} value={pct(m.share.l2)} note={shareNote(m.graded.l2)} />
        <Kpi id="l3" label={t("kpi.l3")} value={pct(m.share.l3)} note={shareNote(m.graded.l3)} />
        <Kpi
          id="unstandardized"
          label={t("kpi.unstandardized")}
          value={pct(m.share.unstandardized)}
          note={shareNote(unstandardized)}
        />
      </div>
      <details className="mt-3">
        <summary className="text-brand-700 cursor-pointer text-sm">{t("showTable")}</summary>
        <DataTableView table={headlineTable(m, ctx)} locale={locale} />
      </details>
    </SectionShell>
  );
}

export async function ShareSection({ caller, params }: SectionProps) {
  const [points, { ctx, locale }, t] = await Promise.all([
    dashboardShareSeries(caller, params),
    tableContext(),
    getTranslations("dashboard"),
  ]);
  const table = shareTable(points, ctx);
  return (
    <SectionShell id="share" title={t("sections.share")} actions={<ExportLinks view="share" params={params} />}>
      <ShareByLevelChart
        describedBy="table-share"
        points={points.map((p) => ({ ...p, label: yearLabel(ctx, p.year, p.asOf) }))}
      />
      <details className="mt-3">
        <summary className="text-brand-700 cursor-pointer text-sm">{t("showTable")}</summary>
        <DataTableView id="table-share" table={table} locale={locale} />
      </details>
    </SectionShell>
  );
}

export async function CoverageSection({ caller, params }: SectionProps) {
  const [points, { ctx, locale }, t] = await Promise.all([
    dashboardCoverageSeries(caller, params),
    tableContext(),
    getTranslations("dashboard"),
  ]);
  const table = coverageTable(points, ctx);
  return (
    <SectionShell
      id="coverage"
      title={t("sections.coverage")}
      actions={<ExportLinks view="coverage" params={params} />}
    >
      <CoverageChart
        describedBy="table-coverage"
        points={points.map((p) => ({ ...p, label: yearLabel(ctx, p.year, p.asOf) }))}
      />
      <details className="mt-3">
        <summary className="text-brand-700 cursor-pointer text-sm">{t("showTable")}</summary>
        <DataTableView id="table-coverage" table={table} locale={locale} />
      </details>
    </SectionShell>
  );
}

export async function DecisionsSection({ caller, params }: SectionProps) {
  const [points, { ctx, locale }, t] = await Promise.all([
    dashboardDecisionSeries(caller, params),
    tableContext(),
    getTranslations("dashboard"),
  ]);
  const table = decisionsTable(points, ctx);
  return (
    <SectionShell
      id="decisions"
      title={t("sections.decisions")}
      actions={<ExportLinks view="decisions" params={params} />}
    >
      <DecisionsChart
        describedBy="table-decisions"
        reasons={DECISION_REASONS}
        points={points.map((p) => ({ ...p, label: yearLabel(ctx, p.year, p.asOf) }))}
      />
      <details className="mt-3">
        <summary className="text-brand-700 cursor-pointer text-sm">{t("showTable")}</summary>
        <DataTableView id="table-decisions" table={table} locale={locale} />
      </details>
    </SectionShell>
  );
}

export async function RegionsSection({ caller, params }: SectionProps) {
  const level = childLevel(params.scope);
  if (!level) return null;
  const [rows, { ctx }, t] = await Promise.all([
    dashboardRegions(caller, params),
    tableContext(),
    getTranslations("dashboard"),
  ]);
  const table = regionsTable(rows, level, ctx);
  // The drill-down keeps the year and date: the scope comes first, as dashboardQuery writes it.
  const query = new URLSearchParams(dashboardQuery(params));
  query.delete("scope");
  return (
    <SectionShell
      id="regions"
      title={t(`sections.regions.${level}`)}
      actions={<ExportLinks view="regions" params={params} />}
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noRegions")}</p>
      ) : (
        <RegionComparison table={compactTable(table)} query={query.toString()} showMap={level === "PROVINCE"} />
      )}
    </SectionShell>
  );
}
