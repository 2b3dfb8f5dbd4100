import "server-only";
import { createHash } from "node:crypto";
import type { UploadStatus } from "@/lib/field/contract";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { cleanFilename } from "@/lib/server/files/inspect";
import { MAX_STAGED_BYTES_PER_USER, STAGED_UPLOAD_DAYS } from "@/lib/validation/field-sync";

// The chunked photo upload of the field app (issue 16; FIELD_API.upload in lib/field/contract.ts). A
// photo is staged in FieldUpload, bound to the account, the draft and the photo's own key, until the
// submission that names it stores it as evidence (lib/server/services/sync-spot-check.ts).

export interface ChunkRequest {
  draftKey: string;
  fileKey: string;
  offset: number;
  length: number;
  sha256: string;
  name: string;
  bytes: Uint8Array;
}

/** What a chunk came to: the status after it, and why it was refused (HTTP status) when it was. */
export type ChunkOutcome =
  | { ok: true; status: UploadStatus; written: boolean }
  | { ok: false; http: 409 | 413 | 422; error: string; status: UploadStatus | null };

const statusOf = (row: { received: number; length: number }): UploadStatus => ({
  received: row.received,
  length: row.length,
  complete: row.received === row.length,
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const where = (caller: Caller, draftKey: string, fileKey: string) => ({
  userId_draftKey_fileKey: { userId: caller.id, draftKey: draftKey.toLowerCase(), fileKey: fileKey.toLowerCase() },
});

/** One photo's status for its own account; null when nothing of it has arrived (or it is another's). */
export async function uploadStatus(
  caller: Caller,
  draftKey: string,
  fileKey: string,
  opts: { db?: Db } = {},
): Promise<UploadStatus | null> {
  const db = opts.db ?? defaultDb;
  const row = await db.fieldUpload.findUnique({
    where: where(caller, draftKey, fileKey),
    select: { received: true, length: true },
  });
  return row ? statusOf(row) : null;
}

const isUniqueViolation = (e: unknown) =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";

/**
 * Takes one chunk: the bytes from `offset`. What arrived before is never rewritten: a chunk entirely
 * received already is acknowledged, one that overlaps the end appends only its new tail, one past
 * the end is refused (409 with the status). The append is one UPDATE guarded by the received count,
 * so two chunks racing for the same offset cannot both land. With the last byte in, the SHA-256 of
 * the whole is compared with the declared one; a mismatch empties the staged photo (422).
 */
export async function putChunk(caller: Caller, chunk: ChunkRequest, opts: { db?: Db } = {}): Promise<ChunkOutcome> {
  const db = opts.db ?? defaultDb;
  const filename = cleanFilename(chunk.name);
  if (chunk.offset + chunk.bytes.byteLength > chunk.length)
    return {
      ok: false,
      http: 409,
      error: "pastDeclaredLength",
      status: await uploadStatus(caller, chunk.draftKey, chunk.fileKey, { db }),
    };

  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.fieldUpload.findUnique({
      where: where(caller, chunk.draftKey, chunk.fileKey),
      select: { id: true, received: true, length: true, sha256: true, filename: true },
    });
    if (!row) {
      if (chunk.offset > 0)
        return {
          ok: false,
          http: 409,
          error: "offsetAhead",
          status: { received: 0, length: chunk.length, complete: false },
        };
      const staged = await db.fieldUpload.aggregate({ where: { userId: caller.id }, _sum: { length: true } });
      if ((staged._sum.length ?? 0) + chunk.length > MAX_STAGED_BYTES_PER_USER)
        return { ok: false, http: 413, error: "stagedTooLarge", status: null };
      // The whole photo in one chunk: its checksum is known before anything is written.
      if (chunk.bytes.byteLength === chunk.length && sha256(chunk.bytes) !== chunk.sha256)
        return {
          ok: false,
          http: 422,
          error: "checksumMismatch",
          status: { received: 0, length: chunk.length, complete: false },
        };
      try {
        const created = await db.fieldUpload.create({
          data: {
            userId: caller.id,
            draftKey: chunk.draftKey.toLowerCase(),
            fileKey: chunk.fileKey.toLowerCase(),
            filename,
            length: chunk.length,
            sha256: chunk.sha256,
            received: chunk.bytes.byteLength,
            bytes: new Uint8Array(chunk.bytes),
          },
          select: { received: true, length: true },
        });
        return { ok: true, status: statusOf(created), written: true };
      } catch (e) {
        // Another chunk of the same photo created the row first: read it again.
        if (isUniqueViolation(e)) continue;
        throw e;
      }
    }
    if (row.length !== chunk.length || row.sha256 !== chunk.sha256 || row.filename !== filename)
      return { ok: false, http: 409, error: "declarationDiffers", status: statusOf(row) };
    const end = chunk.offset + chunk.bytes.byteLength;
    if (end <= row.received) return { ok: true, status: statusOf(row), written: false };
    if (chunk.offset > row.received) return { ok: false, http: 409, error: "offsetAhead", status: statusOf(row) };
    const outcome = await append(db, row.id, row.received, {
      ...chunk,
      bytes: chunk.bytes.subarray(row.received - chunk.offset),
    });
    // null: another chunk moved the count meanwhile; read it again.
    if (outcome) return outcome;
  }
  const status = await uploadStatus(caller, chunk.draftKey, chunk.fileKey, { db });
  return { ok: false, http: 409, error: "busy", status };
}

/**
 * Appends `bytes` at `at` when exactly `at` bytes have arrived; null when that no longer holds. The
 * chunk that completes the photo is appended only when the whole matches the declared SHA-256
 * (computed by PostgreSQL, in the same statement); otherwise the staged photo is emptied.
 */
async function append(db: Db, id: number, at: number, chunk: ChunkRequest): Promise<ChunkOutcome | null> {
  const piece = Buffer.from(chunk.bytes);
  const rows = await db.$queryRaw<{ received: number; length: number; matches: boolean }[]>`
    WITH next AS (
      SELECT id, received + ${piece.byteLength} < length
                 OR encode(sha256(bytes || ${piece}::bytea), 'hex') = sha256 AS matches
        FROM "FieldUpload" WHERE id = ${id} AND received = ${at}
    )
    UPDATE "FieldUpload" u
       SET bytes = CASE WHEN next.matches THEN u.bytes || ${piece}::bytea ELSE ''::bytea END,
           received = CASE WHEN next.matches THEN u.received + ${piece.byteLength} ELSE 0 END,
           "updatedAt" = now()
      FROM next
     WHERE u.id = next.id AND u.received = ${at}
     RETURNING u.received, u.length, next.matches`;
  const row = rows[0];
  if (!row) return null;
  if (!row.matches) return { ok: false, http: 422, error: "checksumMismatch", status: statusOf(row) };
  return { ok: true, status: statusOf(row), written: true };
}

/** Deletes staged photos nobody touched for STAGED_UPLOAD_DAYS (housekeeping). */
export async function purgeStaleUploads(opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? new Date();
  const { count } = await db.fieldUpload.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - STAGED_UPLOAD_DAYS * 86_400_000) } },
  });
  return count;
}
