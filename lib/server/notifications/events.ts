import "server-only";
import { mayAct, nextState, STEPS, type ApplicationState, type Step } from "@/lib/domain/application-workflow";
import { actsFor, decisionBodies } from "@/lib/domain/authority-config";
import type { Level } from "@/lib/domain/rules";
import type { ApplicationKind, Role } from "@/lib/generated/prisma/enums";
import { can, mayDecide } from "@/lib/server/auth/permissions";
import { authorityConfig } from "@/lib/server/data/grading-config";
import type { Tx } from "@/lib/server/db";
import { notify } from "./notify";
import { mineParams, mineRefSelect, type MineRef } from "@/lib/server/data/mine-ref";

// Who hears of which event, decided with the same permission and configuration functions that
// decide who may act (permissions.ts, authority-config.ts, application-workflow.ts), and the
// notify() call each service makes inside its own transaction.

interface Candidate {
  id: number;
  role: Role;
  jurisdiction: string;
  mineId: number | null;
}

const REGULATOR_ROLES: Role[] = ["NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR"];

async function mineRef(tx: Tx, mineId: number): Promise<MineRef> {
  return tx.mine.findUniqueOrThrow({
    where: { id: mineId },
    select: mineRefSelect,
  });
}

/** Active regulators whose jurisdiction holds the mine: national, its province, prefecture or county. */
export async function regulatorsOf(tx: Tx, mine: Pick<MineRef, "provinceCode" | "prefectureCode" | "countyCode">) {
  return tx.user.findMany({
    where: {
      active: true,
      role: { in: REGULATOR_ROLES },
      jurisdiction: { in: ["", mine.provinceCode, mine.prefectureCode, mine.countyCode] },
    },
    select: { id: true, role: true, jurisdiction: true, mineId: true },
    orderBy: { id: "asc" },
  }) as Promise<Candidate[]>;
}

