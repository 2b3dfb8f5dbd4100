// Evidence files (issue 15.5): the type from the bytes, the limits, the checksum, who may add and who
// may read a record's files (exactly its writers and readers), and EXIF stripped from public objections.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/triggers";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import type { Caller } from "@/lib/server/auth/scope";
import { evidenceOf, openEvidence } from "@/lib/server/data/evidence";
import { attachEvidence } from "@/lib/server/services/attach-evidence";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILES_PER_RECORD } from "@/lib/validation/evidence-limits";
import { testDb } from "../support/db";
import {
  createAccident,
  createApplication,
  createHiddenDanger,
  createMine,
  createSpotCheck,
  createUser,
  type TestMine,
} from "../support/factories";

const db = testDb();
const today = todayInChina();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
// A Windows executable's first bytes ("MZ", the DOS stub), whatever its name says.
const EXE = Buffer.concat([
  Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"),
  Buffer.alloc(512, 1),
]);
const png = (r = 10) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 120, b: 40 } } })
    .png()
    .toBuffer();
/** A phone photo: a JPEG whose EXIF names the camera and holds a GPS position (IFD3). */
const gpsJpeg = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 60, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestPhone", Model: "GPS-1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "40/1 5/1 30/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "113/1 18/1 0/1",
      },
    })
    .toBuffer();
/** Whether EXIF bytes carry a GPS IFD pointer (tag 0x8825, either byte order). */
const hasGps = (exif: Buffer | undefined) =>
  !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

let mine: TestMine;
let sameCounty: TestMine;
let otherProvince: TestMine;
let regulator: Caller; // Datong (1402)
let farRegulator: Caller; // Hebei (13)
let official: Caller;
let manager: Caller;
let otherManager: Caller;
let findingId: number;
let draftFindingId: number;

const counts = async () => ({
  files: await db.evidenceFile.count(),
  audit: await db.auditLog.count(),
  objections: await db.objection.count(),
});

beforeAll(async () => {
  mine = await createMine(db);
  sameCounty = await createMine(db);
  otherProvince = await createMine(db, { countyCode: "130104" });
  regulator = await createUser(db, "LOCAL_REGULATOR", { mine });
  farRegulator = await createUser(db, "PROVINCIAL_REGULATOR", { mine: otherProvince });
  official = await createUser(db, "OFFICIAL", { jurisdiction: "14" });
  manager = await createUser(db, "MINE_MANAGER", { mine });
  otherManager = await createUser(db, "MINE_MANAGER", { mine: sameCounty });
  const check = await createSpotCheck(db, mine, { checkedOn: addDays(today, -10), level: 2, findings: [{}] });
  findingId = check.findings[0].id;
  const draft = await createSpotCheck(db, mine, {
    checkedOn: addDays(today, -9),
    level: 2,
    status: "DRAFT",
    findings: [{}],
  });
  draftFindingId = draft.findings[0].id;
});

afterAll(async () => {
  await db.$disconnect();
});

