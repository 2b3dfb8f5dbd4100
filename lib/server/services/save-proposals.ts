import "server-only";
import { dateValue } from "@/lib/domain/dates";
import type { ProposedDecision } from "@/lib/domain/triggers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/audit";
import { decisionAuthorities } from "@/lib/server/data/authorities";
import type { Tx } from "@/lib/server/db";
import { notifyDecisionsProposed } from "@/lib/server/notifications/events";

/**
 * Stores the decisions that triggers proposed, inside the caller's transaction. Idempotent: a
 * proposal whose trigger key already exists is skipped (ON CONFLICT DO NOTHING, which does not
 * abort the transaction), so re-running a trigger never proposes twice. Returns the new ones.
 */
export async function saveProposals(
  tx: Tx,
  mine: { id: number; provinceCode: string; countyCode: string },
  gradeId: number,
  proposals: ProposedDecision[],
  actorId: number | null,
): Promise<{ id: number; triggerKey: string }[]> {
  if (proposals.length === 0) return [];
  const keys = proposals.map((p) => p.triggerKey);
  const existing = new Set(
    (await tx.decision.findMany({ where: { triggerKey: { in: keys } }, select: { triggerKey: true } })).map(
      (d) => d.triggerKey,
    ),
  );
  const fresh = proposals.filter((p) => !existing.has(p.triggerKey));
  if (fresh.length === 0) return [];
  // The publisher and the proposer the configuration names for the level: a trigger's proposal is made in
  // the proposer's name, whoever recorded the event that fired it (actorId).
  const authorities = new Map<number, { publisher: number; proposer: number | null }>();
  for (const p of fresh) {
    if (!authorities.has(p.fromLevel)) {
      const found = await decisionAuthorities(tx, p.fromLevel, {
        ...mine,
        prefectureCode: mine.countyCode.slice(0, 4),
      });
      authorities.set(p.fromLevel, { publisher: found.publisher.id, proposer: found.proposer?.id ?? null });
    }
  }
  // createManyAndReturn with skipDuplicates returns only the rows this call inserted.
  const created = await tx.decision.createManyAndReturn({
    data: fresh.map((p) => ({
      mineId: mine.id,
      gradeId,
      type: p.type,
      reason: p.reason,
      fromLevel: p.fromLevel,
      toLevel: p.toLevel,
      triggerKey: p.triggerKey,
      evidence: p.evidence as Prisma.InputJsonValue,
      proposedEffectiveOn: p.effectiveOn === null ? null : dateValue(p.effectiveOn),
      authorityId: authorities.get(p.fromLevel)!.publisher,
      proposerAuthorityId: authorities.get(p.fromLevel)!.proposer,
      proposedById: actorId,
    })),
    skipDuplicates: true,
    select: {
      id: true,
      triggerKey: true,
      type: true,
      reason: true,
      fromLevel: true,
      toLevel: true,
      evidence: true,
      proposerAuthorityId: true,
    },
  });
  for (const d of created) {
    await audit(tx, {
      actorId,
      action: "decision.propose",
      entity: "Decision",
      entityId: d.id,
      regionCode: mine.countyCode,
      after: d,
    });
  }
  // Those who may confirm each proposal hear of it, in this same transaction (the outbox).
  await notifyDecisionsProposed(tx, mine.id, created, actorId);
  return created.map((d) => ({ id: d.id, triggerKey: d.triggerKey! }));
}
