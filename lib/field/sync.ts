// The field app's sync client (issue 16.3): sends the finished drafts of the current account when the
// network is there. Per draft: each photo in chunks of UPLOAD_CHUNK_BYTES, resumed from what the
// server already has, then the submission (SyncRequest), whose answer (SyncResponse) moves the draft:
// recorded → sent; conflict → waits for the inspector; invalid → waits for an edit; missingFiles →
// the photos go again; signed out, a network failure or a server error → tried again later. The key
// of the draft makes a repeated submission harmless: the server answers it with the first result.
import { FIELD_API, UPLOAD_CHUNK_BYTES, type SyncResponse, type UploadStatus } from "./contract";
import { toSyncRequest } from "./payload";
import * as store from "./store";

/** What a run did, for the app's status line and its retry timer. */
export interface SyncOutcome {
  /** Another run (this tab's or another's) was going on: nothing was done. */
  busy: boolean;
  /** The session is gone: the drafts stay, the inspector signs in again. */
  signedOut: boolean;
  /** Something failed that may succeed later (the network, a server error): try again. */
  retry: boolean;
  recorded: number;
  attempted: number;
}

type Fetch = typeof fetch;

class SignedOut extends Error {}
class Retryable extends Error {}

async function answerJson<T>(res: Response): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new Retryable(`unreadable answer (${res.status})`);
  }
}

/** How much of a photo the server holds (0 when it has none). */
async function uploadStatus(fetchFn: Fetch, key: string, photo: store.DraftPhoto): Promise<UploadStatus> {
  const res = await fetchFn(FIELD_API.upload(key, photo.fileKey), { method: "GET", cache: "no-store" });
  if (res.status === 404) return { received: 0, length: photo.size, complete: false };
  if (res.status === 401) throw new SignedOut();
  if (!res.ok) throw new Retryable(`upload status ${res.status}`);
  return answerJson<UploadStatus>(res);
}

/** Sends the rest of one photo, chunk by chunk, from what the server says it has. */
export async function uploadPhoto(fetchFn: Fetch, key: string, photo: store.DraftPhoto): Promise<void> {
  let status = await uploadStatus(fetchFn, key, photo);
  // Each pass sends one chunk; a 409 moves the offset to what the server holds. Bounded, so a server
  // that never moves cannot hold the client in a loop.
  const passes = Math.ceil(photo.size / UPLOAD_CHUNK_BYTES) * 2 + 4;
  for (let i = 0; i < passes && !status.complete; i++) {
    const offset = status.received;
    if (offset >= photo.size) break;
    const chunk = photo.blob.slice(offset, Math.min(offset + UPLOAD_CHUNK_BYTES, photo.size));
    const query = new URLSearchParams({
      offset: String(offset),
      length: String(photo.size),
      sha256: photo.sha256,
      name: photo.filename,
    });
    const res = await fetchFn(`${FIELD_API.upload(key, photo.fileKey)}?${query}`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: chunk,
    });
    if (res.status === 401) throw new SignedOut();
    if (res.status === 409 || res.ok) {
      status = await answerJson<UploadStatus>(res);
      continue;
    }
    throw new Retryable(`upload ${res.status}`);
  }
  if (!status.complete) throw new Retryable("upload incomplete");
}

/** Sends one draft: its photos, then the submission. Returns what the server answered. */
async function sendDraft(fetchFn: Fetch, userId: number, draft: store.Draft): Promise<SyncResponse> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const photos = await store.photosOf(userId, draft.key);
    const request = toSyncRequest(draft, photos);
    const sent = new Set(request.files.map((f) => f.fileKey));
    for (const photo of photos) {
      if (photo.uploaded || !sent.has(photo.fileKey)) continue;
      await uploadPhoto(fetchFn, draft.key, photo);
      await store.markPhotoUploaded(userId, photo.fileKey, true);
    }
    const res = await fetchFn(FIELD_API.submit, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
      cache: "no-store",
    });
    if (res.status >= 500) throw new Retryable(`submit ${res.status}`);
    const answer = await answerJson<SyncResponse>(res);
    if (!answer || typeof answer !== "object" || !("status" in answer)) throw new Retryable("unknown answer");
    if (answer.status === "missingFiles" && attempt === 0) {
      // The server lacks some bytes: upload those photos again (from what it has), then resubmit once.
      for (const f of answer.files) await store.markPhotoUploaded(userId, f.fileKey, false);
      continue;
    }
    return answer;
  }
  throw new Retryable("files still missing");
}

