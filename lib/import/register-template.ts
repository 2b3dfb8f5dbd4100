// The mine register's import templates (mines; production-status changes), CSV and XLSX, with a
// note on every column and a sheet of instructions, in both languages from the catalogues
// (mineRegister.import.template). Built by the shared template builder (./template-workbook.ts).
import { MAX_DATA_ROWS, MAX_IMPORT_MB } from "@/lib/validation/import-limits";
import { MAX_CAPACITY } from "@/lib/validation/mine-register";
import { REGISTER_LIMITS } from "@/lib/validation/text-limits";
import { ENUM_COLUMNS, registerColumns, type RegisterImportKind } from "./register-rows";
import type { FileFormat } from "./sheet-file";
import { bilingual, csvTemplate, xlsxTemplate, type TemplateColumn } from "./template-workbook";

const TEXTS = "mineRegister.import.template";

/** Placeholders: an unchanged template imports nothing (no county 000000, no mine 0000000000). */
export const EXAMPLE_COUNTY = "000000";
export const EXAMPLE_MINE_CODE = "0000000000";

const LIMITS: Record<string, Record<string, string | number>> = {
  name: { max: REGISTER_LIMITS.name },
  name_en: { max: REGISTER_LIMITS.name },
  capacity: { max: MAX_CAPACITY },
  reason: { max: REGISTER_LIMITS.reason },
  document_no: { max: REGISTER_LIMITS.documentNo },
};

export function registerTemplateColumns(kind: RegisterImportKind): TemplateColumn[] {
  return registerColumns(kind).map((name) => {
    const values = { ...LIMITS[name], ...(ENUM_COLUMNS[name] ? { allowed: ENUM_COLUMNS[name].join(" / ") } : {}) };
    const [noteZh, noteEn] = bilingual(`${TEXTS}.columns.${name}`, () => values);
    return { name, noteZh, noteEn };
  });
}

export function registerExampleRows(kind: RegisterImportKind, today: string): Record<string, string>[] {
  if (kind === "statuses")
    return [
      { mine_code: EXAMPLE_MINE_CODE, status: "STOPPED", effective_on: today, reason: "停产整顿", document_no: "" },
    ];
  return [
    {
      county_code: EXAMPLE_COUNTY,
      sequence: "",
      name: "示例煤矿",
      name_en: "Example Mine",
      enterprise: "",
      type: "UNDERGROUND",
      capacity: "120",
      gas_grade: "LOW",
      hydro_type: "SIMPLE",
      rock_burst: "false",
      combustion_class: "II",
      status: "NORMAL_PRODUCTION",
      effective_on: today,
      reason: "",
      document_no: "",
    },
  ];
}

function instructions(kind: RegisterImportKind): [zh: string, en: string][] {
  const keys = ["oneRowEach", kind === "mines" ? "codes" : "order", "example", "allOrNothing", "limits"];
  return keys.map((k) => bilingual(`${TEXTS}.instructions.${k}`, () => ({ rows: MAX_DATA_ROWS, mb: MAX_IMPORT_MB })));
}

export async function buildRegisterTemplate(kind: RegisterImportKind, format: FileFormat, today: string) {
  const columns = registerTemplateColumns(kind);
  const rows = registerExampleRows(kind, today);
  if (format === "csv") return csvTemplate({ columns, rows });
  return xlsxTemplate({
    columns,
    rows: rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          k === "effective_on" ? new Date(`${v}T00:00:00.000Z`) : k === "capacity" ? Number(v) : v,
        ]),
      ),
    ),
    texts: `${TEXTS}.${kind}`,
    instructions: instructions(kind),
    width: (name) => Math.max(14, name.length + 4),
    textColumns: new Set(["county_code", "sequence", "mine_code", "document_no"]),
    dateColumns: new Set(["effective_on"]),
  });
}
