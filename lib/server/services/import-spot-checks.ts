import "server-only";
import { reportedProblems } from "@/lib/import/import-state";
import { todayInChina } from "@/lib/domain/dates";
import { columnProblems, parseSpotCheckFile, type ImportProblem } from "@/lib/import/spot-check-file";
import { validateRows } from "@/lib/import/spot-check-rows";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { allRuleSets } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import { proposeImportDecisions } from "@/lib/server/import/propose-import-decisions";
import { writeImportedSpotChecks } from "@/lib/server/import/write-imported-spot-checks";
import { afterCommit } from "@/lib/server/cache/tags";

export type ImportRowError = ImportProblem;

export type ImportResult =
  | { ok: true; imported: number; proposals: number }
  /** `omitted`: errors found beyond the MAX_REPORTED_ERRORS listed. */
  | { ok: false; errors: ImportRowError[]; omitted: number };

/**
 * Imports spot-checks from a CSV or XLSX file: the file is bounded and parsed
 * (lib/import/spot-check-file.ts), every row is validated (lib/import/spot-check-rows.ts: the mine
 * exists and lies in the caller's scope, enums, dates, element scores under the rule version in
 * force on the check date) and, if any row is bad, nothing is written and every problem is returned
 * by row and column. Otherwise all rows are written in one transaction with bulk inserts, one audit
 * row for the import, and the decisions the triggers propose (as recordSpotCheck does for a single check).
 */
export async function importSpotChecks(
  caller: Caller,
  file: { name: string; bytes: Uint8Array },
  opts: { db?: Db; today?: string } = {},
): Promise<ImportResult> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "spotCheck.record")) throw forbidden();
  const sheet = await parseSpotCheckFile(file);
  if (!sheet.ok) return failed(sheet.problems);

  const write = db.$transaction(
    async (tx) => {
      const ruleSets = await allRuleSets({ db: tx });
      const elementCodes = new Set(ruleSets.flatMap((r) => r.elements.map((e) => e.code)));
      const headerProblems = columnProblems(sheet.columns, elementCodes, sheet.headerRow);
      if (headerProblems.length) return failed(headerProblems);

      // Scope is checked here, inside the transaction that writes: a mine outside the caller's
      // jurisdiction is reported exactly like a code that does not exist.
      const codes = [...new Set(sheet.rows.map((r) => r.cells.mine_code).filter((c) => c !== ""))];
      const mines = new Map(
        (
          await tx.mine.findMany({
            where: { AND: [{ code: { in: codes } }, mineScope(caller)] },
            select: { id: true, code: true, type: true, countyCode: true, provinceCode: true },
          })
        ).map((m) => [m.code, m]),
      );
      const checked = validateRows(sheet.rows, { mines, ruleSets, columns: sheet.columns, today });
      if (!checked.ok) return failed(checked.problems);
      const valid = checked.rows;

      const spotCheckIds = await writeImportedSpotChecks(tx, caller, valid);
      const proposals = await proposeImportDecisions(tx, caller, valid, spotCheckIds);
      const ids = [...spotCheckIds].sort((a, b) => a - b);
      await audit(tx, {
        actorId: caller.id,
        action: "spotCheck.import",
        entity: "SpotCheckImport",
        entityId: `${ids[0]}-${ids[ids.length - 1]}`,
        regionCode: commonRegion(valid.map((v) => v.mine.countyCode)),
        after: {
          fileName: file.name,
          format: sheet.format,
          rows: valid.length,
          spotCheckIds: { first: ids[0], last: ids[ids.length - 1] },
          proposals,
        },
      });
      return { ok: true as const, imported: valid.length, proposals };
    },
    { timeout: 300_000, maxWait: 20_000 },
  );
  // Up to 10,000 checks: every scope's figures and every mine's pages, not one tag per mine.
  return afterCommit(write, (r) => (r.ok ? { allMetrics: true, allMines: true } : {}));
}

function failed(problems: ImportProblem[]): ImportResult {
  return { ok: false, ...reportedProblems(problems) };
}

/** The region all the imported mines lie in (a province, prefecture or county code; "" for several provinces). */
function commonRegion(countyCodes: string[]): string {
  for (const length of [6, 4, 2]) {
    const prefix = countyCodes[0].slice(0, length);
    if (countyCodes.every((c) => c.startsWith(prefix))) return prefix;
  }
  return "";
}
