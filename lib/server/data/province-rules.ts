import "server-only";
import { dateValue } from "@/lib/domain/dates";
import type { Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";

/**
 * Where the province says so (ProvinceRule.openMajorHiddenDangerBarsGrading, e.g. Shanxi), a mine with a
 * major hidden danger found on or before `today` and not rectified by then cannot be graded: refuses
 * with the count, naming the rule. Elsewhere, and for a mine with none open, it passes.
 */
export async function assertNoOpenMajorHiddenDanger(
  tx: Tx,
  mine: { id: number; provinceCode: string },
  today: string,
): Promise<void> {
  const rule = await tx.provinceRule.findUnique({ where: { provinceCode: mine.provinceCode } });
  if (!rule?.openMajorHiddenDangerBarsGrading) return;
  const d = dateValue(today);
  const open = await tx.hiddenDanger.count({
    where: { mineId: mine.id, foundOn: { lte: d }, OR: [{ rectifiedOn: null }, { rectifiedOn: { gt: d } }] },
  });
  if (open > 0) throw new ServiceError("INVALID_STATE", "openMajorHiddenDanger", {}, { count: open });
}
