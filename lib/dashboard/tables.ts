// The dashboard's views as tables: the page's accessible tables beside each chart and the CSV and
// XLSX exports are all built here from the same figures, so that what a file says is what the page says.
// Pure: figures and a translator in, tables out.
import { isYearToDate } from "@/lib/domain/year-to-date";
import { pickName } from "@/lib/i18n/pick";
import type { CoveragePoint } from "@/lib/server/metrics/coverage-series";
import type { DecisionPoint } from "@/lib/server/metrics/decision-series";
import { DECISION_REASONS, type Metrics } from "@/lib/server/metrics/metrics-params";
import type { RegionMetrics } from "@/lib/server/metrics/region-comparison";
import type { SharePoint } from "@/lib/server/metrics/share-series";

export const DASHBOARD_VIEWS = ["headline", "share", "coverage", "decisions", "regions"] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export function isDashboardView(v: string): v is DashboardView {
  return (DASHBOARD_VIEWS as readonly string[]).includes(v);
}

export type Cell =
  | { kind: "text"; value: string }
  | { kind: "count"; value: number }
  /** A calendar date ("YYYY-MM-DD"): the page writes it in the reader's locale, files keep it as is. */
  | { kind: "date"; value: string }
  /** A fraction 0–1, shown as a percentage; null when undefined (no target). */
  | { kind: "ratio"; value: number | null };

export interface Column {
  key: string;
  label: string;
  numeric: boolean;
}

