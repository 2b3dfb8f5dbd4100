// Limits of evidence files (photos and PDFs on findings, accidents, hidden dangers, objections and
// applications), shared by the service, the forms (which state them) and the tests.

/** One file: a phone photo is 2–6 MB, a scanned letter a few hundred KB. */
export const MAX_EVIDENCE_FILE_MB = 10;
export const MAX_EVIDENCE_FILE_BYTES = MAX_EVIDENCE_FILE_MB * 1024 * 1024;

/** Files on one record, all uploads together. */
export const MAX_EVIDENCE_FILES_PER_RECORD = 10;

/**
 * One upload (all files of one submission): a server action's body is limited to 21 MB
 * (next.config.ts, shared with the spot-check import), so at most two files of the largest size at once.
 */
export const MAX_EVIDENCE_UPLOAD_MB = 20;
export const MAX_EVIDENCE_UPLOAD_BYTES = MAX_EVIDENCE_UPLOAD_MB * 1024 * 1024;

/** The types accepted, as detected from the bytes (never from the name or the browser's claim). */
export const EVIDENCE_MIME_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type EvidenceMimeType = (typeof EVIDENCE_MIME_TYPES)[number];

/** The file picker's filter (a convenience only: the server checks the bytes). */
export const EVIDENCE_ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf";

/** The longest edge of a thumbnail, in pixels. */
export const THUMBNAIL_EDGE = 320;

/** The records that take files. */
export const EVIDENCE_OWNER_KINDS = ["finding", "accident", "hiddenDanger", "objection", "application"] as const;
export type EvidenceOwnerKind = (typeof EVIDENCE_OWNER_KINDS)[number];
