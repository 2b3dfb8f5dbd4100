import "server-only";
import {
  isLevel,
  mayAct,
  nextState,
  type Act,
  type ApplicationState,
  type Step,
} from "@/lib/domain/application-workflow";
import { unmetConditions } from "@/lib/domain/basic-conditions";
import type { Level } from "@/lib/domain/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/audit";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { gradingConfigOf } from "@/lib/server/data/applications";
import { directExtensionCheck } from "@/lib/server/data/direct-extension";
import { loadRuleSet } from "@/lib/server/data/rules";
import type { Tx } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { notifyApplicationState } from "@/lib/server/notifications/events";

// What every step of a grading application shares: load it inside the writing transaction (scope
// checked there: out of scope reads as not found), check the state, the version the form was
// rendered from and who may act, then move it with a conditional update on (id, state, version), an
// ApplicationEvent (from, to, actor, reason, at) and an audit row. Of two steps taken at once on the
// same application exactly one succeeds; the other is a CONFLICT and writes nothing.

/** The application with its mine, rule version and the grading configuration of its province; or NOT_FOUND. */
export async function loadApplication(tx: Tx, caller: Caller, applicationId: number) {
  const app = await tx.gradeApplication.findFirst({
    where: { id: applicationId, mine: mineScope(caller) },
    include: {
      mine: {
        select: { id: true, code: true, type: true, provinceCode: true, prefectureCode: true, countyCode: true },
      },
      ruleVersion: { select: { id: true, code: true, publicNoticeDays: true, validityYears: true } },
    },
  });
  if (!app || !isLevel(app.appliedLevel)) throw notFound();
  const config = await gradingConfigOf(tx, app.mine.provinceCode);
  return { ...app, appliedLevel: app.appliedLevel as Level, config };
}

export type LoadedApplication = Awaited<ReturnType<typeof loadApplication>>;

/** The version the caller saw must still be current: otherwise someone acted in between (CONFLICT). */
export function assertVersion(app: LoadedApplication, expected: number | undefined): void {
  if (expected !== undefined && expected !== app.version) throw new ServiceError("CONFLICT", "applicationChanged");
}

/** The state the step leads to; INVALID_STATE when the application's state does not allow it. */
export function assertStep(app: LoadedApplication, step: Step): ApplicationState {
  const to = nextState(app.state, step, app.kind);
  if (to === null) throw new ServiceError("INVALID_STATE", "invalidState");
  return to;
}

/**
 * INVALID_STATE (conditionsNotMet) unless the application records every basic condition (基本条件) of
 * its rule version as met: a reviewer or assessor never passes one that does not, even if the rows or
 * the version's conditions changed after the submission.
 */
export async function assertConditionsMet(tx: Tx, app: LoadedApplication): Promise<void> {
  const conditions = await tx.ruleBasicCondition.findMany({
    where: { ruleVersionId: app.ruleVersionId },
    select: { code: true },
  });
  const rows = await tx.applicationCondition.findMany({
    where: { applicationId: app.id },
    select: { conditionCode: true, met: true },
  });
  const unmet = unmetConditions(conditions, rows);
  if (unmet.length > 0)
    throw new ServiceError("INVALID_STATE", "conditionsNotMet", {}, { conditions: unmet.join(", ") });
}

/** FORBIDDEN unless the caller is the one responsible for `act` on this application (role, level, region). */
export function assertActor(caller: Caller, app: LoadedApplication, act: Act): void {
  if (
    !mayAct(
      caller,
      act,
      {
        state: app.state,
        kind: app.kind,
        appliedLevel: app.appliedLevel,
        resultLevel: app.resultLevel,
        mineId: app.mineId,
      },
      app.mine,
      app.config,
    )
  )
    throw forbidden("notYourStep");
}

/**
 * A direct extension (直接延期) is checked again when the grading body acts on it: every basic condition
 * met, and the mine still eligible today (an accident or a spot-check since the submission counts).
 * Returns the Level 1 grade it extends.
 */
export async function assertExtensionStillEligible(tx: Tx, app: LoadedApplication, today: string) {
  await assertConditionsMet(tx, app);
  const ruleSet = await loadRuleSet({ id: app.ruleVersionId }, { db: tx });
  if (!ruleSet) throw new ServiceError("VALIDATION", "noRuleVersion");
  const { problem, grade } = await directExtensionCheck(tx, app.mineId, ruleSet.rules, today, {
    exceptApplication: app.id,
  });
  if (problem) throw new ServiceError("INVALID_STATE", `extension_${problem}`);
  if (!grade) throw new ServiceError("INVALID_STATE", "extensionNoGrade");
  return grade;
}

/**
 * Moves the application from its loaded state to `to`, only if nobody moved it since it was loaded,
 * and records the event and the audit row in the same transaction.
 */
export async function moveApplication(
  tx: Tx,
  caller: Caller,
  app: LoadedApplication,
  step: Step,
  change: { reason?: string | null; data?: Prisma.GradeApplicationUncheckedUpdateManyInput; audit?: object } = {},
): Promise<ApplicationState> {
  const to = assertStep(app, step);
  const claimed = await tx.gradeApplication.updateMany({
    where: { id: app.id, state: app.state, version: app.version },
    data: { ...change.data, state: to, version: { increment: 1 } },
  });
  if (claimed.count !== 1) throw new ServiceError("CONFLICT", "applicationChanged");
  await tx.applicationEvent.create({
    data: {
      applicationId: app.id,
      fromState: app.state,
      toState: to,
      actorId: caller.id,
      reason: change.reason ?? null,
    },
  });
  await audit(tx, {
    actorId: caller.id,
    action: `application.${step.toLowerCase().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    entity: "GradeApplication",
    entityId: app.id,
    regionCode: app.mine.countyCode,
    before: { state: app.state, version: app.version },
    after: { state: to, version: app.version + 1, reason: change.reason ?? null, ...change.audit },
  });
  await notifyApplicationState(tx, app, to, caller.id);
  return to;
}
