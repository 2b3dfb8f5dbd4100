import "server-only";
import { reportedProblems } from "@/lib/import/import-state";
import { todayInChina } from "@/lib/domain/dates";
import {
  checkRegisterRows,
  columnOf,
  registerColumnProblems,
  registerLayout,
  type CheckedRow,
  type RegisterImportKind,
} from "@/lib/import/register-rows";
import { parseSheetFile, type ImportProblem } from "@/lib/import/sheet-file";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import { enterpriseScope, requireRegister } from "@/lib/server/register/scope";
import { changeMineStatusIn } from "./change-mine-status";
import { registerMineIn } from "./register-mine";

export type RegisterImportResult =
  | { ok: true; imported: number }
  /** `omitted`: errors found beyond the MAX_REPORTED_ERRORS listed. */
  | { ok: false; errors: ImportProblem[]; omitted: number };

/** Thrown inside the transaction to roll it back when any row was refused. */
class RowsRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super("rows refused");
  }
}

/**
 * Imports the mine register from a CSV or XLSX file: mines to register, or production-status
 * changes (in the order of the rows). The file is parsed by the shared reader, each row checked by
 * the form's schema, then written through the same use cases as the forms (registerMineIn,
 * changeMineStatusIn: scope, code allocation, period cutting, audit) in ONE transaction: a row the
 * service refuses is reported at its row and column and the whole file is rolled back.
 */
export async function importRegister(
  caller: Caller,
  kind: RegisterImportKind,
  file: { name: string; bytes: Uint8Array },
  opts: { db?: Db; today?: string } = {},
): Promise<RegisterImportResult> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  requireRegister(caller);
  const sheet = await parseSheetFile(file, registerLayout(kind));
  if (!sheet.ok) return failed(sheet.problems);
  const header = registerColumnProblems(kind, sheet.columns, sheet.headerRow);
  if (header.length) return failed(header);
  const checked = checkRegisterRows(kind, sheet.rows);
  if (!checked.ok) return failed(checked.problems);
  const duplicates = duplicateCodes(checked.rows);
  if (duplicates.length) return failed(duplicates);
  try {
    const imported = await db.$transaction((tx) => writeRows(tx, caller, kind, checked.rows, file.name, today), {
      timeout: 300_000,
      maxWait: 20_000,
    });
    // Up to 10,000 mines: every scope's figures and every mine's cached pages, not one tag per mine.
    invalidate({ allMetrics: true, allMines: true });
    return { ok: true, imported };
  } catch (e) {
    if (e instanceof RowsRefused) return failed(e.problems);
    throw e;
  }
}

async function writeRows(
  tx: Tx,
  caller: Caller,
  kind: RegisterImportKind,
  rows: CheckedRow[],
  fileName: string,
  today: string,
): Promise<number> {
  const problems: ImportProblem[] = [];
  const enterprises = new Map<string, number>();
  for (const r of rows) {
    try {
      if (r.kind === "mines") {
        let enterpriseId: number | null = null;
        if (r.enterprise) {
          if (!enterprises.has(r.enterprise)) {
            const found = await tx.enterprise.findFirst({
              where: { AND: [{ name: r.enterprise }, enterpriseScope(caller)] },
              select: { id: true },
            });
            if (found) enterprises.set(r.enterprise, found.id);
          }
          enterpriseId = enterprises.get(r.enterprise) ?? null;
          if (enterpriseId === null) {
            problems.push({
              row: r.row,
              column: "enterprise",
              message: "problems.enterpriseNotFound",
              params: { value: r.enterprise },
            });
            continue;
          }
        }
        await registerMineIn(tx, caller, { ...r.input, enterpriseId }, today);
      } else {
        await changeMineStatusIn(tx, caller, r.input, today);
      }
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      problems.push(rowProblem(kind, r, e));
    }
  }
  if (problems.length) throw new RowsRefused(problems);
  await audit(tx, {
    actorId: caller.id,
    action: `register.import.${kind}`,
    entity: "RegisterImport",
    entityId: `${kind}:${rows.length}`,
    regionCode: caller.jurisdiction,
    after: { fileName, kind, rows: rows.length },
  });
  return rows.length;
}

/** A service's refusal of a row as a problem of its row and column, in the import's words. */
function rowProblem(kind: RegisterImportKind, r: CheckedRow, e: ServiceError): ImportProblem {
  if (e.code === "FORBIDDEN") return { row: 0, column: "", message: "problems.registerForbidden" };
  if (e.code === "NOT_FOUND" && r.kind === "statuses")
    return { row: r.row, column: "mine_code", message: "problems.mineNotFound", params: { value: r.input.mineCode } };
  const [field, key] = Object.entries(e.fieldErrors)[0] ?? ["", e.messageKey];
  const column = columnOf(kind, field);
  const value =
    key === "countyNotFound" && r.kind === "mines"
      ? r.input.countyCode
      : key === "mineCodeTaken" && r.kind === "mines"
        ? `${r.input.countyCode}${r.input.sequence}`
        : r.input.effectiveOn;
  const known = [
    "countyNotFound",
    "mineCodeTaken",
    "sequenceExhausted",
    "enterpriseNotFound",
    "statusUnchanged",
    "statusBeforeHistory",
    "dateInFuture",
  ];
  return {
    row: r.row,
    column,
    message: known.includes(key) ? `problems.${key}` : "problems.valueInvalid",
    params: { value },
  };
}

/** Mine codes typed twice in one file (an empty sequence allocates a new one each time). */
function duplicateCodes(rows: CheckedRow[]): ImportProblem[] {
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    if (r.kind !== "mines" || r.input.sequence === "") continue;
    const code = `${r.input.countyCode}${r.input.sequence}`;
    if (seen.has(code))
      problems.push({ row: r.row, column: "sequence", message: "problems.mineCodeDuplicate", params: { value: code } });
    seen.add(code);
  }
  return problems;
}

function failed(problems: ImportProblem[]): RegisterImportResult {
  return { ok: false, ...reportedProblems(problems) };
}
