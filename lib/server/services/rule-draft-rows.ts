import "server-only";
import type { RuleSet } from "@/lib/domain/rules";
import { ruleSetOfRows } from "@/lib/server/data/rules";
import type { Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";

/** A draft with its rows, inside the write's transaction; refuses a published one and a stale version. */
export async function loadDraftForWrite(tx: Tx, code: string, version: number) {
  const row = await tx.ruleVersion.findUnique({
    where: { code },
    include: { parts: true, elements: true, thresholds: true, vetoes: true },
  });
  if (!row) throw new ServiceError("NOT_FOUND", "ruleVersionNotFound");
  // Published versions never change here: scoresheets and grades cite them (and the database refuses
  // a change to one in use, whatever path writes it).
  if (row.publishedAt !== null) throw new ServiceError("INVALID_STATE", "ruleVersionPublished");
  if (row.version !== version) throw new ServiceError("CONFLICT", "ruleVersionChanged");
  return row;
}

/** The draft in the engine's shape, for its checks (weights, thresholds, windows), which read no basic
 * conditions, consequences or sources. */
export function toDraftRuleSet(row: Awaited<ReturnType<typeof loadDraftForWrite>>): RuleSet {
  return ruleSetOfRows(row, { basicConditions: [], consequences: [], sources: undefined });
}