export interface DataTable {
  view: DashboardView;
  title: string;
  /** A short name for the table's sheet in a workbook (Excel allows 31 characters). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
}

/** Root-level translator: keys with their namespace ("dashboard.col.year", "enums.decisionReason.X"). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface TableContext {
  t: Translate;
  locale: string;
}

const text = (value: string): Cell => ({ kind: "text", value });
const count = (value: number): Cell => ({ kind: "count", value });
const day = (value: string): Cell => ({ kind: "date", value });
const ratio = (value: number | null): Cell => ({ kind: "ratio", value });
const blank = text("");

function col(ctx: TableContext, key: string, numeric = true): Column {
  return { key, label: ctx.t(`dashboard.col.${key}`), numeric };
}

/** "2026 (year to date)" for a partial year, else "2020". */
export function yearLabel(ctx: TableContext, year: number, pointAsOf: string): string {
  return isYearToDate(year, pointAsOf) ? ctx.t("dashboard.yearToDateLabel", { year }) : String(year);
}

export function reasonLabel(ctx: TableContext, reason: string): string {
  return ctx.t(`enums.decisionReason.${reason}`);
}

export function headlineTable(m: Metrics, ctx: TableContext): DataTable {
  const { t } = ctx;
  const unstandardized = Math.round(m.share.unstandardized * m.producing);
  const row = (key: string, value: Cell, numerator: Cell = blank, denominator: Cell = blank): Cell[] => [
    text(t(`dashboard.rows.${key}`)),
    value,
    numerator,
    denominator,
  ];
  return {
    view: "headline",
    title: t("dashboard.tables.headline"),
    sheet: t("dashboard.sheets.headline"),
    columns: [col(ctx, "indicator", false), col(ctx, "value"), col(ctx, "numerator"), col(ctx, "denominator")],
    rows: [
      row("producing", count(m.producing)),
      row("l1", ratio(m.share.l1), count(m.graded.l1), count(m.producing)),
      row("l2", ratio(m.share.l2), count(m.graded.l2), count(m.producing)),
      row("l3", ratio(m.share.l3), count(m.graded.l3), count(m.producing)),
      row("unstandardized", ratio(m.share.unstandardized), count(unstandardized), count(m.producing)),
      row("l12", ratio(m.share.l12), count(m.graded.l1 + m.graded.l2), count(m.producing)),
      row("coverage", ratio(m.coverage.ratio), count(m.coverage.checked), count(m.coverage.graded)),
      row("target", ratio(m.coverage.target)),
      row("decisions", count(m.decisions.downgrades + m.decisions.revocations)),
      row("downgrades", count(m.decisions.downgrades)),
      row("revocations", count(m.decisions.revocations)),
      ...DECISION_REASONS.map((r) => [
        text(t("dashboard.rows.byReason", { reason: reasonLabel(ctx, r) })),
        count(m.decisions.byReason[r] ?? 0),
        blank,
        blank,
      ]),
    ],
  };
}

/** One column of a year-by-year table: its key (and label `dashboard.col.<key>`, unless given) and its cell. */
type YearColumn<P> = [key: string, cell: (p: P) => Cell, label?: string];

/**
 * A table with a row per year: the year (marked year-to-date where partial), then `columns`. `dateColumn`
 * names the date of each row's figures, where the table shows it.
 */
function yearTable<P extends { year: number; asOf: string }>(
  view: DashboardView,
  ctx: TableContext,
  points: P[],
  dateColumn: "asOf" | "periodEnd" | null,
  columns: YearColumn<P>[],
): DataTable {
  const all: YearColumn<P>[] = [
    ["year", (p) => text(yearLabel(ctx, p.year, p.asOf))],
    ...(dateColumn ? [[dateColumn, (p: P) => day(p.asOf)] as YearColumn<P>] : []),
    ...columns,
  ];
  return {
    view,
    title: ctx.t(`dashboard.tables.${view}`),
    sheet: ctx.t(`dashboard.sheets.${view}`),
    columns: all.map(([key, , label], i) =>
      label === undefined ? col(ctx, key, i > (dateColumn ? 1 : 0)) : { key, label, numeric: true },
    ),
    rows: points.map((p) => all.map(([, cell]) => cell(p))),
  };
}

export function shareTable(points: SharePoint[], ctx: TableContext): DataTable {
  return yearTable("share", ctx, points, "asOf", [
    ["producing", (p) => count(p.producing)],
    ["l1", (p) => ratio(p.share.l1)],
    ["l2", (p) => ratio(p.share.l2)],
    ["l3", (p) => ratio(p.share.l3)],
    ["unstandardized", (p) => ratio(p.share.unstandardized)],
    ["l12", (p) => ratio(p.share.l12)],
    ["l1Count", (p) => count(p.graded.l1)],
    ["l2Count", (p) => count(p.graded.l2)],
    ["l3Count", (p) => count(p.graded.l3)],
  ]);
}

export function coverageTable(points: CoveragePoint[], ctx: TableContext): DataTable {
  return yearTable("coverage", ctx, points, "periodEnd", [
    ["graded", (p) => count(p.graded)],
    ["checked", (p) => count(p.checked)],
    ["coverage", (p) => ratio(p.ratio)],
    ["target", (p) => ratio(p.target)],
  ]);
}

export function decisionsTable(points: DecisionPoint[], ctx: TableContext): DataTable {
  return yearTable("decisions", ctx, points, null, [
    ["downgrades", (p) => count(p.downgrades)],
    ["revocations", (p) => count(p.revocations)],
    ["decisions", (p) => count(p.downgrades + p.revocations)],
    ...DECISION_REASONS.map((r): YearColumn<DecisionPoint> => [
      r,
      (p) => count(p.byReason[r] ?? 0),
      reasonLabel(ctx, r),
    ]),
  ]);
}

/** The comparison of the regions below the scope; `level` names them (provinces, prefectures or counties). */
export function regionsTable(
  rows: RegionMetrics[],
  level: "PROVINCE" | "PREFECTURE" | "COUNTY",
  ctx: TableContext,
): DataTable {
  return {
    view: "regions",
    title: ctx.t(`dashboard.tables.regions.${level}`),
    sheet: ctx.t("dashboard.sheets.regions"),
    columns: [
      col(ctx, "code", false),
      col(ctx, "region", false),
      col(ctx, "producing"),
      col(ctx, "l1"),
      col(ctx, "l2"),
      col(ctx, "l3"),
      col(ctx, "unstandardized"),
      col(ctx, "l12"),
      col(ctx, "coverage"),
      col(ctx, "target"),
      col(ctx, "downgrades"),
      col(ctx, "revocations"),
    ],
    rows: rows.map((r) => [
      text(r.scope),
      text(pickName(ctx.locale, r.nameZh, r.nameEn)),
      count(r.producing),
      ratio(r.share.l1),
      ratio(r.share.l2),
      ratio(r.share.l3),
      ratio(r.share.unstandardized),
      ratio(r.share.l12),
      ratio(r.coverage.ratio),
      ratio(r.coverage.target),
      count(r.decisions.downgrades),
      count(r.decisions.revocations),
    ]),
  };
}
