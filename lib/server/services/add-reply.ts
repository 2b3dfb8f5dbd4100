import "server-only";
import { audit } from "@/lib/server/audit";
import { canReplyTo, mayReply } from "@/lib/server/auth/reply-permission";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";
import { notifyReply } from "@/lib/server/notifications/events";
import type { ReplyInput } from "@/lib/validation/reply";

/**
 * The right to reply: a mine's manager attaches a reply to a finding or a decision of their own mine.
 * The reply is a row of its own; the finding or decision it answers is only read, never written.
 * A record of another mine, a draft spot-check's finding or a decision the manager cannot see
 * (not confirmed) reads as absent (404), as on the pages.
 */
export async function addReply(caller: Caller, input: ReplyInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!mayReply(caller)) throw forbidden();
  return db.$transaction(async (tx) => {
    let mine: { id: number; code: string; countyCode: string };
    let spotCheckId: number | null = null;
    let spotCheckAuthorId: number | null = null;
    let decisionLevel = 0;
    if (input.target === "finding") {
      const finding = await tx.finding.findUnique({
        where: { id: input.targetId },
        select: {
          spotCheck: {
            select: {
              id: true,
              status: true,
              createdById: true,
              mine: { select: { id: true, code: true, countyCode: true } },
            },
          },
        },
      });
      if (
        !finding ||
        !canReplyTo(caller, {
          kind: "finding",
          mineId: finding.spotCheck.mine.id,
          spotCheckStatus: finding.spotCheck.status,
        })
      ) {
        throw notFound();
      }
      mine = finding.spotCheck.mine;
      spotCheckId = finding.spotCheck.id;
      spotCheckAuthorId = finding.spotCheck.createdById;
    } else {
      const decision = await tx.decision.findUnique({
        where: { id: input.targetId },
        select: { status: true, fromLevel: true, mine: { select: { id: true, code: true, countyCode: true } } },
      });
      if (
        !decision ||
        !canReplyTo(caller, { kind: "decision", mineId: decision.mine.id, decisionStatus: decision.status })
      ) {
        throw notFound();
      }
      mine = decision.mine;
      decisionLevel = decision.fromLevel;
    }
    const reply = await tx.reply.create({
      data: {
        authorId: caller.id,
        findingId: input.target === "finding" ? input.targetId : null,
        decisionId: input.target === "decision" ? input.targetId : null,
        text: input.text,
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: input.target === "finding" ? "finding.reply" : "decision.reply",
      entity: "Reply",
      entityId: reply.id,
      regionCode: mine.countyCode,
      after: { findingId: reply.findingId, decisionId: reply.decisionId, text: reply.text },
    });
    await notifyReply(
      tx,
      { id: reply.id, mineId: mine.id },
      spotCheckId !== null
        ? { kind: "finding", spotCheckAuthorId, spotCheckId }
        : { kind: "decision", level: decisionLevel },
      caller.id,
    );
    return { replyId: reply.id, mineCode: mine.code, spotCheckId };
  });
}
