import "server-only";
import type { SyncChange, SyncResponse } from "@/lib/field/contract";
import { isIsoDate, todayInChina } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { gradeInForce } from "@/lib/server/data/mine-facts";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { FILES_FIELD, prepareFile } from "@/lib/server/files/inspect";
import { parseForm } from "@/lib/validation/form-errors";
import { hasNoNul } from "@/lib/validation/primitives";
import { spotCheckSchema } from "@/lib/validation/spot-check";
import { syncEnvelopeSchema } from "@/lib/validation/field-sync";
import { MAX_EVIDENCE_FILES_PER_RECORD } from "@/lib/validation/evidence-limits";
import { recordSpotCheck, spotCheckFormProblems, type SpotCheckFile } from "./record-spot-check";

// The idempotent submission of a field draft (issue 16; FIELD_API.submit, SyncRequest → SyncResponse
// in lib/field/contract.ts). The order of the checks: the envelope; the account; a key recorded before
// (the first result, whatever changed since); the mine in scope; what changed since the draft began;
// the spot-check's fields (the online form's rules); the photos staged; then one transaction.

/** A SyncResponse with the HTTP status it is sent with. */
export interface SyncAnswer {
  http: number;
  body: SyncResponse;
}

const spotCheckUrl = (code: string, id: number) => `/mines/${encodeURIComponent(code)}/spot-checks/${id}`;

const recorded = (spotCheckId: number, mineCode: string, replayed: boolean): SyncAnswer => ({
  http: replayed ? 200 : 201,
  body: { status: "recorded", spotCheckId, mineCode, url: spotCheckUrl(mineCode, spotCheckId), replayed },
});
const refused = (http: number, reason: "signedOut" | "otherAccount" | "keyUsed" | "notFound"): SyncAnswer => ({
  http,
  body: { status: "refused", reason },
});
const invalid = (fieldErrors: Record<string, string>): SyncAnswer => ({
  http: 422,
  body: { status: "invalid", fieldErrors },
});

/** The answer to a key already recorded: the first result for its author, keyUsed for anyone else. */
async function replay(db: Db, caller: Caller, key: string): Promise<SyncAnswer | null> {
  const prior = await db.spotCheck.findUnique({
    where: { syncKey: key },
    select: { id: true, createdById: true, mine: { select: { code: true } } },
  });
  if (!prior) return null;
  return prior.createdById === caller.id ? recorded(prior.id, prior.mine.code, true) : refused(403, "keyUsed");
}

const isUniqueViolation = (e: unknown) =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";

