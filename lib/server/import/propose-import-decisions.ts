import "server-only";
import { dateValue, isoDate } from "@/lib/domain/dates";
import { isInForce } from "@/lib/domain/grade-validity";
import { addMonths } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import {
  hiddenDangerTrigger,
  managementSlideTrigger,
  type CurrentGrade,
  type HiddenDangerFact,
  type ProposedDecision,
} from "@/lib/domain/triggers";
import type { MineRow, ValidRow } from "@/lib/import/spot-check-rows";
import type { Caller } from "@/lib/server/auth/scope";
import { consequencePlaces } from "@/lib/server/data/grading-config";
import type { Tx } from "@/lib/server/db";
import { saveProposals } from "@/lib/server/services/save-proposals";

/**
 * The triggers recordSpotCheck runs, per row, against the grade in force on the check date: the
 * management slide and the hidden-danger comparison (which sees the imported dangers, as the single
 * form does). Grades and hidden dangers are loaded for all mines at once; saveProposals is idempotent.
 */
export async function proposeImportDecisions(
  tx: Tx,
  caller: Caller,
  rows: ValidRow[],
  spotCheckIds: number[],
): Promise<number> {
  const mineIds = [...new Set(rows.map((v) => v.mine.id))];
  const dates = rows.map((v) => v.checkedOn).sort();
  const [first, last] = [dates[0], dates[dates.length - 1]];
  const grades = await tx.grade.findMany({
    where: { mineId: { in: mineIds }, announcedOn: { lte: dateValue(last) }, validUntil: { gt: dateValue(first) } },
    orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
    select: { id: true, mineId: true, level: true, announcedOn: true, validUntil: true, endedOn: true },
  });
  const gradesByMine = new Map<number, typeof grades>();
  for (const g of grades) {
    const list = gradesByMine.get(g.mineId) ?? [];
    list.push(g);
    gradesByMine.set(g.mineId, list);
  }

  const window = Math.max(...rows.map((v) => v.rules.hiddenDangerWindowMonths));
  const dangers = await tx.hiddenDanger.findMany({
    where: {
      mineId: { in: [...gradesByMine.keys()] },
      foundOn: { gte: dateValue(addMonths(first, -window)), lte: dateValue(last) },
    },
    select: { mineId: true, foundOn: true, source: true },
  });
  const dangersByMine = new Map<number, HiddenDangerFact[]>();
  for (const d of dangers) {
    const list = dangersByMine.get(d.mineId) ?? [];
    list.push({ foundOn: isoDate(d.foundOn), source: d.source });
    dangersByMine.set(d.mineId, list);
  }

  // Proposals by mine and grade (saveProposals stores those of one grade), each trigger key once.
  const placeOf = await consequencePlaces(tx);
  const groups = new Map<string, { mine: MineRow; gradeId: number; fired: Map<string, ProposedDecision> }>();
  rows.forEach((v, i) => {
    const g = gradesByMine.get(v.mine.id)?.find((x) => isInForce(x, v.checkedOn));
    if (!g) return;
    const grade: CurrentGrade = {
      id: g.id,
      level: g.level as Level,
      announcedOn: isoDate(g.announcedOn),
      validUntil: isoDate(g.validUntil),
    };
    const place = placeOf(v.mine.provinceCode);
    const fired = [
      managementSlideTrigger(grade, { id: spotCheckIds[i], checkedOn: v.checkedOn }, v.result, place),
      hiddenDangerTrigger(v.rules, grade, dangersByMine.get(v.mine.id) ?? [], v.checkedOn, place),
    ];
    for (const p of fired) {
      if (!p) continue;
      const key = `${v.mine.id}:${g.id}`;
      const group = groups.get(key) ?? { mine: v.mine, gradeId: g.id, fired: new Map() };
      group.fired.set(p.triggerKey, p);
      groups.set(key, group);
    }
  });

  // Most keys of a re-run trigger exist already: skip those groups without a round trip each.
  const keys = [...groups.values()].flatMap((g) => [...g.fired.keys()]);
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 5_000) {
    const chunk = keys.slice(i, i + 5_000);
    const found = await tx.decision.findMany({ where: { triggerKey: { in: chunk } }, select: { triggerKey: true } });
    for (const d of found) if (d.triggerKey) existing.add(d.triggerKey);
  }
  let proposed = 0;
  for (const group of groups.values()) {
    const fresh = [...group.fired.values()].filter((p) => !existing.has(p.triggerKey));
    if (fresh.length) proposed += (await saveProposals(tx, group.mine, group.gradeId, fresh, caller.id)).length;
  }
  return proposed;
}