/** The mine's managers (active accounts linked to it). */
export async function mineManagers(tx: Tx, mineId: number): Promise<number[]> {
  const rows = await tx.user.findMany({
    where: { active: true, role: "MINE_MANAGER", mineId },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** Who may confirm (or withdraw) a decision on a grade of `level` at the mine: mayDecide, as the confirm action. */
export async function decisionConfirmers(tx: Tx, mine: MineRef, level: number): Promise<number[]> {
  const config = await authorityConfig(tx, mine.provinceCode);
  return (await regulatorsOf(tx, mine)).filter((u) => mayDecide(u, config, mine, level)).map((u) => u.id);
}

/** Regulators who take a step of the application in `state` (mayAct on each step the state allows). */
export async function applicationActors(
  tx: Tx,
  mine: MineRef,
  app: {
    mineId: number;
    state: ApplicationState;
    kind: ApplicationKind;
    appliedLevel: Level;
    resultLevel: number | null;
  },
): Promise<number[]> {
  const config = await authorityConfig(tx, mine.provinceCode);
  const steps = (Object.keys(STEPS) as Step[]).filter(
    (s) => s !== "SUBMIT" && s !== "WITHDRAW" && nextState(app.state, s, app.kind) !== null,
  );
  if (steps.length === 0) return [];
  return (await regulatorsOf(tx, mine))
    .filter((u) => steps.some((s) => mayAct(u, s, app, mine, config)))
    .map((u) => u.id);
}

/**
 * Who answers a mine's reply. To a decision: the bodies the configuration names to propose and to
 * confirm it. To a finding: the regulator who recorded the spot-check, and the local regulators
 * (prefecture, county) of the mine, who record and amend its spot-checks.
 */
export async function replyAnswerers(
  tx: Tx,
  mine: MineRef,
  target: { kind: "decision"; level: number } | { kind: "finding"; spotCheckAuthorId: number | null },
): Promise<number[]> {
  const regulators = await regulatorsOf(tx, mine);
  if (target.kind === "decision") {
    const bodies = decisionBodies(await authorityConfig(tx, mine.provinceCode), mine, target.level);
    if (!bodies) return [];
    return regulators.filter((u) => actsFor(u, bodies.proposer) || actsFor(u, bodies.confirmer)).map((u) => u.id);
  }
  return regulators
    .filter(
      (u) =>
        can(u.role, "spotCheck.record") &&
        (u.id === target.spotCheckAuthorId || (u.role === "LOCAL_REGULATOR" && u.jurisdiction !== mine.provinceCode)),
    )
    .map((u) => u.id);
}

/** New proposals (saveProposals): to those who may confirm each. */
export async function notifyDecisionsProposed(
  tx: Tx,
  mineId: number,
  decisions: { id: number; type: string; fromLevel: number }[],
  actorId: number | null,
): Promise<void> {
  if (decisions.length === 0) return;
  const mine = await mineRef(tx, mineId);
  for (const d of decisions) {
    await notify(tx, {
      kind: "DECISION_PROPOSED",
      userIds: await decisionConfirmers(tx, mine, d.fromLevel),
      params: { ...mineParams(mine), type: d.type },
      link: `/decisions`,
      eventKey: `decision.propose:${d.id}`,
      actorId,
    });
  }
}

/** A decision confirmed or withdrawn: to the mine's managers. */
export async function notifyDecisionDecided(
  tx: Tx,
  decision: { id: number; mineId: number; type: string; number?: string | null; effectiveOn?: string | null },
  outcome: "CONFIRMED" | "WITHDRAWN",
  actorId: number,
): Promise<void> {
  const mine = await mineRef(tx, decision.mineId);
  await notify(tx, {
    kind: outcome === "CONFIRMED" ? "DECISION_CONFIRMED" : "DECISION_WITHDRAWN",
    userIds: await mineManagers(tx, mine.id),
    params: {
      ...mineParams(mine),
      type: decision.type,
      ...(outcome === "CONFIRMED" ? { number: decision.number ?? "", effectiveOn: decision.effectiveOn ?? "" } : {}),
    },
    link: `/mines/${mine.code}`,
    eventKey: `decision.${outcome === "CONFIRMED" ? "confirm" : "withdraw"}:${decision.id}`,
    actorId,
  });
}

/** A spot-check recorded with findings: to the mine's managers. */
export async function notifySpotCheckFindings(
  tx: Tx,
  spotCheck: { id: number; mineId: number; checkedOn: string; findings: number },
  actorId: number,
): Promise<void> {
  if (spotCheck.findings === 0) return;
  const mine = await mineRef(tx, spotCheck.mineId);
  await notify(tx, {
    kind: "SPOT_CHECK_FINDINGS",
    userIds: await mineManagers(tx, mine.id),
    params: { ...mineParams(mine), checkedOn: spotCheck.checkedOn, findings: spotCheck.findings },
    link: `/mines/${mine.code}/spot-checks/${spotCheck.id}`,
    eventKey: `spotCheck.record:${spotCheck.id}`,
    actorId,
  });
}

/** An application moved to `state`: to the mine's managers and to the regulators who act at the next step. */
export async function notifyApplicationState(
  tx: Tx,
  app: {
    id: number;
    mineId: number;
    kind: ApplicationKind;
    appliedLevel: number;
    resultLevel: number | null;
    version: number;
  },
  state: ApplicationState,
  actorId: number,
): Promise<void> {
  const mine = await mineRef(tx, app.mineId);
  const actors = await applicationActors(tx, mine, { ...app, state, appliedLevel: app.appliedLevel as Level });
  await notify(tx, {
    kind: "APPLICATION_STATE",
    userIds: [...(await mineManagers(tx, mine.id)), ...actors],
    params: { ...mineParams(mine), state },
    link: `/applications/${app.id}`,
    eventKey: `application.${state}:${app.id}:${app.version}`,
    actorId,
  });
}

/** A manager's reply: to the regulators who answer it (replyAnswerers). */
export async function notifyReply(
  tx: Tx,
  reply: { id: number; mineId: number },
  target:
    { kind: "decision"; level: number } | { kind: "finding"; spotCheckAuthorId: number | null; spotCheckId: number },
  actorId: number,
): Promise<void> {
  const mine = await mineRef(tx, reply.mineId);
  await notify(tx, {
    kind: "REPLY_POSTED",
    userIds: await replyAnswerers(tx, mine, target),
    params: { ...mineParams(mine), subject: target.kind === "decision" ? "DECISION" : "FINDING" },
    link: target.kind === "finding" ? `/mines/${mine.code}/spot-checks/${target.spotCheckId}` : `/mines/${mine.code}`,
    eventKey: `reply:${reply.id}`,
    actorId,
  });
}