/** Submits one field draft for `caller` (null: signed out); never throws for what a client sends. */
export async function syncSpotCheck(
  caller: Caller | null,
  body: unknown,
  opts: { db?: Db; today?: string } = {},
): Promise<SyncAnswer> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!caller) return refused(401, "signedOut");

  const envelope = parseForm(syncEnvelopeSchema, body);
  if (!envelope.success) {
    // The envelope's own problems; "spotCheck" is not part of it (z.unknown), so paths stay as sent.
    // A body that is not an object at all has no field to blame: "request".
    const fieldErrors = envelope.fieldErrors;
    return invalid(Object.keys(fieldErrors).length ? fieldErrors : { request: "invalid" });
  }
  const req = envelope.data;
  const key = req.key.toLowerCase();
  if (req.userId !== caller.id) return refused(403, "otherAccount");
  if (!can(caller.role, "spotCheck.record")) return refused(404, "notFound");

  const first = await replay(db, caller, key);
  if (first) return first;

  // The mine, only within the caller's scope. Out of it: when the caller's jurisdiction changed
  // since the draft began, a conflict no confirmation resolves; otherwise not found. The answer
  // depends on the caller's own jurisdiction only, never on whether the mine exists elsewhere.
  const raw =
    typeof req.spotCheck === "object" && req.spotCheck !== null ? (req.spotCheck as Record<string, unknown>) : {};
  const mineCode = typeof raw.mineCode === "string" ? raw.mineCode.trim() : "";
  const mine =
    mineCode && mineCode.length <= 24 && hasNoNul(mineCode)
      ? await db.mine.findFirst({ where: { AND: [{ code: mineCode }, mineScope(caller)] }, select: { id: true } })
      : null;
  const jurisdictionChange: SyncChange = {
    kind: "jurisdiction",
    was: req.basis.jurisdiction,
    now: caller.jurisdiction,
  };
  if (!mine) {
    if (mineCode && req.basis.jurisdiction !== caller.jurisdiction)
      return { http: 409, body: { status: "conflict", changes: [jurisdictionChange], confirmable: false } };
    if (!mineCode) return invalid({ mineCode: "required" });
    return refused(404, "notFound");
  }

  // What changed since the draft began (unless the inspector has seen it and confirms).
  if (!req.confirm) {
    const changes: SyncChange[] = [];
    const grade = await gradeInForce(db, mine.id, today);
    const now = grade ? { id: grade.id, level: grade.level } : null;
    const was = req.basis.gradeId !== null ? { id: req.basis.gradeId, level: req.basis.gradeLevel ?? 0 } : null;
    if ((now?.id ?? null) !== (was?.id ?? null) || (now && was && now.level !== was.level))
      changes.push({ kind: "grade", was: was && req.basis.gradeLevel !== null ? was : null, now });
    const checkedOn = typeof raw.checkedOn === "string" ? raw.checkedOn.trim() : "";
    if (isIsoDate(checkedOn) && checkedOn <= today) {
      const rules = await ruleSetOn(checkedOn, { db });
      const code = rules?.rules.code ?? null;
      if (code !== req.basis.ruleVersionCode)
        changes.push({ kind: "ruleVersion", was: req.basis.ruleVersionCode, now: code });
    }
    if (req.basis.jurisdiction !== caller.jurisdiction) changes.push(jurisdictionChange);
    if (changes.length) return { http: 409, body: { status: "conflict", changes, confirmable: true } };
  }

  // The spot-check's fields, by the online form's rules: every field at once.
  const parsed = parseForm(spotCheckSchema, req.spotCheck);
  if (!parsed.success) {
    const fieldErrors = { ...parsed.fieldErrors };
    for (const [field, problem] of Object.entries(await spotCheckFormProblems(caller, req.spotCheck, { db, today })))
      fieldErrors[field] ??= problem;
    return invalid(fieldErrors);
  }
  const input = parsed.data;

  // Each photo's owner must exist in the sheet, within the per-record limit.
  const fileErrors: Record<string, string> = {};
  const perOwner = new Map<string, number>();
  for (const f of req.files) {
    const count = input[f.owner.kind === "finding" ? "findings" : "majorHiddenDangers"].length;
    const ownerKey = `${f.owner.kind}.${f.owner.index}`;
    perOwner.set(ownerKey, (perOwner.get(ownerKey) ?? 0) + 1);
    if (f.owner.index >= count) fileErrors[`files.${f.fileKey}`] = "invalid";
    else if (perOwner.get(ownerKey)! > MAX_EVIDENCE_FILES_PER_RECORD) fileErrors[`files.${f.fileKey}`] = "tooManyFiles";
  }
  if (Object.keys(fileErrors).length) return invalid(fileErrors);

  // Every photo staged whole, as declared; nothing is written otherwise.
  const fileKeys = req.files.map((f) => f.fileKey.toLowerCase());
  const staged = fileKeys.length
    ? await db.fieldUpload.findMany({
        where: { userId: caller.id, draftKey: key, fileKey: { in: fileKeys } },
        select: { id: true, fileKey: true, length: true, received: true, sha256: true },
      })
    : [];
  const byKey = new Map(staged.map((s) => [s.fileKey, s]));
  const missing = req.files.flatMap((f) => {
    const s = byKey.get(f.fileKey.toLowerCase());
    const whole = s && s.received === s.length && s.length === f.size && s.sha256 === f.sha256;
    return whole ? [] : [{ fileKey: f.fileKey, received: s && s.sha256 === f.sha256 ? s.received : 0, size: f.size }];
  });
  if (missing.length) return { http: 409, body: { status: "missingFiles", files: missing } };

  // Each photo checked like any evidence (type from its bytes, a thumbnail) before the transaction.
  const files: SpotCheckFile[] = [];
  for (const f of req.files) {
    const row = await db.fieldUpload.findUnique({
      where: { id: byKey.get(f.fileKey.toLowerCase())!.id },
      select: { bytes: true },
    });
    if (!row)
      return {
        http: 409,
        body: { status: "missingFiles", files: [{ fileKey: f.fileKey, received: 0, size: f.size }] },
      };
    try {
      files.push({
        owner: f.owner,
        file: await prepareFile({ name: f.filename, bytes: row.bytes }, { stripMetadata: false }),
      });
    } catch (e) {
      if (e instanceof ServiceError && e.fieldErrors[FILES_FIELD])
        return invalid({ [`files.${f.fileKey}`]: e.fieldErrors[FILES_FIELD] });
      throw e;
    }
  }

  const stagedIds = staged.map((s) => s.id);
  try {
    const done = await recordSpotCheck(caller, input, {
      db,
      today,
      syncKey: key,
      files,
      alsoInTransaction: async (tx) => {
        const { count } = await tx.fieldUpload.deleteMany({ where: { id: { in: stagedIds }, userId: caller.id } });
        // A photo gone meanwhile (housekeeping, a second submission): nothing of this one is kept.
        if (count !== stagedIds.length) throw new ServiceError("CONFLICT", "missingFiles");
      },
    });
    return recorded(done.spotCheckId, done.mineCode, false);
  } catch (e) {
    // The same key recorded by a submission racing this one: its result.
    if (isUniqueViolation(e)) {
      const first = await replay(db, caller, key);
      if (first) return first;
    }
    if (e instanceof ServiceError) {
      if (e.code === "NOT_FOUND") return refused(404, "notFound");
      if (e.code === "VALIDATION") return invalid(e.fieldErrors);
      if (e.code === "CONFLICT") {
        const first = await replay(db, caller, key);
        if (first) return first;
        return {
          http: 409,
          body: {
            status: "missingFiles",
            files: req.files.map((f) => ({ fileKey: f.fileKey, received: 0, size: f.size })),
          },
        };
      }
    }
    throw e;
  }
}