/** Applies the server's answer to the draft. Returns whether it was recorded, or signed out. */
async function applyAnswer(
  userId: number,
  draft: store.Draft,
  answer: SyncResponse,
): Promise<"recorded" | "signedOut" | "retry" | "kept"> {
  switch (answer.status) {
    case "recorded": {
      await store.updateDraft(userId, draft.key, (d) => ({
        ...d,
        state: "sent",
        lastAnswer: answer,
        sent: { spotCheckId: answer.spotCheckId, url: answer.url, at: new Date().toISOString() },
      }));
      // Recorded: the photos are on the server, their copies here can go.
      for (const p of await store.photosOf(userId, draft.key)) await store.deletePhoto(userId, p.fileKey);
      return "recorded";
    }
    case "conflict":
      await store.updateDraft(userId, draft.key, (d) => ({
        ...d,
        state: "conflict",
        confirm: false,
        lastAnswer: answer,
      }));
      return "kept";
    case "invalid":
      await store.updateDraft(userId, draft.key, (d) => ({
        ...d,
        state: "invalid",
        confirm: false,
        lastAnswer: answer,
      }));
      return "kept";
    case "missingFiles":
      await store.updateDraft(userId, draft.key, (d) => ({ ...d, lastAnswer: answer }));
      return "retry";
    case "refused":
      if (answer.reason === "signedOut") return "signedOut";
      // Another account's draft, a key used by another account, or a mine no longer reachable:
      // sending it again would get the same answer. It waits for the inspector (who may discard it).
      await store.updateDraft(userId, draft.key, (d) => ({ ...d, state: "invalid", lastAnswer: answer }));
      return "kept";
  }
}

/** The run itself: every finished draft of the account, one after another. */
async function run(userId: number, fetchFn: Fetch): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { busy: false, signedOut: false, retry: false, recorded: 0, attempted: 0 };
  const queued = (await store.listDrafts(userId)).filter((d) => d.state === "sending").reverse();
  for (const draft of queued) {
    outcome.attempted++;
    try {
      const result = await applyAnswer(userId, draft, await sendDraft(fetchFn, userId, draft));
      if (result === "recorded") outcome.recorded++;
      if (result === "retry") outcome.retry = true;
      if (result === "signedOut") {
        outcome.signedOut = true;
        break;
      }
    } catch (e) {
      if (e instanceof SignedOut) {
        outcome.signedOut = true;
        break;
      }
      // A network failure (fetch rejects), a server error: the draft stays queued.
      outcome.retry = true;
      const message = e instanceof Error ? e.message : String(e);
      await store.updateDraft(userId, draft.key, (d) => ({ ...d, lastAnswer: { status: "error", message } }));
    }
  }
  return outcome;
}

let running = false;
const LOCK = "coal-grading-field-sync";

/**
 * Sends the account's finished drafts. Never two runs at once: across tabs through the Web Locks API
 * (a run finding the lock held does nothing and says busy), and within this page by a flag.
 */
export async function syncDrafts(userId: number, fetchFn: Fetch = fetch): Promise<SyncOutcome> {
  const busy: SyncOutcome = { busy: true, signedOut: false, retry: false, recorded: 0, attempted: 0 };
  if (running) return busy;
  running = true;
  try {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (!locks) return await run(userId, fetchFn);
    return await locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? run(userId, fetchFn) : busy));
  } finally {
    running = false;
  }
}

/** The wait before the next retry after `failures` failed runs in a row: 5 s doubling, at most 5 min. */
export function retryDelay(failures: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failures - 1), 300_000);
}
