import "server-only";
import { directExtensionProblem, OPEN_STATES, type ExtensionProblem } from "@/lib/domain/application-workflow";
import { isoDate } from "@/lib/domain/dates";
import { gradeEnd } from "@/lib/domain/grade-validity";
import type { Level, RuleSet } from "@/lib/domain/rules";
import { vetoFacts } from "@/lib/server/data/mine-facts";
import type { DbOrTx } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";

/**
 * Whether the mine may have its Level 1 grade extended directly today under `rules`
 * (directExtensionProblem), read from the database: the grade in force, the Level 1 veto facts and
 * the completed spot-checks. `exceptApplication`: the extension being processed, which is itself open.
 * Also returns the grade in force (the one an extension continues).
 */
export async function directExtensionCheck(
  db: DbOrTx,
  mineId: number,
  rules: Pick<RuleSet, "directExtension" | "directExtensionWindowMonths" | "vetoes">,
  today: string,
  opts: { exceptApplication?: number } = {},
): Promise<{ problem: ExtensionProblem | null; grade: { id: number; level: Level; endsOn: string } | null }> {
  const grade = await db.grade.findFirst({
    where: { mineId, ...inForceOn(today) },
    orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
  });
  const open = await db.gradeApplication.count({
    where: {
      mineId,
      state: { in: [...OPEN_STATES] },
      ...(opts.exceptApplication ? { id: { not: opts.exceptApplication } } : {}),
    },
  });
  const checks = await db.spotCheck.findMany({
    where: { mineId, status: "COMPLETED" },
    select: { checkedOn: true, scoresheet: { select: { level: true } } },
  });
  const current = grade
    ? { id: grade.id, level: grade.level as Level, announcedOn: isoDate(grade.announcedOn), endsOn: gradeEnd(grade) }
    : null;
  const problem = directExtensionProblem({
    rules,
    today,
    hasOpenApplication: open > 0,
    currentGrade: current,
    facts: await vetoFacts(db, mineId),
    spotChecks: checks.map((c) => ({ checkedOn: isoDate(c.checkedOn), level: c.scoresheet.level })),
  });
  return { problem, grade: current };
}
