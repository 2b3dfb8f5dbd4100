// The mine register's import files: two kinds (mines to register, production-status changes), their
// columns, and each row checked against the same schemas as the register's forms
// (lib/validation/mine-register.ts), with each problem reported at its row and column as a
// catalogue key under "importForm". Pure: what needs the database (the county in the caller's
// jurisdiction, a free code, the mine, the enterprise) is checked by the service.
import type { z } from "zod";
import { catalogueKey } from "@/lib/validation/form-errors";
import {
  changeStatusSchema,
  COMBUSTION_CLASSES,
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_TYPES,
  PRODUCTION_STATUSES,
  registerMineSchema,
  type ChangeStatusInput,
  type RegisterMineInput,
} from "@/lib/validation/mine-register";
import { normaliseDate, type ImportProblem, type SheetLayout, type SheetRow } from "./sheet-file";

export const REGISTER_IMPORT_KINDS = ["mines", "statuses"] as const;
export type RegisterImportKind = (typeof REGISTER_IMPORT_KINDS)[number];

/** Column → the form field it fills (the enterprise column names an enterprise; the service finds it). */
export const MINE_COLUMNS = {
  county_code: "countyCode",
  sequence: "sequence",
  name: "name",
  name_en: "nameEn",
  enterprise: "enterprise",
  type: "type",
  capacity: "capacity",
  gas_grade: "gasGrade",
  hydro_type: "hydroType",
  rock_burst: "rockBurst",
  combustion_class: "combustionClass",
  status: "status",
  effective_on: "effectiveOn",
  reason: "reason",
  document_no: "documentNo",
} as const;

export const STATUS_COLUMNS = {
  mine_code: "mineCode",
  status: "status",
  effective_on: "effectiveOn",
  reason: "reason",
  document_no: "documentNo",
} as const;

const COLUMNS: Record<RegisterImportKind, Record<string, string>> = { mines: MINE_COLUMNS, statuses: STATUS_COLUMNS };

/** Columns a file may leave out (their cells then read as empty). */
const OPTIONAL = new Set(["sequence", "name_en", "enterprise", "rock_burst", "reason", "document_no"]);

/** Columns whose cells are one of a list, compared case-insensitively. */
export const ENUM_COLUMNS: Record<string, readonly string[]> = {
  type: MINE_TYPES,
  gas_grade: GAS_GRADES,
  hydro_type: HYDRO_TYPES,
  combustion_class: COMBUSTION_CLASSES,
  status: PRODUCTION_STATUSES,
};

export function registerLayout(kind: RegisterImportKind): SheetLayout {
  return { fixed: new Set(Object.keys(COLUMNS[kind])), others: "lower", dateColumns: new Set(["effective_on"]) };
}

export function registerColumns(kind: RegisterImportKind): string[] {
  return Object.keys(COLUMNS[kind]);
}

/** Header problems: every required column there, no unknown one. */
export function registerColumnProblems(kind: RegisterImportKind, columns: readonly string[], headerRow: number) {
  const known = COLUMNS[kind];
  const present = new Set(columns);
  const problems: ImportProblem[] = [];
  for (const c of Object.keys(known))
    if (!OPTIONAL.has(c) && !present.has(c))
      problems.push({ row: headerRow, column: c, message: "problems.columnMissing" });
  for (const c of columns)
    if (!(c in known)) problems.push({ row: headerRow, column: c, message: "problems.registerColumnUnknown" });
  return problems;
}

export type CheckedRow =
  | { kind: "mines"; row: number; input: RegisterMineInput; enterprise: string }
  | { kind: "statuses"; row: number; input: ChangeStatusInput };

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** A schema's message for a cell, as an import problem of that column. */
function cellProblem(
  row: SheetRow,
  column: string,
  key: string,
  params: Record<string, string | number>,
): ImportProblem {
  const value = shown(row.cells[column] ?? "");
  const allowed = ENUM_COLUMNS[column];
  const at = { row: row.row, column };
  if (value === "" || (key === "required" && !allowed)) return { ...at, message: "problems.required" };
  if (key === "tooLong") return { ...at, message: "problems.tooLong", params };
  if (allowed) return { ...at, message: "problems.enumInvalid", params: { value, allowed: allowed.join(", ") } };
  if (key === "dateInvalid") return { ...at, message: "problems.dateInvalid", params: { value } };
  const specific = ["countyRequired", "sequenceInvalid", "capacityInvalid", "mineCodeInvalid"];
  return { ...at, message: specific.includes(key) ? `problems.${key}` : "problems.valueInvalid", params: { value } };
}

/** Every row checked against the form's schema: the inputs, or every problem of every row. */
export function checkRegisterRows(
  kind: RegisterImportKind,
  rows: readonly SheetRow[],
): { ok: true; rows: CheckedRow[] } | { ok: false; problems: ImportProblem[] } {
  const columns = COLUMNS[kind];
  const schema: z.ZodType = kind === "mines" ? registerMineSchema : changeStatusSchema;
  const fieldToColumn = Object.fromEntries(Object.entries(columns).map(([c, f]) => [f, c]));
  const problems: ImportProblem[] = [];
  const checked: CheckedRow[] = [];
  for (const row of rows) {
    const raw: Record<string, string> = {};
    for (const [column, field] of Object.entries(columns)) {
      let value = row.cells[column] ?? "";
      if (ENUM_COLUMNS[column]) value = value.toUpperCase();
      if (column === "effective_on") value = normaliseDate(value) ?? value;
      raw[field] = value;
    }
    const parsed = schema.safeParse(raw, { error: catalogueKey });
    if (!parsed.success) {
      const byColumn = new Map<string, ImportProblem>();
      for (const issue of parsed.error.issues) {
        const column = fieldToColumn[String(issue.path[0])] ?? "";
        if (byColumn.has(column)) continue;
        const params: Record<string, number> = issue.code === "too_big" ? { max: Number(issue.maximum) } : {};
        byColumn.set(column, cellProblem(row, column, issue.message, params));
      }
      // In the order of the file's columns, as the user reads the row.
      const order = Object.keys(columns);
      problems.push(...[...byColumn.values()].sort((a, b) => order.indexOf(a.column) - order.indexOf(b.column)));
      continue;
    }
    checked.push(
      kind === "mines"
        ? {
            kind,
            row: row.row,
            input: parsed.data as RegisterMineInput,
            enterprise: (row.cells.enterprise ?? "").trim(),
          }
        : { kind, row: row.row, input: parsed.data as ChangeStatusInput },
    );
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows: checked };
}

/** The column a service's field error belongs to. */
export function columnOf(kind: RegisterImportKind, field: string): string {
  const entry = Object.entries(COLUMNS[kind]).find(([, f]) => f === field);
  return entry?.[0] ?? "";
}
