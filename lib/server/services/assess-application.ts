import "server-only";
import { assessmentOutcome } from "@/lib/domain/application-workflow";
import { grantedLevels } from "@/lib/domain/authority-config";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { computeGrade, validateScores } from "@/lib/domain/grading";
import type { Caller } from "@/lib/server/auth/scope";
import { vetoFacts } from "@/lib/server/data/mine-facts";
import { assertNoOpenMajorHiddenDanger } from "@/lib/server/data/province-rules";
import { loadRuleSet } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { AssessApplicationInput } from "@/lib/validation/application";
import { assertConditionsMet, moveApplication, withApplicationStep } from "./transition-application";

/** Why an application was rejected at assessment (the page translates it): no level the province grants was reached. */
export const NO_LEVEL_REACHED = "NO_LEVEL_REACHED";

/**
 * The assessors' scores (考核: documents and site), graded by the engine under the application's rule
 * version with the mine's Level-1 veto facts on `today`. The result level is the engine's level
 * capped at the level applied for (a mine that misses it gets the level its scores reach, or the next
 * worse level its province grants, and goes to that level's grader; authority-config.ts); when no
 * level is reached the application is rejected with reason NO_LEVEL_REACHED, and where the province
 * rejects a missed level, with APPLIED_LEVEL_MISSED. Either way the ASSESSMENT score sheet is kept.
 */
export async function assessApplication(
  caller: Caller,
  input: AssessApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  return withApplicationStep(caller, input, "ASSESS", db, async (tx, app) => {
    // A mine that fails a basic condition (基本条件) cannot be graded.
    await assertConditionsMet(tx, app);

    // Where the province says so (Shanxi), a major hidden danger opened since the application bars grading too.
    await assertNoOpenMajorHiddenDanger(tx, app.mine, today);
    const ruleSet = await loadRuleSet({ id: app.ruleVersionId }, { db: tx });
    if (!ruleSet) throw new ServiceError("VALIDATION", "noRuleVersion");
    const { rules } = ruleSet;
    const fieldErrors: Record<string, string> = {};
    for (const issue of validateScores(rules, app.mine.type, input.scores)) {
      fieldErrors[`scores.${issue.elementCode}`] = `score_${issue.problem}`;
    }
    if (Object.keys(fieldErrors).length) throw new ServiceError("VALIDATION", "validation", fieldErrors);

    const result = computeGrade({
      rules,
      mineType: app.mine.type,
      scores: input.scores,
      asOf: today,
      facts: await vetoFacts(tx, app.mineId),
    });
    const outcome = assessmentOutcome(result.level, app.appliedLevel, {
      mine: app.mine,
      config: app.config,
      grantedLevels: grantedLevels(app.config, app.mine.provinceCode),
    });
    const scoresheet = await tx.scoresheet.create({
      data: {
        mineId: app.mineId,
        ruleVersionId: ruleSet.id,
        kind: "ASSESSMENT",
        mineType: app.mine.type,
        total: result.total ?? 0,
        level: result.level,
        scores: {
          create: Object.entries(input.scores).map(([elementCode, score]) => ({
            elementCode,
            score,
            notApplicable: score === null,
          })),
        },
      },
    });
    const assessed = { scoresheetId: scoresheet.id, total: result.total, engineLevel: result.level };
    const state =
      outcome.state === "ASSESSED"
        ? await moveApplication(tx, caller, app, "ASSESS", {
            reason: input.note,
            data: {
              assessedScoresheetId: scoresheet.id,
              assessedOn: dateValue(today),
              resultLevel: outcome.resultLevel,
            },
            audit: { ...assessed, resultLevel: outcome.resultLevel, scores: input.scores },
          })
        : await moveApplication(tx, caller, app, "REJECT", {
            reason: outcome.reason,
            data: {
              assessedScoresheetId: scoresheet.id,
              assessedOn: dateValue(today),
              resultLevel: null,
              rejectionReason: outcome.reason,
            },
            audit: { ...assessed, resultLevel: null, scores: input.scores, note: input.note ?? null },
          });
    return {
      applicationId: app.id,
      mineCode: app.mine.code,
      state,
      resultLevel: outcome.state === "ASSESSED" ? outcome.resultLevel : null,
      result,
    };
  });
}
