import "server-only";
import { invalidate } from "@/lib/server/cache/tags";
import { dateValue, isoDate } from "@/lib/domain/dates";
import type { Level } from "@/lib/domain/rules";
import { applyDecision, DecisionError } from "@/lib/domain/triggers";
import { audit } from "@/lib/server/audit";
import { can, mayDecide } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { notifyDecisionDecided } from "@/lib/server/notifications/events";
import type { ConfirmDecisionInput, WithdrawDecisionInput } from "@/lib/validation/decision";

const DECISION_ERROR_FIELD: Record<DecisionError["code"], string> = {
  EFFECTIVE_BEFORE_ANNOUNCEMENT: "effectiveBeforeAnnouncement",
  EFFECTIVE_AFTER_VALIDITY: "effectiveAfterValidity",
  NOT_LOWER: "notLower",
  TYPE_MISMATCH: "notLower",
};

/**
 * Loads a proposal the caller may decide on, or throws: not found when out of scope, forbidden unless
 * the configuration names the caller's body as the confirmer for the level, a conflict when it was decided or changed since the form was rendered (its version).
 */
async function decidable(tx: Tx, caller: Caller, decisionId: number, expectedVersion: number) {
  if (!can(caller.role, "decision.confirm")) throw forbidden();
  const decision = await tx.decision.findFirst({
    where: { id: decisionId, mine: mineScope(caller) },
    include: {
      grade: true,
      mine: { select: { id: true, countyCode: true, code: true, provinceCode: true, prefectureCode: true } },
    },
  });
  if (!decision) throw notFound();
  const config = await authorityConfig(tx, decision.mine.provinceCode);
  if (!mayDecide(caller, config, decision.mine, decision.fromLevel)) throw forbidden("levelNotYours");
  if (decision.status !== "PROPOSED") throw new ServiceError("CONFLICT", "alreadyDecided");
  if (decision.version !== expectedVersion) throw new ServiceError("CONFLICT", "decisionChanged");
  return decision;
}

/**
 * Why a claim on (id, PROPOSED, version) matched no row: re-read inside the transaction (read
 * committed: it sees what the concurrent writer committed) to tell a decision taken from a change.
 */
async function claimFailure(tx: Tx, decisionId: number): Promise<ServiceError> {
  const now = await tx.decision.findUnique({ where: { id: decisionId }, select: { status: true } });
  return new ServiceError("CONFLICT", now?.status === "PROPOSED" ? "decisionChanged" : "alreadyDecided");
}

/**
 * Confirms a proposed decision and applies it at once, atomically: the current grade ends on the
 * effective date; a downgrade starts the lower grade with the old valid-until. The status change is
 * a conditional update (only while PROPOSED and at the version the form was rendered from), so of
 * two officials confirming at once exactly one succeeds and the other gets a conflict; nothing is
 * applied twice, and a proposal changed in between is not decided on unseen.
 */
export async function confirmDecision(caller: Caller, input: ConfirmDecisionInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  const result = await db.$transaction(async (tx) => {
    const decision = await decidable(tx, caller, input.decisionId, input.version);
    const claimed = await tx.decision.updateMany({
      where: { id: decision.id, status: "PROPOSED", version: input.version },
      data: {
        status: "CONFIRMED",
        number: input.number,
        legalBasis: input.legalBasis,
        effectiveOn: dateValue(input.effectiveOn),
        decidedAt: new Date(),
        decidedById: caller.id,
        version: { increment: 1 },
      },
    });
    if (claimed.count !== 1) throw await claimFailure(tx, decision.id);

    const grade = decision.grade;
    if (grade.endedOn) throw new ServiceError("CONFLICT", "gradeAlreadyEnded");
    let change;
    try {
      change = applyDecision(
        {
          id: grade.id,
          level: grade.level as Level,
          announcedOn: isoDate(grade.announcedOn),
          validUntil: isoDate(grade.validUntil),
        },
        { type: decision.type, toLevel: decision.toLevel as Level | null, effectiveOn: input.effectiveOn },
      );
    } catch (e) {
      if (e instanceof DecisionError)
        throw new ServiceError("VALIDATION", "validation", { effectiveOn: DECISION_ERROR_FIELD[e.code] });
      throw e;
    }
    // Conditional too: another decision on the same grade confirmed a moment earlier wins.
    const ended = await tx.grade.updateMany({
      where: { id: grade.id, endedOn: null },
      data: {
        endedOn: dateValue(change.endCurrentOn),
        endReason: decision.type === "DOWNGRADE" ? "DOWNGRADED" : "REVOKED",
        endedByDecisionId: decision.id,
      },
    });
    if (ended.count !== 1) throw new ServiceError("CONFLICT", "gradeAlreadyEnded");
    const newGrade = change.newGrade
      ? await tx.grade.create({
          data: {
            mineId: grade.mineId,
            level: change.newGrade.level,
            ruleVersionId: grade.ruleVersionId,
            authorityId: decision.authorityId ?? grade.authorityId,
            announcementNo: input.number,
            announcedOn: dateValue(change.newGrade.announcedOn),
            validUntil: dateValue(change.newGrade.validUntil),
            fromDecisionId: decision.id,
          },
        })
      : null;
    await audit(tx, {
      actorId: caller.id,
      action: "decision.confirm",
      entity: "Decision",
      entityId: decision.id,
      regionCode: decision.mine.countyCode,
      before: {
        status: decision.status,
        version: decision.version,
        gradeId: grade.id,
        level: grade.level,
        endedOn: null,
      },
      after: {
        status: "CONFIRMED",
        ...input,
        version: decision.version + 1,
        endedOn: change.endCurrentOn,
        newGradeId: newGrade?.id ?? null,
        newLevel: newGrade?.level ?? null,
      },
    });
    await notifyDecisionDecided(
      tx,
      {
        id: decision.id,
        mineId: decision.mineId,
        type: decision.type,
        number: input.number,
        effectiveOn: input.effectiveOn,
      },
      "CONFIRMED",
      caller.id,
    );
    return { decisionId: decision.id, mine: decision.mine, newGradeId: newGrade?.id ?? null };
  });
  // The mine's cached figures, pages and the public register are stale now (lib/server/cache/tags.ts).
  invalidate({ mines: [result.mine] });
  return { decisionId: result.decisionId, mineCode: result.mine.code, newGradeId: result.newGradeId };
}

/** Withdraws a proposal with a reason; like confirming, only while it is still PROPOSED at the version seen. */
export async function withdrawDecision(caller: Caller, input: WithdrawDecisionInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const decision = await decidable(tx, caller, input.decisionId, input.version);
    const claimed = await tx.decision.updateMany({
      where: { id: decision.id, status: "PROPOSED", version: input.version },
      data: {
        status: "WITHDRAWN",
        withdrawnReason: input.reason,
        decidedAt: new Date(),
        decidedById: caller.id,
        version: { increment: 1 },
      },
    });
    if (claimed.count !== 1) throw await claimFailure(tx, decision.id);
    await audit(tx, {
      actorId: caller.id,
      action: "decision.withdraw",
      entity: "Decision",
      entityId: decision.id,
      regionCode: decision.mine.countyCode,
      before: { status: decision.status, version: decision.version },
      after: { status: "WITHDRAWN", version: decision.version + 1, reason: input.reason },
    });
    await notifyDecisionDecided(
      tx,
      { id: decision.id, mineId: decision.mineId, type: decision.type },
      "WITHDRAWN",
      caller.id,
    );
    return { decisionId: decision.id, mineCode: decision.mine.code };
  });
}
