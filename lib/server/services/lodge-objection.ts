import "server-only";
import { afterCommit } from "@/lib/server/cache/tags";
import { noticeOpenOn } from "@/lib/domain/application-workflow";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound, ServiceError } from "@/lib/server/errors";
import { clientKey, isObjectionBlocked, OBJECTION_AUDIT_ACTION } from "@/lib/server/objection-rate-limit";
import type { LodgeObjectionInput } from "@/lib/validation/application";
import { prepareFiles, type Upload } from "@/lib/server/files/inspect";
import { storeEvidence } from "./attach-evidence";

/**
 * Anyone, without a login, objects to an application under public notice (公示期异议), from the
 * notice's first to its last day. The objection is stored OPEN; the grade cannot be announced while
 * one is open. Limited per client address (see objection-rate-limit.ts). Photos and PDFs sent with
 * it are stored in the same transaction, images re-encoded without their EXIF (a phone photo's GPS
 * position would say where the objector lives or stood); all of it or nothing.
 */
export async function lodgeObjection(
  input: LodgeObjectionInput,
  client: { ip: string },
  opts: { db?: Db; today?: string; now?: Date; files?: Upload[] } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const uploads = opts.files ?? [];
  // A blocked client does not get its files decoded first.
  if (uploads.length && (await isObjectionBlocked(db, client.ip, opts.now)))
    throw new ServiceError("FORBIDDEN", "tooManyObjections");
  const files = await prepareFiles(uploads, { stripMetadata: true });
  // Nothing cached shows this write but the inbox counts (tags.ts: every change expires them).
  return afterCommit(
    db.$transaction(async (tx) => {
      if (await isObjectionBlocked(tx, client.ip, opts.now)) throw new ServiceError("FORBIDDEN", "tooManyObjections");
      // Only applications that have been put under notice are public; anything else does not exist for the public.
      const app = await tx.gradeApplication.findFirst({
        where: { id: input.applicationId, noticeStartsOn: { not: null } },
        include: { mine: { select: { code: true, countyCode: true } } },
      });
      if (!app) throw notFound();
      const open = noticeOpenOn(
        {
          state: app.state,
          noticeStartsOn: app.noticeStartsOn ? isoDate(app.noticeStartsOn) : null,
          noticeEndsOn: app.noticeEndsOn ? isoDate(app.noticeEndsOn) : null,
        },
        today,
      );
      if (!open) throw new ServiceError("INVALID_STATE", "noticeClosed");
      // Not conditional on the version, so two people objecting at once both succeed; but the version
      // moves, so an announcement prepared on the version before the objection conflicts.
      const claimed = await tx.gradeApplication.updateMany({
        where: { id: app.id, state: "PUBLIC_NOTICE" },
        data: { version: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new ServiceError("INVALID_STATE", "noticeClosed");
      const objection = await tx.objection.create({
        data: { applicationId: app.id, name: input.name, contact: input.contact, text: input.text, status: "OPEN" },
      });
      await audit(tx, {
        actorId: null,
        action: OBJECTION_AUDIT_ACTION,
        entity: "Objection",
        entityId: objection.id,
        regionCode: app.mine.countyCode,
        after: { applicationId: app.id, status: "OPEN", name: input.name, client: clientKey(client.ip) },
      });
      const fileIds = await storeEvidence(tx, { kind: "objection", id: objection.id }, files, {
        actorId: null,
        regionCode: app.mine.countyCode,
      });
      return { objectionId: objection.id, applicationId: app.id, fileIds };
    }),
    () => ({}),
  );
}
