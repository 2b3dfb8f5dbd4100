import "server-only";
import type { DecisionStatus, SpotCheckStatus } from "@/lib/generated/prisma/enums";
import { can } from "./permissions";
import type { Caller } from "./scope";

/** What a reply answers: a finding of a spot-check, or a decision, with what decides whether it is open to one. */
export type ReplyTarget =
  | { kind: "finding"; mineId: number; spotCheckStatus: SpotCheckStatus }
  | { kind: "decision"; mineId: number; decisionStatus: DecisionStatus };

/**
 * Whether the caller may reply at all (the right to reply is a mine manager's, for their own mine);
 * the service refuses anyone else before reading a record.
 */
export function mayReply(caller: Pick<Caller, "role" | "mineId">): boolean {
  return caller.role === "MINE_MANAGER" && can(caller.role, "finding.reply") && caller.mineId !== null;
}

/**
 * The one rule for the right to reply, used by the pages (to offer the form) and by the service (to
 * accept the reply): the manager of the record's mine, to a finding of a completed spot-check or to a
 * confirmed decision (a draft or a proposal is not final, and managers do not see them).
 */
export function canReplyTo(caller: Pick<Caller, "role" | "mineId">, target: ReplyTarget): boolean {
  if (!mayReply(caller) || caller.mineId !== target.mineId) return false;
  return target.kind === "finding" ? target.spotCheckStatus === "COMPLETED" : target.decisionStatus === "CONFIRMED";
}
