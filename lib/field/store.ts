// The field app's store (issue 16): the browser's IndexedDB database FIELD_DB_NAME, through `idb`
// (a thin promise wrapper over IndexedDB). It holds the field pack of each account, the drafts with
// their photos, and the mines each account viewed lately. Every read takes the account it reads for:
// a draft or a photo is bound to the account that made it and is never returned to another.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type StoreNames } from "idb";
import type { MineType } from "@/lib/domain/rules";
import { FIELD_DB_NAME, MAX_RECENT_MINES, type DraftBasis, type FieldPack, type SyncResponse } from "./contract";

/**
 * draft: being filled in; sending: finished and waiting for (or in) a sync; conflict: the server saw a
 * change since the draft began and waits for the inspector; invalid: the server refused a field (or the
 * whole draft) and waits for an edit; sent: recorded (a small record of it is kept, its photos are not).
 */
export type DraftState = "draft" | "sending" | "conflict" | "invalid" | "sent";

export interface DraftFinding {
  /** Stable within the draft, so photos and list keys survive a removal above. */
  id: string;
  elementCode: string;
  text: string;
  severity: "MAJOR" | "GENERAL";
  rectifyBy: string;
}

/** What the inspector typed, as typed: scores are text (a half-typed "8" or "8." stays as it is). */
export interface DraftFields {
  checkedOn: string;
  type: string;
  team: string;
  scores: Record<string, string>;
  notApplicable: Record<string, boolean>;
  findings: DraftFinding[];
  majorHiddenDangers: { id: string; description: string }[];
  conclusion: string;
  notes: string;
}

