import "server-only";
import ExcelJS from "exceljs";
import { formatRatio } from "@/lib/dashboard/format";
import {
  coverageTable,
  decisionsTable,
  headlineTable,
  regionsTable,
  shareTable,
  type Cell,
  type DashboardView,
  type DataTable,
  type TableContext,
  type Translate,
} from "@/lib/dashboard/tables";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import type { Caller } from "@/lib/server/auth/scope";
import {
  dashboardCoverageSeries,
  dashboardDecisionSeries,
  dashboardHeadline,
  dashboardRegions,
  dashboardShareSeries,
} from "@/lib/server/data/dashboard";
import type { Db } from "@/lib/server/db";
import { childLevel } from "@/lib/domain/region-code";
import { csvFile } from "@/lib/spreadsheet/csv-file";
import { safeCell } from "@/lib/spreadsheet/safe-cell";
import type { DashboardParams } from "@/lib/validation/dashboard";

export type ExportFormat = "csv" | "xlsx";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The table of one view, read through the data layer (which checks the caller's role and scope again). */
export async function dashboardTable(
  caller: Caller,
  p: DashboardParams,
  view: DashboardView,
  ctx: TableContext,
  opts: { db?: Db } = {},
): Promise<DataTable | null> {
  switch (view) {
    case "headline":
      return headlineTable(await dashboardHeadline(caller, p, opts), ctx);
    case "share":
      return shareTable(await dashboardShareSeries(caller, p, opts), ctx);
    case "coverage":
      return coverageTable(await dashboardCoverageSeries(caller, p, opts), ctx);
    case "decisions":
      return decisionsTable(await dashboardDecisionSeries(caller, p, opts), ctx);
    case "regions": {
      const level = childLevel(p.scope);
      return level ? regionsTable(await dashboardRegions(caller, p, opts), level, ctx) : null;
    }
  }
}

/** CSV cell: counts as plain numbers, ratios as on the page ("39.2%", which spreadsheets read as a percentage). */
function csvCell(c: Cell, locale: string): string | number {
  if (c.kind === "ratio") return c.value === null ? "" : formatRatio(c.value, locale);
  return c.value;
}

/** One table as CSV: UTF-8 with a BOM (so that spreadsheet programs read Chinese), a title line first. */
export function tableCsv(table: DataTable, locale: string): Uint8Array {
  return csvFile(
    table.columns.map((c) => c.label),
    table.rows.map((r) => r.map((c) => csvCell(c, locale))),
  );
}

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
function sheetName(title: string, used: Set<string>): string {
  let name = title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
  used.add(name);
  return name;
}

/** Tables as one workbook, one sheet each: counts as numbers, ratios as exact fractions shown as 0.0%. */
export async function tablesXlsx(tables: DataTable[], heading: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.sheet, used), { views: [{ state: "frozen", ySplit: 2 }] });
    // Text goes through safeCell (lib/spreadsheet/safe-cell.ts), as in every export.
    sheet.addRow([safeCell(`${table.title} · ${heading}`)]).font = { bold: true };
    const header = sheet.addRow(table.columns.map((c) => safeCell(c.label)));
    header.font = { bold: true };
    for (const r of table.rows) {
      const row = sheet.addRow(r.map((c) => safeCell(c.value)));
      r.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.kind === "ratio") cell.numFmt = "0.0%";
        else if (c.kind === "count") cell.numFmt = "#,##0";
      });
    }
    table.columns.forEach((c, i) => {
      const longest = Math.max(c.label.length, ...table.rows.map((r) => String(r[i]?.value ?? "").length));
      sheet.getColumn(i + 1).width = Math.min(48, Math.max(10, longest + 2));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

/** "Shanxi · 2020 · as of 2020-12-31": what a workbook's sheets are about. */
function headingOf(p: DashboardParams, scopeName: string, t: Translate): string {
  return t("dashboard.exportHeading", { scope: scopeName, year: p.year, asOf: p.asOf });
}

/**
 * An export of one view (CSV or XLSX) or of every view (XLSX, one sheet each), in the caller's
 * language. FORBIDDEN (ServiceError) when the caller may not read the scope; null for a view the
 * scope does not have (no regions below a county).
 */
export async function buildDashboardExport(
  caller: Caller,
  p: DashboardParams,
  opts: { view: DashboardView | "all"; format: ExportFormat; locale: Locale; scopeName: string; db?: Db },
): Promise<ExportFile | null> {
  const t = translatorFor(opts.locale);
  const ctx: TableContext = { t, locale: opts.locale };
  const views: DashboardView[] =
    opts.view === "all" ? ["headline", "share", "coverage", "decisions", "regions"] : [opts.view];
  const tables = (await Promise.all(views.map((v) => dashboardTable(caller, p, v, ctx, { db: opts.db })))).filter(
    (x): x is DataTable => x !== null,
  );
  if (tables.length === 0) return null;
  const base = `dashboard-${p.scope || "national"}-${p.year}-${p.asOf}-${opts.view}`;
  if (opts.format === "csv") {
    if (tables.length !== 1) return null;
    return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: tableCsv(tables[0], opts.locale) };
  }
  return {
    filename: `${base}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    body: await tablesXlsx(tables, headingOf(p, opts.scopeName, t)),
  };
}
