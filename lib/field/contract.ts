// Issue 16: spot-checks recorded at the mine with no network, synced when it returns. This module is
// the contract between the three parts that implement it, as plain types and constants (no zod, no
// server code, so the browser may import it):
// - the field app (app/(field)/field, components/field, lib/field): the offline shell, the drafts in
//   IndexedDB, the phone-first form, the sync client;
// - the service worker (Serwist): precaches the shell and the static assets, never an API response;
// - the server (app/api/field, lib/server/services/sync-spot-check.ts): the field pack, the chunked
//   photo upload and the idempotent submission.
import type { MineType, RuleSet } from "@/lib/domain/rules";

/** The offline shell: one route; its state lives in the query (?draft=KEY, ?mine=CODE), which the service worker ignores. */
export const FIELD_PATH = "/field";

/** The shell's runtime cache (network first); sign-out deletes it with the drafts. */
export const FIELD_SHELL_CACHE = "field-shell";

/** The browser's IndexedDB database of the field app (drafts, their photos, the pack, recently viewed mines). */
export const FIELD_DB_NAME = "coal-grading-field";

export const FIELD_API = {
  /** GET ?recent=CODE,CODE (at most MAX_RECENT_MINES): the caller's FieldPack. 401 signed out, 404 without spotCheck.record. */
  pack: "/api/field/pack",
  /** POST a SyncRequest (JSON): a SyncResponse. */
  submit: "/api/field/spot-checks",
  /**
   * One photo of a draft, in chunks. GET: its UploadStatus (404 when nothing has arrived).
   * PUT ?offset=N&length=TOTAL&sha256=HEX&name=URI-ENCODED, body the bytes from N (application/octet-stream,
   * at most MAX_UPLOAD_CHUNK_BYTES): the UploadStatus after it. A chunk that was already received is
   * acknowledged again (a replay writes nothing); an offset past what arrived is a 409 with the UploadStatus.
   */
  upload: (key: string, fileKey: string) =>
    `/api/field/uploads/${encodeURIComponent(key)}/${encodeURIComponent(fileKey)}`,
} as const;

/** The chunk the client sends; the server accepts chunks up to MAX_UPLOAD_CHUNK_BYTES. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
export const MAX_UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Mines the client names as recently viewed (the mine pages remember them in IndexedDB). */
export const MAX_RECENT_MINES = 20;

/** A mine the inspector may open a spot-check on offline. */
export interface FieldMine {
  code: string;
  name: string;
  nameEn: string | null;
  type: MineType;
  countyCode: string;
  /** The grade in force today, when the pack was made. */
  grade: { id: number; level: number; validFrom: string; validUntil: string } | null;
  /** The rule version in force today. */
  ruleVersionCode: string;
  /** Why it is in the pack: in the inspector's jurisdiction and not spot-checked this year, or viewed lately. */
  reason: "assigned" | "recent";
}

/** What the field app needs to open and grade a spot-check with no network. */
export interface FieldPack {
  /** The account the pack (and every draft made from it) belongs to. */
  user: { id: number; name: string; jurisdiction: string | null };
  /** Today in China (YYYY-MM-DD), and when the pack was made (ISO instant). */
  today: string;
  generatedAt: string;
  /** Every rule version (the form picks the one in force on the check date, as the online form does). */
  ruleSets: RuleSet[];
  mines: FieldMine[];
}

/** What a draft saw when it was started; the server compares it with what holds when the draft arrives. */
export interface DraftBasis {
  /** The mine's grade in force then (null: none). */
  gradeId: number | null;
  gradeLevel: number | null;
  /** The rule version the draft's score sheet was made from (the one in force on its check date). */
  ruleVersionCode: string;
  /** The account's jurisdiction then. */
  jurisdiction: string | null;
}

/** The spot-check itself: exactly the input of the online form (lib/validation/spot-check.ts). */
export interface SyncSpotCheck {
  mineCode: string;
  checkedOn: string;
  type: string;
  team: string;
  /** Element code → score 0–100, or null for not applicable (缺项). */
  scores: Record<string, number | null>;
  findings: { elementCode: string; text: string; severity: "MAJOR" | "GENERAL"; rectifyBy?: string }[];
  majorHiddenDangers: { description: string }[];
  conclusion: string;
  notes?: string;
}

/** A photo of the draft, uploaded before the submission; it becomes evidence of a finding or a hidden danger. */
export interface SyncFile {
  /** A UUID the client gives the photo (the upload's address). */
  fileKey: string;
  owner: { kind: "finding" | "hiddenDanger"; index: number };
  filename: string;
  size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
}

export interface SyncRequest {
  /** The idempotency key: a UUID made when the draft was started, recorded with the spot-check. */
  key: string;
  /** The account the draft belongs to; another account's draft is refused. */
  userId: number;
  basis: DraftBasis;
  /** The inspector has seen the conflicts and records it anyway. */
  confirm?: boolean;
  spotCheck: SyncSpotCheck;
  files: SyncFile[];
}

export type SyncChange =
  | { kind: "grade"; was: { id: number; level: number } | null; now: { id: number; level: number } | null }
  | { kind: "ruleVersion"; was: string; now: string | null }
  | { kind: "jurisdiction"; was: string | null; now: string | null };

/**
 * The answer to a submission, by HTTP status:
 * - 201 recorded (200 with replayed: true when the key was recorded before: the first result, nothing written);
 * - 409 conflict (confirmable false: the mine is no longer in the inspector's jurisdiction) or missingFiles;
 * - 422 invalid: field path ("scores.E07", "findings.0.text") → catalogue key under "errors";
 * - 401 refused signedOut; 403 refused otherAccount / keyUsed (another account's key); 404 no such mine or no right.
 */
export type SyncResponse =
  | { status: "recorded"; spotCheckId: number; mineCode: string; url: string; replayed: boolean }
  | { status: "conflict"; changes: SyncChange[]; confirmable: boolean }
  | { status: "missingFiles"; files: { fileKey: string; received: number; size: number }[] }
  | { status: "invalid"; fieldErrors: Record<string, string> }
  | { status: "refused"; reason: "signedOut" | "otherAccount" | "keyUsed" | "notFound" };

/** How much of one photo has arrived. */
export interface UploadStatus {
  received: number;
  length: number;
  complete: boolean;
}
