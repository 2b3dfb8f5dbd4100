import "server-only";
import { isoDate } from "@/lib/domain/dates";
import type { AccidentClass, Level, RuleSet } from "@/lib/domain/rules";
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

export function toDraftRuleSet(row: Awaited<ReturnType<typeof loadDraftForWrite>>): RuleSet {
  return {
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    documentNo: row.documentNo,
    effectiveFrom: isoDate(row.effectiveFrom),
    validityYears: row.validityYears,
    publicNoticeDays: row.publicNoticeDays,
    placeholderWeights: row.placeholderWeights,
    hiddenDangerWindowMonths: row.hiddenDangerWindowMonths,
    stoppedMonthsLimit: row.stoppedMonthsLimit,
    gradeRequiredToProduce: row.gradeRequiredToProduce,
    directExtension: row.directExtension,
    directExtensionWindowMonths: row.directExtensionWindowMonths,
    // The draft's checks (weights, thresholds, windows) do not read the basic conditions either.
    basicConditions: [],
    // The draft's checks (weights, thresholds, windows) do not read the consequence table.
    consequences: [],
    parts: row.parts.map((p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn })),
    elements: row.elements.map((e) => ({ ...e, weight: Number(e.weight) })),
    thresholds: row.thresholds.map((t) => ({
      level: t.level as Level,
      partCode: t.partCode,
      elementCode: t.elementCode,
      minScore: Number(t.minScore),
    })),
    vetoes: row.vetoes.map((v) => ({
      level: v.level as Level,
      kind: v.kind,
      accidentClass: v.accidentClass as AccidentClass | null,
      windowMonths: v.windowMonths,
    })),
  };
}
