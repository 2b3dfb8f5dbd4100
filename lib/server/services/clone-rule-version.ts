import "server-only";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { CloneRuleVersionInput } from "@/lib/validation/rule-version";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Copies a rule version (published or not) to a new draft under a new code, with every part,
 * element, floor, veto, source, consequence and basic condition: ADMIN only. The draft grades nothing until it is published.
 */
export async function cloneRuleVersion(caller: Caller, input: CloneRuleVersionInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "ruleVersion.manage")) throw forbidden();
  const write = db.$transaction(async (tx) => {
    const from = await tx.ruleVersion.findUnique({
      where: { code: input.from },
      include: {
        parts: true,
        elements: true,
        thresholds: true,
        vetoes: true,
        sources: true,
        consequences: true,
        basicConditions: true,
      },
    });
    if (!from) throw new ServiceError("NOT_FOUND", "ruleVersionNotFound", { from: "ruleVersionNotFound" });
    if (await tx.ruleVersion.findUnique({ where: { code: input.code }, select: { id: true } }))
      throw new ServiceError("CONFLICT", "validation", { code: "ruleCodeTaken" });
    const draft = await tx.ruleVersion.create({
      data: {
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        documentNo: from.documentNo,
        effectiveFrom: from.effectiveFrom,
        validityYears: from.validityYears,
        publicNoticeDays: from.publicNoticeDays,
        placeholderWeights: from.placeholderWeights,
        hiddenDangerWindowMonths: from.hiddenDangerWindowMonths,
        stoppedMonthsLimit: from.stoppedMonthsLimit,
        gradeRequiredToProduce: from.gradeRequiredToProduce,
        level1ShiftHeadcountCap: from.level1ShiftHeadcountCap,
        directExtension: from.directExtension,
        directExtensionWindowMonths: from.directExtensionWindowMonths,
        publishedAt: null,
      },
    });
    const ruleVersionId = draft.id;
    await tx.rulePart.createMany({
      data: from.parts.map(({ code, nameZh, nameEn, sortOrder }) => ({
        ruleVersionId,
        code,
        nameZh,
        nameEn,
        sortOrder,
      })),
    });
    await tx.ruleElement.createMany({
      data: from.elements.map(({ mineType, code, partCode, nameZh, nameEn, weight, sortOrder }) => ({
        ruleVersionId,
        mineType,
        code,
        partCode,
        nameZh,
        nameEn,
        weight,
        sortOrder,
      })),
    });
    await tx.ruleLevelThreshold.createMany({
      data: from.thresholds.map(({ level, partCode, elementCode, minScore }) => ({
        ruleVersionId,
        level,
        partCode,
        elementCode,
        minScore,
      })),
    });
    await tx.ruleVeto.createMany({
      data: from.vetoes.map(({ level, kind, accidentClass, windowMonths }) => ({
        ruleVersionId,
        level,
        kind,
        accidentClass,
        windowMonths,
      })),
    });
    await tx.ruleParameterSource.createMany({
      data: from.sources.map(({ parameter, source, status }) => ({ ruleVersionId, parameter, source, status })),
    });
    // What a trigger does to a grade comes along too: a version without it would propose no decision.
    await tx.ruleConsequence.createMany({
      data: from.consequences.map((c) => ({
        ruleVersionId,
        provinceCode: c.provinceCode,
        fromLevel: c.fromLevel,
        trigger: c.trigger,
        toLevel: c.toLevel,
        effectiveFromEvent: c.effectiveFromEvent,
        source: c.source,
        status: c.status,
      })),
    });
    // And the basic conditions (基本条件): a version without them would grade a mine on no gate.
    await tx.ruleBasicCondition.createMany({
      data: from.basicConditions.map(({ code, textZh, textEn, sortOrder, source, status }) => ({
        ruleVersionId,
        code,
        textZh,
        textEn,
        sortOrder,
        source,
        status,
      })),
    });
    await audit(tx, {
      actorId: caller.id,
      action: "ruleVersion.clone",
      entity: "RuleVersion",
      entityId: input.code,
      before: null,
      after: { from: input.from, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, draft: true },
    });
    return { code: input.code };
  });
  return afterCommit(write, () => ({ rules: true }));
}
