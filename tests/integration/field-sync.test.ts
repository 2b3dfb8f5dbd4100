// Issue 16, the server side of the field app: the idempotent submission (replays and races give one
// spot-check), what changed since a draft began (conflicts), the online form's validation keyed to
// fields, the chunked photo upload (replays, gaps, checksums) and the pack's scope.
import { createHash, randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import type { SyncRequest } from "@/lib/field/contract";
import type { Caller } from "@/lib/server/auth/scope";
import { fieldPack } from "@/lib/server/data/field-pack";
import { ruleSetOn } from "@/lib/server/data/rules";
import { purgeStaleUploads, putChunk, uploadStatus } from "@/lib/server/services/field-upload";
import { syncSpotCheck } from "@/lib/server/services/sync-spot-check";
import { testDb } from "../support/db";
import {
  createGrade,
  createMine,
  createSpotCheck,
  createUser,
  evenScores,
  type TestGrade,
  type TestMine,
} from "../support/factories";

const db = testDb();
const today = todayInChina();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const photo = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();

let mine: TestMine;
let grade: TestGrade;
let ungraded: TestMine;
let otherProvince: TestMine;
let regulator: Caller; // Datong (1402)
let colleague: Caller; // Datong too
let farRegulator: Caller; // Hebei (13)
let manager: Caller;
let ruleCode: string;
let scores: Record<string, number>;

const counts = async () => ({
  spotChecks: await db.spotCheck.count(),
  findings: await db.finding.count(),
  files: await db.evidenceFile.count(),
  audit: await db.auditLog.count(),
  staged: await db.fieldUpload.count(),
});

function request(
  caller: Caller,
  extra: Partial<SyncRequest> = {},
  sheet: Partial<SyncRequest["spotCheck"]> = {},
): SyncRequest {
  return {
    key: randomUUID(),
    userId: caller.id,
    basis: { gradeId: grade.id, gradeLevel: grade.level, ruleVersionCode: ruleCode, jurisdiction: caller.jurisdiction },
    spotCheck: {
      mineCode: mine.code,
      checkedOn: today,
      type: "ROUTINE",
      team: "Field team",
      scores,
      findings: [{ elementCode: Object.keys(scores)[0], text: "Belt guard missing", severity: "GENERAL" }],
      majorHiddenDangers: [{ description: "Gas monitor off" }],
      conclusion: "GRADE_MAINTAINED",
      ...sheet,
    },
    files: [],
    ...extra,
  };
}

/** Uploads `bytes` for `caller` in chunks of `size`; returns the last outcome. */
async function upload(
  caller: Caller,
  draftKey: string,
  fileKey: string,
  bytes: Buffer,
  size = 1000,
  digest = sha(bytes),
) {
  let last;
  for (let offset = 0; offset < bytes.length; offset += size)
    last = await putChunk(
      caller,
      {
        draftKey,
        fileKey,
        offset,
        length: bytes.length,
        sha256: digest,
        name: "photo.jpg",
        bytes: bytes.subarray(offset, offset + size),
      },
      { db },
    );
  return last!;
}

beforeAll(async () => {
  mine = await createMine(db);
  ungraded = await createMine(db);
  otherProvince = await createMine(db, { countyCode: "130104" });
  grade = await createGrade(db, mine, { level: 2, announcedOn: `${Number(today.slice(0, 4)) - 1}-01-10` });
  await createGrade(db, otherProvince, { level: 2, announcedOn: `${Number(today.slice(0, 4)) - 1}-01-10` });
  regulator = await createUser(db, "LOCAL_REGULATOR", { mine });
  colleague = await createUser(db, "LOCAL_REGULATOR", { mine });
  farRegulator = await createUser(db, "PROVINCIAL_REGULATOR", { mine: otherProvince });
  manager = await createUser(db, "MINE_MANAGER", { mine });
  ruleCode = (await ruleSetOn(today, { db }))!.rules.code;
  scores = await evenScores(db, 90, today);
});
afterAll(() => db.$disconnect());

describe("the idempotent submission", () => {
  it("records once; three replays answer the first result and write nothing", async () => {
    const req = request(regulator);
    const before = await counts();
    const first = await syncSpotCheck(regulator, req, { db });
    expect(first.http).toBe(201);
    expect(first.body).toMatchObject({ status: "recorded", mineCode: mine.code, replayed: false });
    const id = (first.body as { spotCheckId: number }).spotCheckId;
    expect((first.body as { url: string }).url).toBe(`/mines/${mine.code}/spot-checks/${id}`);
    const mid = await counts();
    for (let i = 0; i < 3; i++) {
      const again = await syncSpotCheck(regulator, req, { db });
      expect(again.http).toBe(200);
      expect(again.body).toEqual({ ...first.body, replayed: true });
    }
    expect(await counts()).toEqual(mid);
    expect(mid.spotChecks).toBe(before.spotChecks + 1);
    const row = await db.spotCheck.findUniqueOrThrow({ where: { id } });
    expect(row.syncKey).toBe(req.key);
    const auditRow = await db.auditLog.findFirstOrThrow({
      where: { action: "spotCheck.record", entityId: String(id) },
    });
    expect((auditRow.after as { syncKey?: string }).syncKey).toBe(req.key);
  });

  it("two concurrent submissions of one key record one spot-check and give the same answer", async () => {
    const req = request(regulator);
    const before = await counts();
    const [a, b] = await Promise.all([syncSpotCheck(regulator, req, { db }), syncSpotCheck(regulator, req, { db })]);
    expect([a.http, b.http].sort()).toEqual([200, 201]);
    expect((a.body as { spotCheckId: number }).spotCheckId).toBe((b.body as { spotCheckId: number }).spotCheckId);
    expect((await counts()).spotChecks).toBe(before.spotChecks + 1);
    expect(await db.spotCheck.count({ where: { syncKey: req.key } })).toBe(1);
  });

  it("refuses another account's draft and another account's key, writing nothing", async () => {
    const req = request(regulator);
    const before = await counts();
    expect(await syncSpotCheck(colleague, req, { db })).toEqual({
      http: 403,
      body: { status: "refused", reason: "otherAccount" },
    });
    expect(await syncSpotCheck(null, req, { db })).toEqual({
      http: 401,
      body: { status: "refused", reason: "signedOut" },
    });
    expect(await counts()).toEqual(before);
    expect((await syncSpotCheck(regulator, req, { db })).http).toBe(201);
    const stolen = { ...req, userId: colleague.id };
    const mid = await counts();
    expect(await syncSpotCheck(colleague, stolen, { db })).toEqual({
      http: 403,
      body: { status: "refused", reason: "keyUsed" },
    });
    expect(await counts()).toEqual(mid);
  });

  it("refuses a mine out of scope or unknown as not found, and a role without the capability", async () => {
    const before = await counts();
    const out = request(regulator, {}, { mineCode: otherProvince.code });
    expect(await syncSpotCheck(regulator, out, { db })).toEqual({
      http: 404,
      body: { status: "refused", reason: "notFound" },
    });
    const unknown = request(regulator, {}, { mineCode: "999999" });
    expect(await syncSpotCheck(regulator, unknown, { db })).toEqual({
      http: 404,
      body: { status: "refused", reason: "notFound" },
    });
    expect((await syncSpotCheck(manager, request(manager), { db })).body).toEqual({
      status: "refused",
      reason: "notFound",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("what changed since the draft began", () => {
  it("a grade change is a conflict; confirm records it", async () => {
    const req = request(regulator, {
      basis: { gradeId: grade.id, gradeLevel: 1, ruleVersionCode: ruleCode, jurisdiction: regulator.jurisdiction },
    });
    const before = await counts();
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.http).toBe(409);
    expect(answer.body).toEqual({
      status: "conflict",
      confirmable: true,
      changes: [{ kind: "grade", was: { id: grade.id, level: 1 }, now: { id: grade.id, level: 2 } }],
    });
    expect(await counts()).toEqual(before);
    expect((await syncSpotCheck(regulator, { ...req, confirm: true }, { db })).http).toBe(201);
  });

  it("a draft begun without a grade sees the grade now in force", async () => {
    const req = request(regulator, {
      basis: { gradeId: null, gradeLevel: null, ruleVersionCode: ruleCode, jurisdiction: regulator.jurisdiction },
    });
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.body).toMatchObject({
      status: "conflict",
      changes: [{ kind: "grade", was: null, now: { id: grade.id, level: 2 } }],
    });
  });

  it("a rule version change is a conflict", async () => {
    const req = request(regulator, {
      basis: { gradeId: grade.id, gradeLevel: 2, ruleVersionCode: "OLD-VERSION", jurisdiction: regulator.jurisdiction },
    });
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.http).toBe(409);
    expect(answer.body).toEqual({
      status: "conflict",
      confirmable: true,
      changes: [{ kind: "ruleVersion", was: "OLD-VERSION", now: ruleCode }],
    });
  });

  it("a jurisdiction change keeping the mine in scope is confirmable; one losing it is not", async () => {
    // The regulator moved from Shanxi (14) to Datong (1402): the mine is still theirs.
    const req = request(regulator, {
      basis: { gradeId: grade.id, gradeLevel: 2, ruleVersionCode: ruleCode, jurisdiction: "14" },
    });
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.body).toEqual({
      status: "conflict",
      confirmable: true,
      changes: [{ kind: "jurisdiction", was: "14", now: "1402" }],
    });
    expect((await syncSpotCheck(regulator, { ...req, confirm: true }, { db })).http).toBe(201);

    // The regulator moved from Datong to Hebei: the draft's mine is no longer theirs; confirm does not help.
    const moved: Caller = { ...regulator, jurisdiction: "13" };
    const before = await counts();
    for (const confirm of [false, true]) {
      const lost = await syncSpotCheck(moved, { ...request(regulator), confirm }, { db });
      expect(lost).toEqual({
        http: 409,
        body: { status: "conflict", confirmable: false, changes: [{ kind: "jurisdiction", was: "1402", now: "13" }] },
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe("validation", () => {
  it("answers the online form's catalogue keys by field and writes nothing", async () => {
    const before = await counts();
    const bad = { ...scores, [Object.keys(scores)[0]]: 150 };
    const answer = await syncSpotCheck(
      regulator,
      request(
        regulator,
        {},
        { team: "", scores: bad, findings: [{ elementCode: "X99", text: "", severity: "GENERAL" }] },
      ),
      { db },
    );
    expect(answer.http).toBe(422);
    expect(answer.body).toEqual({
      status: "invalid",
      fieldErrors: expect.objectContaining({
        team: "required",
        "findings.0.text": "required",
        [`scores.${Object.keys(scores)[0]}`]: expect.stringMatching(/^score_/),
        "findings.0.elementCode": "unknownElement",
      }),
    });
    expect(await counts()).toEqual(before);
  });

  it("a sheet the schema accepts but the rules refuse is invalid too", async () => {
    const bad = { ...scores, [Object.keys(scores)[0]]: 150 };
    const answer = await syncSpotCheck(regulator, request(regulator, {}, { scores: bad }), { db });
    expect(answer.http).toBe(422);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      `scores.${Object.keys(scores)[0]}`,
    );
  });

  it("a file on a finding that does not exist is invalid", async () => {
    const req = request(regulator, {
      files: [
        {
          fileKey: randomUUID(),
          owner: { kind: "finding", index: 5 },
          filename: "a.jpg",
          size: 10,
          sha256: "0".repeat(64),
        },
      ],
    });
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.http).toBe(422);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      [`files.${req.files[0].fileKey}`]: "invalid",
    });
  });

  it("a malformed envelope is invalid, never a crash", async () => {
    for (const body of [null, 1, "x", [], {}, { key: "nope" }, { ...request(regulator), userId: "1" }]) {
      const answer = await syncSpotCheck(regulator, body, { db });
      expect(answer.http).toBe(422);
      expect(Object.keys((answer.body as { fieldErrors: object }).fieldErrors).length).toBeGreaterThan(0);
    }
  });
});

describe("the chunked photo upload", () => {
  it("acknowledges a replayed chunk without writing, refuses a gap, resets on a checksum mismatch", async () => {
    const draftKey = randomUUID();
    const fileKey = randomUUID();
    const bytes = await photo();
    const digest = sha(bytes);
    const chunk = (offset: number, size: number, sha256 = digest) => ({
      draftKey,
      fileKey,
      offset,
      length: bytes.length,
      sha256,
      name: "photo.jpg",
      bytes: bytes.subarray(offset, offset + size),
    });
    expect(await uploadStatus(regulator, draftKey, fileKey, { db })).toBeNull();
    expect(await putChunk(regulator, chunk(0, 100), { db })).toEqual({
      ok: true,
      written: true,
      status: { received: 100, length: bytes.length, complete: false },
    });
    const stagedBefore = await db.fieldUpload.findFirstOrThrow({ where: { fileKey } });
    expect(await putChunk(regulator, chunk(0, 100), { db })).toEqual({
      ok: true,
      written: false,
      status: { received: 100, length: bytes.length, complete: false },
    });
    expect(await putChunk(regulator, chunk(0, 50), { db })).toMatchObject({ ok: true, written: false });
    const stagedAfter = await db.fieldUpload.findFirstOrThrow({ where: { fileKey } });
    expect(stagedAfter.updatedAt).toEqual(stagedBefore.updatedAt);
    expect(Buffer.from(stagedAfter.bytes)).toEqual(bytes.subarray(0, 100));
    // A gap: 200 when 100 arrived.
    expect(await putChunk(regulator, chunk(200, 100), { db })).toEqual({
      ok: false,
      http: 409,
      error: "offsetAhead",
      status: { received: 100, length: bytes.length, complete: false },
    });
    // Another declaration of the same photo.
    expect(await putChunk(regulator, chunk(100, 100, "a".repeat(64)), { db })).toMatchObject({
      ok: false,
      http: 409,
      error: "declarationDiffers",
    });
    // Another account never sees or extends it.
    expect(await uploadStatus(colleague, draftKey, fileKey, { db })).toBeNull();
    expect(await putChunk(colleague, chunk(100, 100), { db })).toMatchObject({
      ok: false,
      http: 409,
      status: { received: 0 },
    });
    // An overlapping chunk appends only its tail; then the rest.
    expect(await putChunk(regulator, chunk(50, 150), { db })).toMatchObject({ ok: true, status: { received: 200 } });
    const last = await putChunk(regulator, chunk(200, bytes.length), { db });
    expect(last).toEqual({
      ok: true,
      written: true,
      status: { received: bytes.length, length: bytes.length, complete: true },
    });
    expect(Buffer.from((await db.fieldUpload.findFirstOrThrow({ where: { fileKey } })).bytes)).toEqual(bytes);

    // A photo whose bytes do not match the declared checksum: emptied, 422.
    const wrongKey = randomUUID();
    const wrong = await upload(regulator, draftKey, wrongKey, bytes, 100, "b".repeat(64));
    expect(wrong).toMatchObject({
      ok: false,
      http: 422,
      error: "checksumMismatch",
      status: { received: 0, complete: false },
    });
    expect((await db.fieldUpload.findFirstOrThrow({ where: { fileKey: wrongKey } })).bytes.length).toBe(0);
    // A whole photo in one chunk that does not match: refused before anything is written.
    const oneShot = randomUUID();
    expect(await upload(regulator, draftKey, oneShot, bytes, bytes.length, "c".repeat(64))).toMatchObject({
      ok: false,
      http: 422,
    });
    expect(await db.fieldUpload.count({ where: { fileKey: oneShot } })).toBe(0);
  });

  it("two racing chunks at one offset append once", async () => {
    const draftKey = randomUUID();
    const fileKey = randomUUID();
    const bytes = await photo();
    const chunk = {
      draftKey,
      fileKey,
      offset: 0,
      length: bytes.length,
      sha256: sha(bytes),
      name: "p.jpg",
      bytes: bytes.subarray(0, 100),
    };
    await Promise.all([
      putChunk(regulator, chunk, { db }),
      putChunk(regulator, chunk, { db }),
      putChunk(regulator, chunk, { db }),
    ]);
    const row = await db.fieldUpload.findFirstOrThrow({ where: { fileKey } });
    expect(row.received).toBe(100);
    expect(Buffer.from(row.bytes)).toEqual(bytes.subarray(0, 100));
  });

  it("a missing or partial photo is missingFiles and nothing is written", async () => {
    const bytes = await photo();
    const req = request(regulator);
    const whole = randomUUID();
    const partial = randomUUID();
    const absent = randomUUID();
    await upload(regulator, req.key, whole, bytes);
    await putChunk(
      regulator,
      {
        draftKey: req.key,
        fileKey: partial,
        offset: 0,
        length: bytes.length,
        sha256: sha(bytes),
        name: "p.jpg",
        bytes: bytes.subarray(0, 100),
      },
      { db },
    );
    const file = (fileKey: string) => ({
      fileKey,
      owner: { kind: "finding" as const, index: 0 },
      filename: "p.jpg",
      size: bytes.length,
      sha256: sha(bytes),
    });
    req.files = [file(whole), file(partial), file(absent)];
    const before = await counts();
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer).toEqual({
      http: 409,
      body: {
        status: "missingFiles",
        files: [
          { fileKey: partial, received: 100, size: bytes.length },
          { fileKey: absent, received: 0, size: bytes.length },
        ],
      },
    });
    expect(await counts()).toEqual(before);
  });

  it("a complete upload becomes evidence with a thumbnail on the right finding and hidden danger; staged rows go", async () => {
    const bytes = await photo();
    const req = request(
      regulator,
      {},
      {
        findings: [
          { elementCode: Object.keys(scores)[0], text: "First", severity: "GENERAL" },
          { elementCode: Object.keys(scores)[1], text: "Second", severity: "MAJOR" },
        ],
      },
    );
    const onSecond = randomUUID();
    const onDanger = randomUUID();
    await upload(regulator, req.key, onSecond, bytes);
    await upload(regulator, req.key, onDanger, bytes, 4096);
    req.files = [
      {
        fileKey: onSecond,
        owner: { kind: "finding", index: 1 },
        filename: "second.jpg",
        size: bytes.length,
        sha256: sha(bytes),
      },
      {
        fileKey: onDanger,
        owner: { kind: "hiddenDanger", index: 0 },
        filename: "danger.jpg",
        size: bytes.length,
        sha256: sha(bytes),
      },
    ];
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer.http).toBe(201);
    const id = (answer.body as { spotCheckId: number }).spotCheckId;
    const findings = await db.finding.findMany({
      where: { spotCheckId: id },
      orderBy: { id: "asc" },
      include: { files: true },
    });
    expect(findings.map((f) => [f.text, f.files.length])).toEqual([
      ["First", 0],
      ["Second", 1],
    ]);
    const file = findings[1].files[0];
    expect(file).toMatchObject({
      filename: "second.jpg",
      mimeType: "image/jpeg",
      sha256: sha(bytes),
      uploadedById: regulator.id,
    });
    expect(file.thumbnail?.length).toBeGreaterThan(0);
    const danger = await db.hiddenDanger.findFirstOrThrow({ where: { spotCheckId: id }, include: { files: true } });
    expect(danger.files.map((f) => f.filename)).toEqual(["danger.jpg"]);
    expect(await db.fieldUpload.count({ where: { draftKey: req.key } })).toBe(0);
    // The replay still answers the first result.
    expect((await syncSpotCheck(regulator, req, { db })).body).toMatchObject({ spotCheckId: id, replayed: true });
  });

  it("a photo that is not an image or a PDF is refused on its key, nothing written", async () => {
    const bytes = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(600, 1)]);
    const req = request(regulator);
    const fileKey = randomUUID();
    await upload(regulator, req.key, fileKey, bytes);
    req.files = [
      { fileKey, owner: { kind: "finding", index: 0 }, filename: "x.jpg", size: bytes.length, sha256: sha(bytes) },
    ];
    const before = await counts();
    const answer = await syncSpotCheck(regulator, req, { db });
    expect(answer).toEqual({
      http: 422,
      body: { status: "invalid", fieldErrors: { [`files.${fileKey}`]: "fileType" } },
    });
    expect(await counts()).toEqual(before);
  });

  it("housekeeping deletes staged photos untouched for a week", async () => {
    const fileKey = randomUUID();
    await upload(regulator, randomUUID(), fileKey, await photo());
    expect(await purgeStaleUploads({ db, now: new Date(Date.now() + 6 * 86_400_000) })).toBe(0);
    expect(await purgeStaleUploads({ db, now: new Date(Date.now() + 8 * 86_400_000) })).toBeGreaterThan(0);
    expect(await db.fieldUpload.count({ where: { fileKey } })).toBe(0);
  });
});

describe("the field pack", () => {
  it("offers the caller's graded, unchecked mines and the recent ones in scope only", async () => {
    const fresh = await createMine(db);
    await createGrade(db, fresh, { level: 3, announcedOn: `${Number(today.slice(0, 4)) - 1}-02-01` });
    const checked = await createMine(db);
    await createGrade(db, checked, { level: 3, announcedOn: `${Number(today.slice(0, 4)) - 1}-02-01` });
    await createSpotCheck(db, checked, { checkedOn: today });
    const pack = (await fieldPack(regulator, [ungraded.code, otherProvince.code, "nope"], { db }))!;
    expect(pack.user).toEqual({ id: regulator.id, name: regulator.name, jurisdiction: "1402" });
    expect(pack.ruleSets.map((r) => r.code)).toContain(ruleCode);
    const codes = pack.mines.map((m) => m.code);
    const assigned = pack.mines.find((m) => m.code === fresh.code)!;
    expect(assigned).toMatchObject({ reason: "assigned", grade: { level: 3 }, ruleVersionCode: ruleCode });
    expect(codes).not.toContain(checked.code);
    expect(pack.mines.find((m) => m.code === ungraded.code)).toMatchObject({ reason: "recent", grade: null });
    expect(codes).not.toContain(otherProvince.code);
    expect(codes).not.toContain("nope");
    expect(pack.mines.length).toBeLessThanOrEqual(50 + 20);
    const far = (await fieldPack(farRegulator, [mine.code], { db }))!;
    expect(far.mines.map((m) => m.code)).not.toContain(mine.code);
    expect(await fieldPack(manager, [mine.code], { db })).toBeNull();
  });
});

describe("the staging limits", () => {
  it("refuses a photo beyond the staged bytes an account may hold (declared lengths count)", async () => {
    const { MAX_STAGED_BYTES_PER_USER } = await import("@/lib/validation/field-sync");
    const { MAX_EVIDENCE_FILE_BYTES } = await import("@/lib/validation/evidence-limits");
    const heavy = await createUser(db, "LOCAL_REGULATOR", { mine });
    const draftKey = randomUUID();
    const start = (fileKey: string) =>
      putChunk(
        heavy,
        {
          draftKey,
          fileKey,
          offset: 0,
          length: MAX_EVIDENCE_FILE_BYTES,
          sha256: "d".repeat(64),
          name: "big.jpg",
          bytes: Buffer.from([1]),
        },
        { db },
      );
    for (let i = 0; i < Math.floor(MAX_STAGED_BYTES_PER_USER / MAX_EVIDENCE_FILE_BYTES); i++)
      expect(await start(randomUUID())).toMatchObject({ ok: true });
    const before = await db.fieldUpload.count({ where: { userId: heavy.id } });
    expect(await start(randomUUID())).toEqual({ ok: false, http: 413, error: "stagedTooLarge", status: null });
    expect(await db.fieldUpload.count({ where: { userId: heavy.id } })).toBe(before);
    // Another account's staging is its own.
    expect(await uploadStatus(regulator, draftKey, randomUUID(), { db })).toBeNull();
  });
});