describe("the type is taken from the bytes", () => {
  it("a PDF named .jpg is stored as a PDF, with its checksum, and reads back byte for byte", async () => {
    const { ids } = await attachEvidence(
      regulator,
      { kind: "finding", id: findingId },
      [{ name: "photo.jpg", bytes: PDF }],
      {
        db,
      },
    );
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row).toMatchObject({
      mimeType: "application/pdf",
      filename: "photo.jpg",
      size: PDF.length,
      sha256: sha(PDF),
    });
    expect(row.thumbnail).toBeNull();
    const [{ db_sha }] = await db.$queryRawUnsafe<{ db_sha: string }[]>(
      `SELECT encode(sha256(bytes), 'hex') AS db_sha FROM "EvidenceFile" WHERE id = $1`,
      ids[0],
    );
    expect(db_sha).toBe(sha(PDF));
    const file = await openEvidence(regulator, ids[0], "file", { db });
    expect(file?.mimeType).toBe("application/pdf");
    expect(Buffer.from(file!.bytes).equals(PDF)).toBe(true);
    expect(await openEvidence(regulator, ids[0], "thumb", { db })).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "evidence.attach", entityId: String(ids[0]) },
    });
    expect(audit).toMatchObject({ actorId: regulator.id, regionCode: mine.countyCode });
    expect(audit.after).toMatchObject({ sha256: sha(PDF), mimeType: "application/pdf" });
  });

  it("an executable renamed .png is refused and nothing is written", async () => {
    const before = await counts();
    await expect(
      attachEvidence(regulator, { kind: "finding", id: findingId }, [{ name: "photo.png", bytes: EXE }], { db }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { files: "fileType" } });
    // One good file with a bad one: neither is stored.
    await expect(
      attachEvidence(
        regulator,
        { kind: "finding", id: findingId },
        [
          { name: "ok.png", bytes: await png() },
          { name: "bad.pdf", bytes: EXE },
        ],
        { db },
      ),
    ).rejects.toMatchObject({ fieldErrors: { files: "fileType" } });
    expect(await counts()).toEqual(before);
  });

  it("a JPEG header over bytes that are no image is refused", async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]);
    await expect(
      attachEvidence(regulator, { kind: "finding", id: findingId }, [{ name: "x.jpg", bytes: fake }], { db }),
    ).rejects.toMatchObject({ fieldErrors: { files: expect.stringMatching(/^(fileUnreadable|fileType)$/) } });
  });

  it("an image gets a JPEG thumbnail no larger than 320 px; a regulator's photo keeps its bytes", async () => {
    const photo = await gpsJpeg();
    const { ids } = await attachEvidence(
      regulator,
      { kind: "finding", id: findingId },
      [{ name: "site.jpg", bytes: photo }],
      {
        db,
      },
    );
    const file = await openEvidence(regulator, ids[0], "file", { db });
    expect(sha(file!.bytes)).toBe(sha(photo));
    const thumb = await openEvidence(regulator, ids[0], "thumb", { db });
    const meta = await sharp(Buffer.from(thumb!.bytes)).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 320, height: 240 });
    expect(meta.exif).toBeUndefined();
  });
});

describe("thumbnails", () => {
  it("a transparent PNG's thumbnail is on white, not black", async () => {
    const clear = await sharp({
      create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const { ids } = await attachEvidence(
      regulator,
      { kind: "finding", id: findingId },
      [{ name: "clear.png", bytes: clear }],
      {
        db,
      },
    );
    const thumb = await openEvidence(regulator, ids[0], "thumb", { db });
    const { data } = await sharp(Buffer.from(thumb!.bytes)).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data.subarray(0, 3))).toBeGreaterThan(240);
  });
});

describe("limits", () => {
  it("a file over the size limit is refused, nothing written", async () => {
    const before = await counts();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_FILE_BYTES + 1 - PDF.length, 0x20)]);
    await expect(
      attachEvidence(regulator, { kind: "finding", id: findingId }, [{ name: "big.pdf", bytes: big }], { db }),
    ).rejects.toMatchObject({ fieldErrors: { files: "fileTooLarge" }, params: { max: 10 } });
    expect(await counts()).toEqual(before);
  });

  it("more files than a record holds are refused, in one upload or over several", async () => {
    const accident = await createAccident(db, mine, { occurredOn: addDays(today, -5) });
    const owner = { kind: "accident" as const, id: accident.id };
    const before = await counts();
    const eleven = await Promise.all(
      Array.from({ length: MAX_EVIDENCE_FILES_PER_RECORD + 1 }, async (_, i) => ({
        name: `${i}.png`,
        bytes: await png(i),
      })),
    );
    await expect(attachEvidence(regulator, owner, eleven, { db })).rejects.toMatchObject({
      fieldErrors: { files: "tooManyFiles" },
    });
    expect(await counts()).toEqual(before);
    await attachEvidence(regulator, owner, eleven.slice(0, 9), { db });
    await expect(attachEvidence(regulator, owner, eleven.slice(9, 11), { db })).rejects.toMatchObject({
      fieldErrors: { files: "tooManyFiles" },
    });
    await attachEvidence(regulator, owner, eleven.slice(9, 10), { db });
    expect(await db.evidenceFile.count({ where: { accidentId: accident.id } })).toBe(MAX_EVIDENCE_FILES_PER_RECORD);
    await expect(attachEvidence(regulator, owner, [eleven[10]], { db })).rejects.toMatchObject({
      fieldErrors: { files: "tooManyFiles" },
    });
    expect(await db.evidenceFile.count({ where: { accidentId: accident.id } })).toBe(MAX_EVIDENCE_FILES_PER_RECORD);
  });
});

