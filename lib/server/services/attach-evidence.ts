import "server-only";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { writableOwner } from "@/lib/server/files/access";
import { prepareFiles, FILES_FIELD, type PreparedFile, type Upload } from "@/lib/server/files/inspect";
import { evidenceStorage, type EvidenceOwner, type EvidenceStorage } from "@/lib/server/files/storage";
import { ServiceError } from "@/lib/server/errors";
import { MAX_EVIDENCE_FILES_PER_RECORD, type EvidenceOwnerKind } from "@/lib/validation/evidence-limits";

const OWNER_TABLE: Record<EvidenceOwnerKind, string> = {
  finding: '"Finding"',
  accident: '"Accident"',
  hiddenDanger: '"HiddenDanger"',
  objection: '"Objection"',
  application: '"GradeApplication"',
};

/**
 * Stores prepared files of one record inside the caller's transaction, with one audit row each. The
 * record's row is locked first, so two uploads at once cannot pass the count limit together.
 */
export async function storeEvidence(
  tx: Tx,
  owner: EvidenceOwner,
  files: PreparedFile[],
  ctx: { actorId: number | null; regionCode: string; storage?: EvidenceStorage },
): Promise<number[]> {
  const storage = ctx.storage ?? evidenceStorage;
  // The table name comes from the constant map above, never from input.
  await tx.$queryRawUnsafe(`SELECT 1 FROM ${OWNER_TABLE[owner.kind]} WHERE id = $1 FOR UPDATE`, owner.id);
  const already = await storage.count(tx, owner);
  if (already + files.length > MAX_EVIDENCE_FILES_PER_RECORD)
    throw new ServiceError(
      "VALIDATION",
      "validation",
      { [FILES_FIELD]: "tooManyFiles" },
      { max: MAX_EVIDENCE_FILES_PER_RECORD },
    );
  const ids: number[] = [];
  for (const file of files) {
    const id = await storage.save(tx, owner, file, ctx.actorId);
    await audit(tx, {
      actorId: ctx.actorId,
      action: "evidence.attach",
      entity: "EvidenceFile",
      entityId: id,
      regionCode: ctx.regionCode,
      after: { owner, filename: file.filename, mimeType: file.mimeType, size: file.size, sha256: file.sha256 },
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Adds files to an existing record: by exactly who may write that record (lib/server/files/access.ts),
 * within the limits (lib/validation/evidence-limits.ts), each file's type detected from its bytes.
 * All of the upload or nothing.
 */
export async function attachEvidence(
  caller: Caller,
  owner: EvidenceOwner,
  uploads: Upload[],
  opts: { db?: Db; storage?: EvidenceStorage } = {},
) {
  const db = opts.db ?? defaultDb;
  // Authorization before the files are even looked at; again inside the transaction below.
  await writableOwner(db, caller, owner);
  if (uploads.length === 0) throw new ServiceError("VALIDATION", "validation", { [FILES_FIELD]: "required" });
  const files = await prepareFiles(uploads, { stripMetadata: false });
  return db.$transaction(async (tx) => {
    const place = await writableOwner(tx, caller, owner);
    const ids = await storeEvidence(tx, owner, files, {
      actorId: caller.id,
      regionCode: place.mine.countyCode,
      storage: opts.storage,
    });
    return { ids, path: place.path };
  });
}
