// The sync client's state machine (lib/field/sync.ts) against a test double of the network: a fake
// fetch that keeps uploads and submissions the way the contract (lib/field/contract.ts) describes,
// and can drop a connection, fail, refuse or answer with a conflict. The real round trip with the
// server is tests/e2e/field-offline.spec.ts.
import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { FIELD_API, UPLOAD_CHUNK_BYTES, type SyncRequest, type SyncResponse } from "@/lib/field/contract";
import * as store from "@/lib/field/store";
import { retryDelay, syncDrafts } from "@/lib/field/sync";

const mine = { name: "一矿", nameEn: null, type: "UNDERGROUND" as const };
const basis = { gradeId: 7, gradeLevel: 2, ruleVersionCode: "2020", jurisdiction: "14" };

interface FakeServer {
  fetch: typeof fetch;
  uploads: Map<string, Uint8Array>;
  recorded: Map<string, { id: number; request: SyncRequest }>;
  requests: { method: string; url: string }[];
  /** Called for each submission before it is recorded; an answer returned replaces the normal one. */
  onSubmit?: (req: SyncRequest) => { status: number; body: SyncResponse } | undefined;
  /** Drop the connection after the server handled the request (the answer never arrives). */
  dropAfter?: (method: string, url: string) => boolean;
  failWith?: (method: string, url: string) => number | undefined;
}

function fakeServer(): FakeServer {
  const server: FakeServer = {
    uploads: new Map(),
    recorded: new Map(),
    requests: [],
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? "GET";
      server.requests.push({ method, url });
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
      const fail = server.failWith?.(method, url);
      if (fail) return json(fail, { error: "x" });
      let answer: Response;
      const upload = /^\/api\/field\/uploads\/([^/]+)\/([^/?]+)(\?.*)?$/.exec(url);
      if (upload) {
        const id = `${upload[1]}/${upload[2]}`;
        const have = server.uploads.get(id) ?? new Uint8Array(0);
        if (method === "GET") {
          answer = server.uploads.has(id)
            ? json(200, { received: have.length, length: 0, complete: false })
            : json(404, { error: "none" });
        } else {
          const q = new URLSearchParams(upload[3]);
          const offset = Number(q.get("offset"));
          const length = Number(q.get("length"));
          const bytes = new Uint8Array(await (init?.body as Blob).arrayBuffer());
          if (bytes.length > UPLOAD_CHUNK_BYTES) return json(413, {});
          if (offset > have.length) {
            answer = json(409, { received: have.length, length, complete: false });
          } else {
            const next = new Uint8Array(Math.max(have.length, offset + bytes.length));
            next.set(have);
            next.set(bytes, offset);
            server.uploads.set(id, next);
            answer = json(200, { received: next.length, length, complete: next.length === length });
          }
        }
      } else if (url === FIELD_API.submit && method === "POST") {
        const req = JSON.parse(String(init?.body)) as SyncRequest;
        const first = server.recorded.get(req.key);
        const special = first ? undefined : server.onSubmit?.(req);
        if (first) {
          answer = json(200, {
            status: "recorded",
            spotCheckId: first.id,
            mineCode: "M1",
            url: "/s/1",
            replayed: true,
          });
        } else if (special) {
          answer = json(special.status, special.body);
        } else {
          const missing = req.files.filter((f) => server.uploads.get(`${req.key}/${f.fileKey}`)?.length !== f.size);
          if (missing.length > 0) {
            answer = json(409, {
              status: "missingFiles",
              files: missing.map((f) => ({ fileKey: f.fileKey, received: 0, size: f.size })),
            });
          } else {
            const id = server.recorded.size + 100;
            server.recorded.set(req.key, { id, request: req });
            answer = json(201, {
              status: "recorded",
              spotCheckId: id,
              mineCode: req.spotCheck.mineCode,
              url: `/s/${id}`,
              replayed: false,
            });
          }
        }
      } else {
        answer = json(404, {});
      }
      if (server.dropAfter?.(method, url)) throw new TypeError("Failed to fetch");
      return answer;
    }) as typeof fetch,
  };
  return server;
}

async function queuedDraft(userId = 1, photoBytes = 0) {
  const draft = await store.createDraft({ userId, mineCode: "M1", mine, basis, today: "2026-12-06" });
  await store.updateDraft(userId, draft.key, (d) => ({
    ...d,
    scores: { E01: "80", E02: "90" },
    notApplicable: { E03: true },
    findings: [{ id: "f1", elementCode: "E01", text: "no rails", severity: "GENERAL", rectifyBy: "" }],
    state: "sending",
  }));
  if (photoBytes > 0) {
    const bytes = new Uint8Array(photoBytes).map((_, i) => i % 251);
    await store.addPhoto(
      userId,
      draft.key,
      { kind: "finding", id: "f1" },
      new Blob([bytes], { type: "image/jpeg" }),
      "p.jpg",
    );
  }
  return draft.key;
}

beforeEach(async () => {
  await store.deleteDatabase();
});