export interface Draft extends DraftFields {
  /** crypto.randomUUID(), made when the draft began: the submission's idempotency key. */
  key: string;
  userId: number;
  mineCode: string;
  /** The mine as the pack described it, so the draft opens even after the mine left the pack. */
  mine: { name: string; nameEn: string | null; type: MineType };
  /** What the draft saw when it began (from the pack). */
  basis: DraftBasis;
  state: DraftState;
  /** The inspector saw the conflicts and records it anyway: the next submission carries confirm. */
  confirm: boolean;
  /** The server's last answer (or the network's failure), shown with the draft. */
  lastAnswer: SyncResponse | { status: "error"; message: string } | null;
  /** Once recorded: where the spot-check is. */
  sent: { spotCheckId: number; url: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** A photo of a draft, kept as a Blob until the draft is recorded. */
export interface DraftPhoto {
  fileKey: string;
  draftKey: string;
  userId: number;
  /** Which finding (by its id in the draft) or hidden danger it belongs to. */
  owner: { kind: "finding" | "hiddenDanger"; id: string };
  filename: string;
  size: number;
  type: string;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  blob: Blob;
  /** Every byte has reached the server (set by the sync client; cleared when the server says missing). */
  uploaded: boolean;
  createdAt: string;
}

interface FieldDB extends DBSchema {
  packs: { key: number; value: { userId: number; pack: FieldPack; savedAt: string } };
  drafts: { key: string; value: Draft; indexes: { userId: number } };
  photos: { key: string; value: DraftPhoto; indexes: { draftKey: string } };
  recent: { key: number; value: { userId: number; codes: string[] } };
  meta: { key: string; value: { key: string; value: unknown } };
}

/** 2: the stores are made by whichever upgrade finds them missing (an empty version 1 made by a bare indexedDB.open included). */
const DB_VERSION = 2;
let connection: Promise<IDBPDatabase<FieldDB>> | null = null;

function db(): Promise<IDBPDatabase<FieldDB>> {
  connection ??= openDB<FieldDB>(FIELD_DB_NAME, DB_VERSION, {
    upgrade(d) {
      const has = (name: StoreNames<FieldDB>) => d.objectStoreNames.contains(name);
      if (!has("packs")) d.createObjectStore("packs", { keyPath: "userId" });
      if (!has("drafts")) d.createObjectStore("drafts", { keyPath: "key" }).createIndex("userId", "userId");
      if (!has("photos")) d.createObjectStore("photos", { keyPath: "fileKey" }).createIndex("draftKey", "draftKey");
      if (!has("recent")) d.createObjectStore("recent", { keyPath: "userId" });
      if (!has("meta")) d.createObjectStore("meta", { keyPath: "key" });
    },
    // Another tab (or sign-out) deletes or upgrades the database: let it, and reopen on the next use.
    blocking() {
      void close();
    },
    terminated() {
      connection = null;
    },
  });
  return connection;
}

/** Closes this page's connection (the next call reopens it). */
export async function close(): Promise<void> {
  const open = connection;
  connection = null;
  if (open) (await open.catch(() => null))?.close();
}

const now = () => new Date().toISOString();

// --- The account ------------------------------------------------------------------------------

/** Stores the pack the server gave, and makes its user the device's current account. */
export async function savePack(pack: FieldPack): Promise<void> {
  const d = await db();
  const tx = d.transaction(["packs", "meta"], "readwrite");
  await tx.objectStore("packs").put({ userId: pack.user.id, pack, savedAt: now() });
  await tx.objectStore("meta").put({ key: "lastUserId", value: pack.user.id });
  await tx.done;
}

export async function getPack(userId: number): Promise<FieldPack | undefined> {
  return (await (await db()).get("packs", userId))?.pack;
}

/** The user of the last pack stored on this device: the current account while offline. */
export async function lastUserId(): Promise<number | null> {
  const row = await (await db()).get("meta", "lastUserId");
  return typeof row?.value === "number" ? row.value : null;
}

// --- Drafts -----------------------------------------------------------------------------------

export function emptyFields(today: string): DraftFields {
  return {
    checkedOn: today,
    type: "ROUTINE",
    team: "",
    scores: {},
    notApplicable: {},
    findings: [],
    majorHiddenDangers: [],
    conclusion: "GRADE_MAINTAINED",
    notes: "",
  };
}

export async function createDraft(input: {
  userId: number;
  mineCode: string;
  mine: Draft["mine"];
  basis: DraftBasis;
  today: string;
}): Promise<Draft> {
  const at = now();
  const draft: Draft = {
    ...emptyFields(input.today),
    key: crypto.randomUUID(),
    userId: input.userId,
    mineCode: input.mineCode,
    mine: input.mine,
    basis: input.basis,
    state: "draft",
    confirm: false,
    lastAnswer: null,
    sent: null,
    createdAt: at,
    updatedAt: at,
  };
  await (await db()).add("drafts", draft);
  return draft;
}

/** The draft, when it belongs to this account (another account's reads as absent). */
export async function getDraft(userId: number, key: string): Promise<Draft | undefined> {
  const draft = await (await db()).get("drafts", key);
  return draft?.userId === userId ? draft : undefined;
}

/** This account's drafts, newest first. */
export async function listDrafts(userId: number): Promise<Draft[]> {
  const all = await (await db()).getAllFromIndex("drafts", "userId", userId);
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** How many of this account's drafts are not recorded yet (sign-out warns about them). */
export async function countUnsent(userId: number): Promise<number> {
  return (await listDrafts(userId)).filter((d) => d.state !== "sent").length;
}

/**
 * Changes a draft of this account in one transaction (read, change, write), so two quick edits never
 * overwrite each other. Returns the draft as written, or undefined when it is not this account's.
 */
export async function updateDraft(
  userId: number,
  key: string,
  change: (draft: Draft) => Draft,
): Promise<Draft | undefined> {
  const tx = (await db()).transaction("drafts", "readwrite");
  const current = await tx.store.get(key);
  if (!current || current.userId !== userId) {
    await tx.done;
    return undefined;
  }
  const next = { ...change(current), key: current.key, userId: current.userId, updatedAt: now() };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Deletes a draft of this account with its photos. */
export async function deleteDraft(userId: number, key: string): Promise<boolean> {
  const tx = (await db()).transaction(["drafts", "photos"], "readwrite");
  const draft = await tx.objectStore("drafts").get(key);
  if (!draft || draft.userId !== userId) {
    await tx.done;
    return false;
  }
  await tx.objectStore("drafts").delete(key);
  const photos = tx.objectStore("photos");
  for (const fileKey of await photos.index("draftKey").getAllKeys(key)) await photos.delete(fileKey);
  await tx.done;
  return true;
}

// --- Photos -----------------------------------------------------------------------------------

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Adds a photo to a draft of this account (undefined when the draft is not this account's). */
export async function addPhoto(
  userId: number,
  draftKey: string,
  owner: DraftPhoto["owner"],
  blob: Blob,
  filename: string,
): Promise<DraftPhoto | undefined> {
  const sha256 = await sha256Hex(blob);
  const photo: DraftPhoto = {
    fileKey: crypto.randomUUID(),
    draftKey,
    userId,
    owner,
    filename,
    size: blob.size,
    type: blob.type || "application/octet-stream",
    sha256,
    blob,
    uploaded: false,
    createdAt: now(),
  };
  const tx = (await db()).transaction(["drafts", "photos"], "readwrite");
  const draft = await tx.objectStore("drafts").get(draftKey);
  if (!draft || draft.userId !== userId) {
    await tx.done;
    return undefined;
  }
  await tx.objectStore("photos").add(photo);
  await tx.done;
  return photo;
}

/** The photos of a draft of this account, oldest first. */
export async function photosOf(userId: number, draftKey: string): Promise<DraftPhoto[]> {
  const all = await (await db()).getAllFromIndex("photos", "draftKey", draftKey);
  return all.filter((p) => p.userId === userId).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}

export async function deletePhoto(userId: number, fileKey: string): Promise<void> {
  const tx = (await db()).transaction("photos", "readwrite");
  const photo = await tx.store.get(fileKey);
  if (photo?.userId === userId) await tx.store.delete(fileKey);
  await tx.done;
}

/** Deletes the photos that belonged to a finding or hidden danger that was removed. */
export async function deletePhotosOf(userId: number, draftKey: string, ownerId: string): Promise<void> {
  for (const p of await photosOf(userId, draftKey)) if (p.owner.id === ownerId) await deletePhoto(userId, p.fileKey);
}

export async function markPhotoUploaded(userId: number, fileKey: string, uploaded: boolean): Promise<void> {
  const tx = (await db()).transaction("photos", "readwrite");
  const photo = await tx.store.get(fileKey);
  if (photo?.userId === userId) await tx.store.put({ ...photo, uploaded });
  await tx.done;
}

// --- Recently viewed mines --------------------------------------------------------------------

/** Remembers that this account viewed a mine (most recent first, at most MAX_RECENT_MINES). */
export async function recordRecentMine(userId: number, code: string): Promise<void> {
  const tx = (await db()).transaction("recent", "readwrite");
  const codes = (await tx.store.get(userId))?.codes ?? [];
  await tx.store.put({ userId, codes: [code, ...codes.filter((c) => c !== code)].slice(0, MAX_RECENT_MINES) });
  await tx.done;
}

export async function recentMines(userId: number): Promise<string[]> {
  return (await (await db()).get("recent", userId))?.codes ?? [];
}

// --- Sign-out ---------------------------------------------------------------------------------

/** Deletes the whole database (every account's drafts, photos and packs on this device). */
export async function deleteDatabase(): Promise<void> {
  await close();
  await deleteDB(FIELD_DB_NAME);
}
