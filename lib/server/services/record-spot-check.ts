import "server-only";
import { computeGrade, validateScores } from "@/lib/domain/grading";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { elementsFor } from "@/lib/domain/rules";
import { hiddenDangerTrigger, managementSlideTrigger, type ProposedDecision } from "@/lib/domain/triggers";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import { gradeInForce, hiddenDangerFacts } from "@/lib/server/data/mine-facts";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import type { SpotCheckInput } from "@/lib/validation/spot-check";
import { saveProposals } from "./save-proposals";

/**
 * Records a completed spot-check: element scores (graded by the engine under the rule version in
 * force on the check date), findings and major hidden dangers, in one transaction with its audit
 * row and the decisions its triggers propose (management slide; hidden dangers above self-reports).
 */
export async function recordSpotCheck(caller: Caller, input: SpotCheckInput, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "spotCheck.record")) throw forbidden();
  if (input.checkedOn > today) throw new ServiceError("VALIDATION", "validation", { checkedOn: "dateInFuture" });

  return db.$transaction(async (tx) => {
    // Scope is checked here, inside the transaction that writes: out of scope reads as not found.
    const mine = await tx.mine.findFirst({ where: { AND: [{ code: input.mineCode }, mineScope(caller)] } });
    if (!mine) throw notFound();
    const ruleVersion = await ruleSetOn(input.checkedOn, { db: tx });
    if (!ruleVersion) throw new ServiceError("VALIDATION", "validation", { checkedOn: "noRuleVersion" });
    const { rules } = ruleVersion;

    const fieldErrors: Record<string, string> = {};
    for (const issue of validateScores(rules, mine.type, input.scores)) {
      fieldErrors[`scores.${issue.elementCode}`] = `score_${issue.problem}`;
    }
    const codes = new Set(elementsFor(rules, mine.type).map((e) => e.code));
    input.findings.forEach((f, i) => {
      if (!codes.has(f.elementCode)) fieldErrors[`findings.${i}.elementCode`] = "unknownElement";
      if (f.rectifyBy && f.rectifyBy < input.checkedOn) fieldErrors[`findings.${i}.rectifyBy`] = "rectifyBeforeCheck";
    });
    if (Object.keys(fieldErrors).length) throw new ServiceError("VALIDATION", "validation", fieldErrors);

    const result = computeGrade({ rules, mineType: mine.type, scores: input.scores, asOf: input.checkedOn });
    const authority = await authorityOf(tx, caller);
    const scoresheet = await tx.scoresheet.create({
      data: {
        mineId: mine.id,
        ruleVersionId: ruleVersion.id,
        kind: "SPOT_CHECK",
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
    const spotCheck = await tx.spotCheck.create({
      data: {
        mineId: mine.id,
        checkedOn: dateValue(input.checkedOn),
        type: input.type,
        status: "COMPLETED",
        authorityId: authority.id,
        team: input.team,
        scoresheetId: scoresheet.id,
        conclusion: input.conclusion,
        notes: input.notes,
        createdById: caller.id,
        findings: {
          create: input.findings.map((f) => ({
            elementCode: f.elementCode,
            text: f.text,
            severity: f.severity,
            rectifyBy: f.rectifyBy ? dateValue(f.rectifyBy) : null,
          })),
        },
        hiddenDangers: {
          create: input.majorHiddenDangers.map((h) => ({
            mineId: mine.id,
            source: "REGULATOR" as const,
            foundOn: dateValue(input.checkedOn),
            description: h.description,
            reportedById: caller.id,
          })),
        },
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "spotCheck.record",
      entity: "SpotCheck",
      entityId: spotCheck.id,
      regionCode: mine.countyCode,
      after: { ...input, total: result.total, level: result.level, ruleVersion: rules.code },
    });

    let proposals: { id: number; triggerKey: string }[] = [];
    const grade = await gradeInForce(tx, mine.id, input.checkedOn);
    if (grade) {
      const fired: ProposedDecision[] = [];
      const slide = managementSlideTrigger(grade, { id: spotCheck.id, checkedOn: input.checkedOn }, result);
      if (slide) fired.push(slide);
      const dangers = hiddenDangerTrigger(rules, grade, await hiddenDangerFacts(tx, mine.id), input.checkedOn);
      if (dangers) fired.push(dangers);
      proposals = await saveProposals(tx, mine, grade.id, fired, caller.id);
    }
    return { spotCheckId: spotCheck.id, mineCode: mine.code, result, proposals };
  });
}
