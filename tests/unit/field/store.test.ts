// The field app's IndexedDB store (lib/field/store.ts) on fake-indexeddb, an in-memory IndexedDB for
// Node: drafts, photos, packs and recently viewed mines, each bound to the account that made it.
import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { FIELD_DB_NAME, MAX_RECENT_MINES, type FieldPack } from "@/lib/field/contract";
import * as store from "@/lib/field/store";

const mine = { name: "一矿", nameEn: null, type: "UNDERGROUND" as const };
const basis = { gradeId: 7, gradeLevel: 2, ruleVersionCode: "2020", jurisdiction: "14" };

function pack(userId: number): FieldPack {
  return {
    user: { id: userId, name: `user ${userId}`, jurisdiction: "14" },
    today: "2026-12-06",
    generatedAt: "2026-12-06T08:00:00.000Z",
    ruleSets: [],
    mines: [],
  };
}

beforeEach(async () => {
  await store.deleteDatabase();
});

describe("field store", () => {
  it("makes the user of the last pack the current account and keeps each account's pack", async () => {
    expect(await store.lastUserId()).toBeNull();
    await store.savePack(pack(1));
    await store.savePack(pack(2));
    expect(await store.lastUserId()).toBe(2);
    expect((await store.getPack(1))?.user.name).toBe("user 1");
    expect(await store.getPack(3)).toBeUndefined();
  });

  it("keeps a draft with its idempotency key and returns it only to its account", async () => {
    const draft = await store.createDraft({ userId: 1, mineCode: "M1", mine, basis, today: "2026-12-06" });
    expect(draft.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft.state).toBe("draft");
    expect(draft.checkedOn).toBe("2026-12-06");
    expect((await store.getDraft(1, draft.key))?.mineCode).toBe("M1");
    expect(await store.getDraft(2, draft.key)).toBeUndefined();
    expect(await store.listDrafts(2)).toEqual([]);
    expect(await store.updateDraft(2, draft.key, (d) => ({ ...d, team: "x" }))).toBeUndefined();
    expect(await store.deleteDraft(2, draft.key)).toBe(false);
    expect((await store.getDraft(1, draft.key))?.team).toBe("");
  });

  it("autosaves each change and survives a new connection (a reload)", async () => {
    const draft = await store.createDraft({ userId: 1, mineCode: "M1", mine, basis, today: "2026-12-06" });
    await store.updateDraft(1, draft.key, (d) => ({ ...d, scores: { ...d.scores, E01: "85" } }));
    await store.updateDraft(1, draft.key, (d) => ({ ...d, notApplicable: { E02: true } }));
    await store.close();
    const again = await store.getDraft(1, draft.key);
    expect(again?.scores).toEqual({ E01: "85" });
    expect(again?.notApplicable).toEqual({ E02: true });
  });

  it("counts the unsent drafts of one account only", async () => {
    const a = await store.createDraft({ userId: 1, mineCode: "M1", mine, basis, today: "2026-12-06" });
    await store.createDraft({ userId: 1, mineCode: "M2", mine, basis, today: "2026-12-06" });
    await store.createDraft({ userId: 2, mineCode: "M1", mine, basis, today: "2026-12-06" });
    expect(await store.countUnsent(1)).toBe(2);
    await store.updateDraft(1, a.key, (d) => ({ ...d, state: "sent" }));
    expect(await store.countUnsent(1)).toBe(1);
    expect(await store.countUnsent(2)).toBe(1);
  });

  it("stores a photo as a Blob with its SHA-256, and deletes it with its draft", async () => {
    const draft = await store.createDraft({ userId: 1, mineCode: "M1", mine, basis, today: "2026-12-06" });
    const blob = new Blob(["abc"], { type: "image/jpeg" });
    const photo = await store.addPhoto(1, draft.key, { kind: "finding", id: "f1" }, blob, "a.jpg");
    expect(photo?.sha256).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(photo?.size).toBe(3);
    expect(await store.addPhoto(2, draft.key, { kind: "finding", id: "f1" }, blob, "b.jpg")).toBeUndefined();
    const photos = await store.photosOf(1, draft.key);
    expect(photos).toHaveLength(1);
    expect(await photos[0].blob.text()).toBe("abc");
    expect(await store.photosOf(2, draft.key)).toEqual([]);
    await store.markPhotoUploaded(1, photos[0].fileKey, true);
    expect((await store.photosOf(1, draft.key))[0].uploaded).toBe(true);
    expect(await store.deleteDraft(1, draft.key)).toBe(true);
    expect(await store.photosOf(1, draft.key)).toEqual([]);
  });

  it("remembers recently viewed mines per account, most recent first, bounded", async () => {
    await store.recordRecentMine(1, "A");
    await store.recordRecentMine(1, "B");
    await store.recordRecentMine(1, "A");
    await store.recordRecentMine(2, "C");
    expect(await store.recentMines(1)).toEqual(["A", "B"]);
    expect(await store.recentMines(2)).toEqual(["C"]);
    for (let i = 0; i < MAX_RECENT_MINES + 5; i++) await store.recordRecentMine(1, `M${i}`);
    const codes = await store.recentMines(1);
    expect(codes).toHaveLength(MAX_RECENT_MINES);
    expect(codes[0]).toBe(`M${MAX_RECENT_MINES + 4}`);
  });

  it("makes its stores in a database an earlier page opened empty", async () => {
    await store.close();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(FIELD_DB_NAME);
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error ?? new Error("open failed"));
    });
    await store.recordRecentMine(1, "A");
    expect(await store.recentMines(1)).toEqual(["A"]);
  });

  it("deleting the database removes every draft", async () => {
    await store.createDraft({ userId: 1, mineCode: "M1", mine, basis, today: "2026-12-06" });
    await store.deleteDatabase();
    expect(await store.listDrafts(1)).toEqual([]);
    expect(await store.lastUserId()).toBeNull();
  });
});