describe("who may add files: the writers of the record", () => {
  it("refuses a finding to its mine's manager, an official and a regulator of another jurisdiction, writing nothing", async () => {
    const before = await counts();
    const bytes = await png();
    const owner = { kind: "finding" as const, id: findingId };
    await expect(attachEvidence(manager, owner, [{ name: "a.png", bytes }], { db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(attachEvidence(official, owner, [{ name: "a.png", bytes }], { db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(attachEvidence(farRegulator, owner, [{ name: "a.png", bytes }], { db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(attachEvidence(otherManager, owner, [{ name: "a.png", bytes }], { db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await counts()).toEqual(before);
  });

  it("a self-reported hidden danger takes files from its mine's manager only; an application from its manager", async () => {
    const danger = await createHiddenDanger(db, mine, { foundOn: addDays(today, -3), source: "SELF_REPORTED" });
    const bytes = await png();
    await attachEvidence(manager, { kind: "hiddenDanger", id: danger.id }, [{ name: "d.png", bytes }], { db });
    await expect(
      attachEvidence(otherManager, { kind: "hiddenDanger", id: danger.id }, [{ name: "d.png", bytes }], { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      attachEvidence(regulator, { kind: "hiddenDanger", id: danger.id }, [{ name: "d.png", bytes }], { db }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const app = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "SUBMITTED",
      submittedOn: addDays(today, -2),
      announcedOn: addDays(today, 30),
      managerId: manager.id,
      today,
    });
    await attachEvidence(manager, { kind: "application", id: app.id }, [{ name: "licence.pdf", bytes: PDF }], { db });
    await expect(
      attachEvidence(regulator, { kind: "application", id: app.id }, [{ name: "x.pdf", bytes: PDF }], { db }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.evidenceFile.count({ where: { applicationId: app.id } })).toBe(1);
    expect((await evidenceOf(regulator, "application", [app.id], { db })).get(app.id)).toHaveLength(1);
    expect((await evidenceOf(otherManager, "application", [app.id], { db })).size).toBe(0);
  });
});

describe("who may read files: the readers of the record", () => {
  it("a finding's file: its regulators and its mine's manager; not another jurisdiction, another mine's manager or the public", async () => {
    const { ids } = await attachEvidence(
      regulator,
      { kind: "finding", id: findingId },
      [{ name: "r.png", bytes: await png() }],
      {
        db,
      },
    );
    const id = ids[0];
    for (const reader of [regulator, official, manager]) {
      expect(await openEvidence(reader, id, "file", { db })).not.toBeNull();
      expect(await openEvidence(reader, id, "thumb", { db })).not.toBeNull();
    }
    for (const reader of [farRegulator, otherManager, null]) {
      expect(await openEvidence(reader, id, "file", { db })).toBeNull();
      expect(await openEvidence(reader, id, "thumb", { db })).toBeNull();
      expect((await evidenceOf(reader, "finding", [findingId], { db })).size).toBe(0);
    }
    expect((await evidenceOf(regulator, "finding", [findingId], { db })).get(findingId)!.map((f) => f.id)).toContain(
      id,
    );
  });

  it("a draft spot-check's finding files are not the manager's to read", async () => {
    const { ids } = await attachEvidence(
      regulator,
      { kind: "finding", id: draftFindingId },
      [{ name: "d.pdf", bytes: PDF }],
      {
        db,
      },
    );
    expect(await openEvidence(regulator, ids[0], "file", { db })).not.toBeNull();
    expect(await openEvidence(manager, ids[0], "file", { db })).toBeNull();
  });
});

describe("a public objection with files", () => {
  async function openNotice() {
    const app = await createApplication(db, mine, {
      appliedLevel: 3,
      state: "ASSESSED",
      submittedOn: addDays(today, -20),
      announcedOn: addDays(today, 30),
      managerId: manager.id,
      today,
    });
    await db.gradeApplication.update({
      where: { id: app.id },
      data: {
        state: "PUBLIC_NOTICE",
        noticeStartsOn: dateValue(addDays(today, -1)),
        noticeEndsOn: dateValue(addDays(today, 5)),
      },
    });
    return app.id;
  }
  const objection = (applicationId: number) => ({
    applicationId,
    name: "王五",
    contact: "13800000000",
    text: "该矿井下通风记录与实际不符，请核查。",
  });
  let n = 0;
  const ip = () => `198.51.100.${++n}`;

  it("stores the photo without its EXIF (GPS) and a PDF as sent, in the objection's transaction", async () => {
    const applicationId = await openNotice();
    const photo = await gpsJpeg();
    const original = await sharp(photo).metadata();
    expect(hasGps(original.exif)).toBe(true);
    expect(original.exif!.toString("latin1")).toContain("TestPhone");
    const { objectionId, fileIds } = await lodgeObjection(
      objection(applicationId),
      { ip: ip() },
      {
        db,
        today,
        files: [
          { name: "我家窗外.jpg", bytes: photo },
          { name: "letter.pdf", bytes: PDF },
        ],
      },
    );
    expect(fileIds).toHaveLength(2);
    const rows = await db.evidenceFile.findMany({ where: { objectionId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.mimeType)).toEqual(["image/jpeg", "application/pdf"]);
    const stored = await sharp(Buffer.from(rows[0].bytes)).metadata();
    expect(stored).toMatchObject({ format: "jpeg", width: 800, height: 600 });
    expect(stored.exif).toBeUndefined();
    expect(hasGps(stored.exif)).toBe(false);
    expect(rows[0].sha256).toBe(sha(rows[0].bytes));
    expect(rows[0].sha256).not.toBe(sha(photo));
    expect((await sharp(Buffer.from(rows[0].thumbnail!)).metadata()).exif).toBeUndefined();
    expect(Buffer.from(rows[1].bytes).equals(PDF)).toBe(true);
    expect(rows.every((r) => r.uploadedById === null)).toBe(true);

    // Regulators of the mine read them; its manager (who reads the objection's text), other regions and the public do not.
    expect(await openEvidence(regulator, rows[0].id, "file", { db })).not.toBeNull();
    for (const reader of [manager, otherManager, farRegulator, official, null])
      expect(await openEvidence(reader, rows[0].id, "file", { db })).toBeNull();
  });

  it("a bad file refuses the whole objection: no objection, no file, no audit row", async () => {
    const applicationId = await openNotice();
    const before = await counts();
    await expect(
      lodgeObjection(objection(applicationId), { ip: ip() }, { db, today, files: [{ name: "a.png", bytes: EXE }] }),
    ).rejects.toMatchObject({ fieldErrors: { files: "fileType" } });
    expect(await counts()).toEqual(before);
  });

  it("an objection's files cannot be added later, not even by the regulators", async () => {
    const applicationId = await openNotice();
    const { objectionId } = await lodgeObjection(objection(applicationId), { ip: ip() }, { db, today });
    await expect(
      attachEvidence(regulator, { kind: "objection", id: objectionId }, [{ name: "x.pdf", bytes: PDF }], { db }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
