// What every import template has in common (spot-checks, the mine register): bilingual texts from
// the catalogues (Chinese first: a template is passed around, so it should not depend on who
// downloaded it), a CSV with the header and example rows, and a workbook whose data sheet has a
// bilingual note on each header cell, followed by a sheet of instructions and column notes. Every
// text cell passes through safeCell.
import ExcelJS from "exceljs";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor, type Translate } from "@/lib/i18n/translator";
import { csvFile } from "@/lib/spreadsheet/csv-file";
import { safeCell } from "@/lib/spreadsheet/safe-cell";

export interface TemplateColumn {
  name: string;
  noteZh: string;
  noteEn: string;
}

const LANGUAGES = ["zh-CN", "en"] as const satisfies readonly Locale[];

/** A catalogue text in both languages; `values` gives a language's message parameters. */
export function bilingual(
  key: string,
  values?: (t: Translate, locale: Locale) => Record<string, string | number>,
): [zh: string, en: string] {
  const [zh, en] = LANGUAGES.map((locale) => translatorFor(locale)(key, values?.(translatorFor(locale), locale)));
  return [zh, en];
}

export interface TemplateSheet {
  columns: readonly TemplateColumn[];
  /** Example rows by column name: text (through safeCell), numbers, and dates (shown YYYY-MM-DD). */
  rows: readonly Record<string, string | number | Date>[];
  /** Catalogue key prefix of dataSheet, helpSheet, helpColumn and helpDescription. */
  texts: string;
  instructions: readonly [zh: string, en: string][];
  /** A column's width in characters. */
  width: (name: string) => number;
  /** Columns kept as text (codes that Excel would turn into numbers). */
  textColumns: ReadonlySet<string>;
  dateColumns: ReadonlySet<string>;
}

/** The CSV template: the header and the example rows as text. */
export function csvTemplate(sheet: Pick<TemplateSheet, "columns" | "rows">): Uint8Array {
  const fields = sheet.columns.map((c) => c.name);
  return csvFile(
    fields,
    sheet.rows.map((r) =>
      fields.map((f) => {
        const v = r[f];
        return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? "");
      }),
    ),
  );
}

/** The XLSX template: the data sheet first (a note on each header cell), then the instructions. */
export async function xlsxTemplate(sheet: TemplateSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(bilingual(`${sheet.texts}.dataSheet`).join(" "), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  data.columns = sheet.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: sheet.width(c.name),
    style: sheet.textColumns.has(c.name)
      ? { numFmt: "@" }
      : sheet.dateColumns.has(c.name)
        ? { numFmt: "yyyy-mm-dd" }
        : {},
  }));
  const headerRow = data.getRow(1);
  headerRow.font = { bold: true };
  sheet.columns.forEach((c, i) => {
    headerRow.getCell(i + 1).note = `${c.noteZh}\n${c.noteEn}`;
  });
  for (const example of sheet.rows) {
    data.addRow(
      Object.fromEntries(Object.entries(example).map(([k, v]) => [k, typeof v === "string" ? safeCell(v) : v])),
    );
  }

  const [columnZh, columnEn] = bilingual(`${sheet.texts}.helpColumn`);
  const [descriptionZh, descriptionEn] = bilingual(`${sheet.texts}.helpDescription`);
  const help = workbook.addWorksheet(bilingual(`${sheet.texts}.helpSheet`).join(" "));
  help.columns = [
    { header: `${columnZh} / ${columnEn}`, key: "name", width: 22 },
    { header: descriptionZh, key: "zh", width: 70 },
    { header: descriptionEn, key: "en", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [zh, en] of sheet.instructions) help.addRow({ name: "", zh: safeCell(zh), en: safeCell(en) });
  help.addRow({});
  for (const c of sheet.columns) help.addRow({ name: c.name, zh: safeCell(c.noteZh), en: safeCell(c.noteEn) });
  help.getColumn("zh").alignment = { wrapText: true, vertical: "top" };
  help.getColumn("en").alignment = { wrapText: true, vertical: "top" };

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
