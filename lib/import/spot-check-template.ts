// The spot-check import template (CSV and XLSX): the columns the parser expects, an example row per
// mine type, and (in the workbook) a note on every header and a sheet of instructions. Its text is
// in the catalogues (importForm.template) and written in both languages, Chinese first: a template
// is passed around, so it should not depend on who downloaded it.
import { ruleVersionOn } from "@/lib/domain/rule-data";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translator";
import { MAX_DATA_ROWS, MAX_HIDDEN_DANGERS, MAX_IMPORT_MB, MAX_TEAM_LENGTH } from "@/lib/validation/import-limits";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check";
import { FIXED_COLUMNS, isFixedColumn, isNotApplicable, type FileFormat, type FixedColumn } from "./spot-check-file";
import { bilingual, csvTemplate, xlsxTemplate, type TemplateColumn } from "./template-workbook";

export type { TemplateColumn } from "./template-workbook";

/** Placeholder mine codes: an unchanged template imports nothing (its rows are "mine not found"). */
export const EXAMPLE_MINE_CODES: Record<MineType, string> = { UNDERGROUND: "EXAMPLE-UG", OPEN_PIT: "EXAMPLE-OP" };

const INSTRUCTIONS = ["oneRowEach", "examples", "elements", "allOrNothing", "limits"] as const;

const COLUMN_VALUES: Record<FixedColumn, Record<string, string | number>> = {
  mine_code: {},
  checked_on: {},
  type: { allowed: SPOT_CHECK_TYPES.join(" / ") },
  team: { max: MAX_TEAM_LENGTH },
  conclusion: { allowed: CONCLUSIONS.join(" / ") },
  major_hidden_dangers: { max: MAX_HIDDEN_DANGERS },
};

/** A text of importForm.template in both languages; `values` gives a language's message parameters. */
function both(
  key: string,
  values?: (t: Translate, locale: Locale) => Record<string, string | number>,
): [zh: string, en: string] {
  return bilingual(`importForm.template.${key}`, values);
}

/** Element codes of every rule version, E… then P…, with the newest version's names and the mine types that use them. */
export function templateColumns(ruleSets: readonly RuleSet[]): TemplateColumn[] {
  const elements = new Map<string, { nameZh: string; nameEn: string; types: Set<MineType> }>();
  const newestLast = [...ruleSets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  for (const rules of newestLast) {
    for (const e of rules.elements) {
      const entry = elements.get(e.code) ?? { nameZh: e.nameZh, nameEn: e.nameEn, types: new Set<MineType>() };
      entry.nameZh = e.nameZh;
      entry.nameEn = e.nameEn;
      entry.types.add(e.mineType);
      elements.set(e.code, entry);
    }
  }
  const fixed = FIXED_COLUMNS.map((name) => {
    const [noteZh, noteEn] = both(`columns.${name}`, () => COLUMN_VALUES[name]);
    return { name, noteZh, noteEn };
  });
  const scores = [...elements.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, e]) => {
      const types = [...e.types].sort();
      const [noteZh, noteEn] = both("element", (t, locale) => ({
        name: locale === "zh-CN" ? e.nameZh : e.nameEn,
        mineTypes: types.map((type) => t(`enums.mineType.${type}`)).join(t("importForm.template.listSeparator")),
      }));
      return { name: code, noteZh, noteEn };
    });
  return [...fixed, ...scores];
}

/** One example row per mine type, scored on the rule version in force on `today`. */
export function templateExampleRows(ruleSets: readonly RuleSet[], today: string): Record<string, string>[] {
  const rules = ruleVersionOn(today, ruleSets);
  const example = (type: MineType, team: string, notApplicable: string, mark: string) => {
    const row: Record<string, string> = {
      mine_code: EXAMPLE_MINE_CODES[type],
      checked_on: today,
      type: "ROUTINE",
      team,
      conclusion: "GRADE_MAINTAINED",
      major_hidden_dangers: "0",
    };
    elementsFor(rules, type).forEach((e, i) => {
      row[e.code] = e.code === notApplicable ? mark : String(86 + ((i * 3) % 10));
    });
    return row;
  };
  return [example("UNDERGROUND", "第一检查组", "E14", "缺项"), example("OPEN_PIT", "Team 2", "P08", "NA")];
}

/** The instructions, in both languages. */
export function templateInstructions(): [zh: string, en: string][] {
  return INSTRUCTIONS.map((key) => both(`instructions.${key}`, () => ({ rows: MAX_DATA_ROWS, mb: MAX_IMPORT_MB })));
}

/** The CSV template: UTF-8 with a BOM, so that Excel shows the Chinese text correctly. */
export function buildCsvTemplate(ruleSets: readonly RuleSet[], today: string): Uint8Array {
  return csvTemplate({ columns: templateColumns(ruleSets), rows: templateExampleRows(ruleSets, today) });
}

/** The XLSX template: the data sheet first (with a bilingual note on each header cell), then the instructions. */
export async function buildXlsxTemplate(ruleSets: readonly RuleSet[], today: string): Promise<Uint8Array> {
  const rows = templateExampleRows(ruleSets, today).map((example) => {
    const values: Record<string, string | number | Date> = {};
    for (const [k, v] of Object.entries(example)) {
      if (k === "checked_on") values[k] = new Date(`${v}T00:00:00.000Z`);
      else if (k === "major_hidden_dangers" || (!isFixedColumn(k) && !isNotApplicable(v))) values[k] = Number(v);
      else values[k] = v;
    }
    return values;
  });
  return xlsxTemplate({
    columns: templateColumns(ruleSets),
    rows,
    texts: "importForm.template",
    instructions: templateInstructions(),
    width: (name) => (isFixedColumn(name) ? Math.max(14, name.length + 4) : 8),
    // Codes stay text (Excel would otherwise turn 1402… into a number); dates show as YYYY-MM-DD.
    textColumns: new Set(["mine_code", "team"]),
    dateColumns: new Set(["checked_on"]),
  });
}

export async function buildTemplate(format: FileFormat, ruleSets: readonly RuleSet[], today: string) {
  return format === "csv" ? buildCsvTemplate(ruleSets, today) : buildXlsxTemplate(ruleSets, today);
}
