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

export function shareTable(points: SharePoint[], ctx: TableContext): DataTable {
  return {
    view: "share",
    title: ctx.t("dashboard.tables.share"),
    sheet: ctx.t("dashboard.sheets.share"),
    columns: [
      col(ctx, "year", false),
      col(ctx, "asOf", false),
      col(ctx, "producing"),
      col(ctx, "l1"),
      col(ctx, "l2"),
      col(ctx, "l3"),
      col(ctx, "unstandardized"),
      col(ctx, "l12"),
      col(ctx, "l1Count"),
      col(ctx, "l2Count"),
      col(ctx, "l3Count"),
    ],
    rows: points.map((p) => [
      text(yearLabel(ctx, p.year, p.asOf)),
      day(p.asOf),
      count(p.producing),
      ratio(p.share.l1),
      ratio(p.share.l2),
      ratio(p.share.l3),
      ratio(p.share.unstandardized),
      ratio(p.share.l12),
      count(p.graded.l1),
      count(p.graded.l2),
      count(p.graded.l3),
    ]),
  };
}

export function coverageTable(points: CoveragePoint[], ctx: TableContext): DataTable {
  return {
    view: "coverage",
    title: ctx.t("dashboard.tables.coverage"),
    sheet: ctx.t("dashboard.sheets.coverage"),
    columns: [
      col(ctx, "year", false),
      col(ctx, "periodEnd", false),
      col(ctx, "graded"),
      col(ctx, "checked"),
      col(ctx, "coverage"),
      col(ctx, "target"),
    ],
    rows: points.map((p) => [
      text(yearLabel(ctx, p.year, p.asOf)),
      day(p.asOf),
      count(p.graded),
      count(p.checked),
      ratio(p.ratio),
      ratio(p.target),
    ]),
  };
}

export function decisionsTable(points: DecisionPoint[], ctx: TableContext): DataTable {
  return {
    view: "decisions",
    title: ctx.t("dashboard.tables.decisions"),
    sheet: ctx.t("dashboard.sheets.decisions"),
    columns: [
      col(ctx, "year", false),
      col(ctx, "downgrades"),
      col(ctx, "revocations"),
      col(ctx, "decisions"),
      ...DECISION_REASONS.map((r) => ({ key: r, label: reasonLabel(ctx, r), numeric: true })),
    ],
    rows: points.map((p) => [
      text(yearLabel(ctx, p.year, p.asOf)),
      count(p.downgrades),
      count(p.revocations),
      count(p.downgrades + p.revocations),
      ...DECISION_REASONS.map((r) => count(p.byReason[r] ?? 0)),
    ]),
  };
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
