import "server-only";
import { grantedLevels } from "@/lib/domain/authority-config";
import { applyProblem, nextState, OPEN_STATES } from "@/lib/domain/application-workflow";
import { conditionProblems } from "@/lib/domain/basic-conditions";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { gradeEnd } from "@/lib/domain/grade-validity";
import { computeGrade, validateScores } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { inForceOn } from "@/lib/server/grade-in-force";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { assertNoOpenMajorHiddenDanger } from "@/lib/server/data/province-rules";
import { directExtensionCheck } from "@/lib/server/data/direct-extension";
import { vetoFacts } from "@/lib/server/data/mine-facts";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { notifyApplicationState } from "@/lib/server/notifications/events";
import type { SubmitApplicationInput } from "@/lib/validation/application";

/**
 * The manager of a mine applies for a level with the mine's self-assessment (自评 → 申报): the
 * element scores become a SELF_ASSESSMENT score sheet under the rule version in force today, graded
 * by the engine with the mine's Level-1 veto facts, and the application starts SUBMITTED. A mine has
 * one application in progress at a time; see applyProblem for when a graded mine may apply.
 *
 * The manager answers every basic condition (基本条件) of the rule version with its evidence: one not
 * met or not answered refuses the application, next to that condition, and nothing is written. The
 * answers are stored with the application, its event and its audit row in one transaction.
 *
 * kind DIRECT_EXTENSION asks for a Level 1 grade about to expire to be extended without a new
 * assessment (直接延期): only where the rule version provides it and directExtensionProblem finds
 * nothing; the self-assessment must still reach Level 1.
 */
export async function submitApplication(
  caller: Caller,
  input: SubmitApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "application.submit") || caller.mineId === null) throw forbidden();
  const appliedLevel = input.appliedLevel as Level;
  const kind = input.kind ?? "GRADING";

  return db.$transaction(async (tx) => {
    const mine = await tx.mine.findFirst({ where: { AND: [{ id: caller.mineId! }, mineScope(caller)] } });
    if (!mine) throw notFound();
    // Two submissions for one mine at once: the second waits here and then sees the first one's application.
    await tx.$queryRaw`SELECT id FROM "Mine" WHERE id = ${mine.id} FOR UPDATE`;
    if (mine.status === "CLOSED" || mine.status === "ANNOUNCED_CLOSURE")
      throw new ServiceError("INVALID_STATE", "mineClosed");

    // Where the province says so (Shanxi), an open major hidden danger bars grading.
    await assertNoOpenMajorHiddenDanger(tx, mine, today);

    // A province grants only the levels its configuration says (e.g. Shanxi: Levels 1 and 2).
    if (!grantedLevels(await authorityConfig(tx, mine.provinceCode), mine.provinceCode).includes(appliedLevel))
      throw new ServiceError("VALIDATION", "validation", { appliedLevel: "levelNotGranted" });

    const ruleVersion = await ruleSetOn(today, { db: tx });
    if (!ruleVersion) throw new ServiceError("VALIDATION", "noRuleVersion");
    const { rules } = ruleVersion;
    const fieldErrors: Record<string, string> = conditionProblems(rules.basicConditions, input.conditions ?? {});
    for (const issue of validateScores(rules, mine.type, input.scores)) {
      fieldErrors[`scores.${issue.elementCode}`] = `score_${issue.problem}`;
    }
    if (kind === "DIRECT_EXTENSION" && appliedLevel !== 1) fieldErrors.appliedLevel = "extensionLevel1Only";
    if (Object.keys(fieldErrors).length) throw new ServiceError("VALIDATION", "validation", fieldErrors);

    const result = computeGrade({
      rules,
      mineType: mine.type,
      scores: input.scores,
      asOf: today,
      facts: await vetoFacts(tx, mine.id),
    });
    const open = await tx.gradeApplication.count({ where: { mineId: mine.id, state: { in: [...OPEN_STATES] } } });
    if (kind === "DIRECT_EXTENSION") {
      const { problem } = await directExtensionCheck(tx, mine.id, rules, today);
      if (problem === "OPEN_APPLICATION") throw new ServiceError("INVALID_STATE", "openApplication");
      if (problem) throw new ServiceError("VALIDATION", "validation", { kind: `extension_${problem}` });
      if (result.level !== 1)
        throw new ServiceError("VALIDATION", "validation", { appliedLevel: "selfAssessmentBelowLevel" });
    }
    const grade = await tx.grade.findFirst({
      where: { mineId: mine.id, ...inForceOn(today) },
      orderBy: [{ announcedOn: "desc" }],
    });
    const problem =
      kind === "DIRECT_EXTENSION"
        ? null
        : applyProblem({
            appliedLevel,
            today,
            hasOpenApplication: open > 0,
            currentGrade: grade ? { level: grade.level as Level, endsOn: gradeEnd(grade) } : null,
            selfAssessedLevel: result.level,
          });
    if (problem === "OPEN_APPLICATION") throw new ServiceError("INVALID_STATE", "openApplication");
    if (problem === "ALREADY_GRADED")
      throw new ServiceError("VALIDATION", "validation", { appliedLevel: "alreadyGraded" });
    if (problem === "SELF_ASSESSMENT_BELOW_LEVEL")
      throw new ServiceError("VALIDATION", "validation", { appliedLevel: "selfAssessmentBelowLevel" });

    const scoresheet = await tx.scoresheet.create({
      data: {
        mineId: mine.id,
        ruleVersionId: ruleVersion.id,
        kind: "SELF_ASSESSMENT",
        mineType: mine.type,
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
    // The form is the draft: an application is stored once it is submitted.
    const state = nextState("DRAFT", "SUBMIT")!;
    const application = await tx.gradeApplication.create({
      data: {
        mineId: mine.id,
        ruleVersionId: ruleVersion.id,
        appliedLevel,
        kind,
        state,
        selfScoresheetId: scoresheet.id,
        submittedOn: dateValue(today),
      },
    });
    // Every condition of the version, answered and met (conditionProblems above), with its evidence.
    const conditions = rules.basicConditions.map((c) => ({
      conditionCode: c.code,
      met: input.conditions![c.code].met === true,
      evidence: input.conditions![c.code].evidence.trim(),
    }));
    await tx.applicationCondition.createMany({
      data: conditions.map((c) => ({ applicationId: application.id, ...c })),
    });
    await tx.applicationEvent.create({
      data: { applicationId: application.id, fromState: null, toState: state, actorId: caller.id, reason: input.note },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "application.submit",
      entity: "GradeApplication",
      entityId: application.id,
      regionCode: mine.countyCode,
      after: {
        state,
        kind,
        appliedLevel,
        ruleVersion: rules.code,
        conditions,
        selfAssessment: { scoresheetId: scoresheet.id, total: result.total, level: result.level },
        scores: input.scores,
        note: input.note ?? null,
      },
    });
    await notifyApplicationState(tx, application, state, caller.id);
    return { applicationId: application.id, mineCode: mine.code, result };
  });
}