describe("field sync", () => {
  it("uploads a photo in chunks, submits once and marks the draft sent", async () => {
    const server = fakeServer();
    const key = await queuedDraft(1, UPLOAD_CHUNK_BYTES * 2 + 10);
    const outcome = await syncDrafts(1, server.fetch);
    expect(outcome).toMatchObject({ recorded: 1, retry: false, signedOut: false });
    const puts = server.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(3);
    const draft = await store.getDraft(1, key);
    expect(draft?.state).toBe("sent");
    expect(draft?.sent?.spotCheckId).toBe(100);
    expect(await store.photosOf(1, key)).toEqual([]);
    const req = server.recorded.get(key)!.request;
    expect(req.spotCheck.scores).toEqual({ E01: 80, E02: 90, E03: null });
    expect(req.files).toHaveLength(1);
    expect(req.files[0].owner).toEqual({ kind: "finding", index: 0 });
  });

  it("resumes an upload from what the server already holds", async () => {
    const server = fakeServer();
    const key = await queuedDraft(1, UPLOAD_CHUNK_BYTES + 5);
    const [photo] = await store.photosOf(1, key);
    const bytes = new Uint8Array(await photo.blob.arrayBuffer());
    server.uploads.set(`${key}/${photo.fileKey}`, bytes.slice(0, UPLOAD_CHUNK_BYTES));
    await syncDrafts(1, server.fetch);
    const puts = server.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(1);
    expect(puts[0].url).toContain(`offset=${UPLOAD_CHUNK_BYTES}`);
    expect(server.uploads.get(`${key}/${photo.fileKey}`)).toEqual(bytes);
    expect((await store.getDraft(1, key))?.state).toBe("sent");
  });

  it("keeps a draft queued when the answer is lost, and the retry gets the first result", async () => {
    const server = fakeServer();
    const key = await queuedDraft(1, 100);
    let drops = 1;
    server.dropAfter = (method, url) => method === "POST" && url === FIELD_API.submit && drops-- > 0;
    const first = await syncDrafts(1, server.fetch);
    expect(first).toMatchObject({ recorded: 0, retry: true });
    expect((await store.getDraft(1, key))?.state).toBe("sending");
    expect(server.recorded.size).toBe(1);
    const second = await syncDrafts(1, server.fetch);
    expect(second).toMatchObject({ recorded: 1, retry: false });
    expect(server.recorded.size).toBe(1);
    expect((await store.getDraft(1, key))?.sent?.spotCheckId).toBe(100);
  });

  it("retries later on a server error and on a network failure", async () => {
    const server = fakeServer();
    const key = await queuedDraft();
    server.failWith = () => 503;
    expect(await syncDrafts(1, server.fetch)).toMatchObject({ retry: true, recorded: 0 });
    const draft = await store.getDraft(1, key);
    expect(draft?.state).toBe("sending");
    expect(draft?.lastAnswer).toMatchObject({ status: "error" });
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await syncDrafts(1, offline)).toMatchObject({ retry: true });
    server.failWith = undefined;
    expect(await syncDrafts(1, server.fetch)).toMatchObject({ recorded: 1 });
  });

  it("shows a conflict and sends nothing more until the inspector confirms", async () => {
    const server = fakeServer();
    const key = await queuedDraft();
    const changes = [{ kind: "grade" as const, was: { id: 7, level: 2 }, now: { id: 9, level: 3 } }];
    server.onSubmit = (req) =>
      req.confirm ? undefined : { status: 409, body: { status: "conflict", changes, confirmable: true } };
    await syncDrafts(1, server.fetch);
    let draft = await store.getDraft(1, key);
    expect(draft?.state).toBe("conflict");
    expect(draft?.lastAnswer).toEqual({ status: "conflict", changes, confirmable: true });
    expect(server.recorded.size).toBe(0);
    // A conflict is not queued: another run does not send it.
    const before = server.requests.length;
    await syncDrafts(1, server.fetch);
    expect(server.requests.length).toBe(before);
    // Record anyway.
    await store.updateDraft(1, key, (d) => ({ ...d, state: "sending", confirm: true }));
    await syncDrafts(1, server.fetch);
    draft = await store.getDraft(1, key);
    expect(draft?.state).toBe("sent");
    expect(server.recorded.get(key)?.request.confirm).toBe(true);
  });

  it("brings validation errors back onto the draft", async () => {
    const server = fakeServer();
    const key = await queuedDraft();
    server.onSubmit = () => ({
      status: 422,
      body: { status: "invalid", fieldErrors: { "findings.0.text": "required" } },
    });
    await syncDrafts(1, server.fetch);
    const draft = await store.getDraft(1, key);
    expect(draft?.state).toBe("invalid");
    expect(draft?.lastAnswer).toEqual({ status: "invalid", fieldErrors: { "findings.0.text": "required" } });
  });

  it("uploads again what the server says is missing", async () => {
    const server = fakeServer();
    const key = await queuedDraft(1, 50);
    const [photo] = await store.photosOf(1, key);
    await store.markPhotoUploaded(1, photo.fileKey, true);
    await syncDrafts(1, server.fetch);
    expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect((await store.getDraft(1, key))?.state).toBe("sent");
  });

  it("keeps the drafts when the session is gone", async () => {
    const server = fakeServer();
    const key = await queuedDraft();
    server.onSubmit = () => ({ status: 401, body: { status: "refused", reason: "signedOut" } });
    expect(await syncDrafts(1, server.fetch)).toMatchObject({ signedOut: true, recorded: 0 });
    expect((await store.getDraft(1, key))?.state).toBe("sending");
  });

  it("sends only the current account's drafts", async () => {
    const server = fakeServer();
    const mine = await queuedDraft(1);
    const theirs = await queuedDraft(2);
    await syncDrafts(1, server.fetch);
    expect([...server.recorded.keys()]).toEqual([mine]);
    expect((await store.getDraft(2, theirs))?.state).toBe("sending");
  });

  it("never runs twice at once", async () => {
    const server = fakeServer();
    await queuedDraft();
    const [a, b] = await Promise.all([syncDrafts(1, server.fetch), syncDrafts(1, server.fetch)]);
    expect([a.busy, b.busy].sort()).toEqual([false, true]);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("backs off from 5 seconds to at most 5 minutes", () => {
    expect(retryDelay(1)).toBe(5_000);
    expect(retryDelay(2)).toBe(10_000);
    expect(retryDelay(20)).toBe(300_000);
  });
});
