import { z } from "zod";
import { MAX_RECENT_MINES, MAX_UPLOAD_CHUNK_BYTES } from "@/lib/field/contract";
import { MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILES_PER_RECORD } from "@/lib/validation/evidence-limits";
import { hasNoNul, MAX_ID } from "./primitives";

// The field app's server side (issue 16, lib/field/contract.ts): the query of the pack, the query of
// an upload chunk and the envelope of a submission. The spot-check inside a submission is checked by
// the online form's own schema (lib/validation/spot-check.ts). Query messages are English: the API's
// language; the envelope's are catalogue keys under "errors", like every form's.

/** UUIDs of any version, lowercase or not (the browser's crypto.randomUUID gives v4). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SHA256_RE = /^[0-9a-f]{64}$/;

/** Every user's staged photos together (FieldUpload): beyond it a new upload is a 413. */
export const MAX_STAGED_BYTES_PER_USER = 200 * 1024 * 1024;
/** How long a staged photo nobody submitted is kept (housekeeping deletes it afterwards). */
export const STAGED_UPLOAD_DAYS = 7;
/** The largest submission body (JSON; photos come separately). */
export const MAX_SYNC_BODY_BYTES = 2 * 1024 * 1024;
/** A mine code as the pack accepts it (the register's column is 24 characters). */
const MINE_CODE_RE = /^[^\u0000-\u001f\u007f]{1,24}$/;

export const fieldPackQuery = z
  .object({
    recent: z
      .string()
      .max(MAX_RECENT_MINES * 25, "is too long")
      .transform((s) => [...new Set(s.split(",").map((c) => c.trim()))].filter((c) => c !== ""))
      .refine((codes) => codes.length <= MAX_RECENT_MINES, `must name at most ${MAX_RECENT_MINES} mines`)
      .refine((codes) => codes.every((c) => MINE_CODE_RE.test(c)), "must be mine codes separated by commas")
      .optional(),
  })
  .strict();

export const uploadChunkQuery = z
  .object({
    offset: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(MAX_EVIDENCE_FILE_BYTES),
    length: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .max(MAX_EVIDENCE_FILE_BYTES, `must be at most ${MAX_EVIDENCE_FILE_BYTES}`),
    sha256: z.string().regex(SHA256_RE, "must be 64 lowercase hexadecimal digits"),
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(255, "must be at most 255 characters")
      .refine(hasNoNul, "must not contain NUL characters"),
  })
  .strict();

export { MAX_UPLOAD_CHUNK_BYTES };

const uuid = z.string().regex(UUID_RE, "invalid");

export const syncFileSchema = z.object({
  fileKey: uuid,
  owner: z.object({
    kind: z.enum(["finding", "hiddenDanger"]),
    index: z.number().int().min(0).max(199),
  }),
  filename: z.string().trim().min(1).max(255).refine(hasNoNul, "invalid"),
  size: z.number().int().min(1).max(MAX_EVIDENCE_FILE_BYTES, "fileTooLarge"),
  sha256: z.string().regex(SHA256_RE, "invalid"),
});

/** A submission's envelope (SyncRequest); `spotCheck` is left to spotCheckSchema. */
export const syncEnvelopeSchema = z.object({
  key: uuid,
  userId: z.number().int().min(1).max(MAX_ID),
  basis: z.object({
    gradeId: z.number().int().min(1).max(MAX_ID).nullable(),
    gradeLevel: z.number().int().min(1).max(3).nullable(),
    ruleVersionCode: z.string().min(1).max(64).refine(hasNoNul, "invalid"),
    jurisdiction: z.string().max(12).refine(hasNoNul, "invalid").nullable(),
  }),
  confirm: z.boolean().optional(),
  spotCheck: z.unknown(),
  // At most as many as the records of one spot-check could hold is far more than a phone sends;
  // the per-record limit is checked against the owners.
  files: z
    .array(syncFileSchema)
    .max(MAX_EVIDENCE_FILES_PER_RECORD * 4)
    .refine((fs) => new Set(fs.map((f) => f.fileKey.toLowerCase())).size === fs.length, "invalid"),
});

export type SyncEnvelope = z.infer<typeof syncEnvelopeSchema>;
