import "server-only";
import {
  announceBlocker,
  gradeValidUntil,
  gradingBody,
  handlingLevel,
  isLevel,
} from "@/lib/domain/application-workflow";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import { inForceOn } from "@/lib/server/data/mines";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { AnnounceApplicationInput } from "@/lib/validation/application";
import { assertActor, assertStep, assertVersion, loadApplication, moveApplication } from "./transition-application";

const BLOCKER_MESSAGE = {
  NOT_IN_NOTICE: "invalidState",
  NOTICE_RUNNING: "noticeRunning",
  OPEN_OBJECTIONS: "openObjections",
} as const;

/**
 * Announces the grade (公告) once the public notice has ended with no open objection: the Grade of the
 * result level starts today and is valid for the rule version's validityYears; its authority is the
 * grading body; the announcement number is the official's. A grade of the mine still in force ends
 * today as SUPERSEDED, in the same transaction.
 */
export async function announceApplication(
  caller: Caller,
  input: AnnounceApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "application.process")) throw forbidden();
  return db.$transaction(async (tx) => {
    const app = await loadApplication(tx, caller, input.applicationId);
    assertStep(app, "ANNOUNCE");
    assertVersion(app, input.version);
    assertActor(caller, app, "ANNOUNCE");
    const openObjections = await tx.objection.count({ where: { applicationId: app.id, status: "OPEN" } });
    const blocker = announceBlocker(
      { state: app.state, noticeEndsOn: app.noticeEndsOn ? isoDate(app.noticeEndsOn) : null, openObjections },
      today,
    );
    if (blocker) throw new ServiceError("INVALID_STATE", BLOCKER_MESSAGE[blocker]);
    if (!isLevel(app.resultLevel)) throw new ServiceError("INVALID_STATE", "invalidState");

    // First the conditional move: an objection lodged or a step taken since loading makes this a conflict.
    const state = await moveApplication(tx, caller, app, "ANNOUNCE", {
      reason: input.announcementNo,
      audit: { announcementNo: input.announcementNo, level: app.resultLevel },
    });
    const superseded = await tx.grade.findMany({
      where: { mineId: app.mineId, endedOn: null, ...inForceOn(today) },
      select: { id: true, level: true, validUntil: true },
    });
    if (superseded.length) {
      const ended = await tx.grade.updateMany({
        where: { id: { in: superseded.map((g) => g.id) }, endedOn: null },
        data: { endedOn: dateValue(today), endReason: "SUPERSEDED" },
      });
      if (ended.count !== superseded.length) throw new ServiceError("CONFLICT", "applicationChanged");
    }
    // The body that grades the announced level (a missed level is announced by the lower level's grader).
    const body = gradingBody(handlingLevel(app, app.mine, app.config), app.mine, app.config);
    const authority =
      (body && (await tx.authority.findFirst({ where: { kind: body.kind, regionCode: body.regionCode } }))) ??
      (await authorityOf(tx, caller));
    const validUntil = gradeValidUntil(today, app.ruleVersion.validityYears);
    const grade = await tx.grade.create({
      data: {
        mineId: app.mineId,
        level: app.resultLevel,
        ruleVersionId: app.ruleVersionId,
        authorityId: authority.id,
        announcementNo: input.announcementNo,
        announcedOn: dateValue(today),
        validUntil: dateValue(validUntil),
        applicationId: app.id,
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "grade.announce",
      entity: "Grade",
      entityId: grade.id,
      regionCode: app.mine.countyCode,
      before: { gradesInForce: superseded.map((g) => ({ id: g.id, level: g.level })) },
      after: {
        level: grade.level,
        announcedOn: today,
        validUntil,
        announcementNo: input.announcementNo,
        authorityId: authority.id,
        applicationId: app.id,
        superseded: superseded.map((g) => g.id),
      },
    });
    return { applicationId: app.id, mineCode: app.mine.code, state, gradeId: grade.id, level: grade.level, validUntil };
  });
}
