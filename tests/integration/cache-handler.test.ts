// The "use cache" handler shared by several instances (lib/server/cache/tag-cache-handler.mjs,
// issue 14.5): two handlers with separate memories stand for two instances of the portal on one
// database. A tag invalidated through one is seen by the other at its next request (refreshTags,
// which Next calls before a request's first cache read), on the test PostgreSQL and on the embedded
// database of `npm run dev` / `npm start`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CacheEntry } from "next/dist/server/lib/cache-handlers/types";
import { createTagCacheHandler, type TagCacheHandler } from "@/lib/server/cache/tag-cache-handler.mjs";
import { createRouteCacheHandler } from "@/lib/server/cache/route-cache-handler.mjs";
import { areTagsExpired } from "next/dist/server/lib/incremental-cache/tags-manifest.external";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/scripts/lib/embedded-db.mjs";
import { databaseUrl } from "../support/db";

function entry(tags: string[], text: string): Promise<CacheEntry> {
  const bytes = new TextEncoder().encode(text);
  return Promise.resolve({
    value: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
    tags,
    stale: 300,
    timestamp: performance.timeOrigin + performance.now(),
    revalidate: 900,
    expire: 3600,
  });
}

async function read(handler: TagCacheHandler, key: string): Promise<{ text: string; revalidate: number } | undefined> {
  const found = await handler.get(key, []);
  if (!found) return undefined;
  return { text: await new Response(found.value).text(), revalidate: found.revalidate };
}

/** A request on an instance: Next refreshes the tags before the request's first cache read. */
async function request(handler: TagCacheHandler, key: string) {
  await handler.refreshTags();
  return read(handler, key);
}

let n = 0;
const unique = (name: string) => `${name}:${process.pid}:${Date.now()}:${n++}`;

function twoInstances(url: () => string) {
  let a: TagCacheHandler;
  let b: TagCacheHandler;
  beforeAll(async () => {
    a = createTagCacheHandler({ databaseUrl: url(), mirrorToNext: false });
    b = createTagCacheHandler({ databaseUrl: url(), mirrorToNext: false });
    // Each instance's first request.
    await Promise.all([a.refreshTags(), b.refreshTags()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("updateTags on one instance: the other's entry with that tag is gone at its next request", async () => {
    const tag = unique("mine");
    const other = unique("region");
    await b.set("register", entry([tag, "register"], "before the write"));
    await b.set("elsewhere", entry([other], "untouched"));
    await a.set("register", entry([tag, "register"], "before the write"));
    expect(await request(b, "register")).toEqual({ text: "before the write", revalidate: 900 });
    expect(await b.getExpiration([tag])).toBe(0);

    await a.updateTags([tag]);

    expect(await request(a, "register")).toBeUndefined();
    expect(await request(b, "register")).toBeUndefined();
    expect(await b.getExpiration([tag])).toBeGreaterThan(0);
    expect(await b.getExpiration([tag])).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
    // A tag that was not invalidated keeps its entry.
    expect(await request(b, "elsewhere")).toEqual({ text: "untouched", revalidate: 900 });
    // What the next request computes again is cached again, and served.
    await b.set("register", entry([tag, "register"], "after the write"));
    expect(await request(b, "register")).toEqual({ text: "after the write", revalidate: 900 });
    expect(await request(b, "register")).toEqual({ text: "after the write", revalidate: 900 });
  });

  it("revalidateTag with a profile: the other instance serves its entry once more as stale, to be recomputed", async () => {
    const tag = unique("rules");
    await b.set("rules", entry([tag], "rules v1"));
    expect((await request(b, "rules"))?.revalidate).toBe(900);

    await a.updateTags([tag], { expire: 3600 });

    expect(await request(b, "rules")).toEqual({ text: "rules v1", revalidate: -1 });
    // Expired only when the profile's expire has passed.
    expect(await b.getExpiration([tag])).toBeGreaterThan(performance.timeOrigin + performance.now() + 3_000_000);
  });

  it("a request that starts while another's look is under way still sees a write that came before it", async () => {
    const tag = unique("metrics");
    await b.set("dashboard", entry([tag], "figures v1"));
    const underWay = b.refreshTags(); // may have read the table before the write below
    await a.updateTags([tag]);
    const next = request(b, "dashboard");
    await underWay;
    expect(await next).toBeUndefined();
  });

  it("an instance started after a write knows of it: what the build prerendered before it is stale", async () => {
    const tag = unique("register");
    const builtAt = performance.timeOrigin + performance.now();
    await a.updateTags([tag]);
    const late = createTagCacheHandler({ databaseUrl: url(), mirrorToNext: false });
    try {
      await late.refreshTags();
      const expiredAt = await late.getExpiration([tag]);
      expect(expiredAt).toBeGreaterThan(builtAt - 5_000); // the database's clock and this one agree within seconds
      expect(expiredAt).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
      expect(await late.getExpiration([unique("never-invalidated")])).toBe(0);
      // What it caches from now on is served.
      await late.set("register", entry([tag], "fresh"));
      expect(await request(late, "register")).toEqual({ text: "fresh", revalidate: 900 });
    } finally {
      await late.close();
    }
  });

  it("an instance applies each invalidation once: what it cached after learning of it stays", async () => {
    const tag = unique("mine");
    await a.updateTags([tag]);
    await b.refreshTags();
    await b.set("profile", entry([tag], "after"));
    // Later requests look again; the rows within the look-back overlap are not applied twice.
    for (let i = 0; i < 3; i++) expect(await request(b, "profile")).toEqual({ text: "after", revalidate: 900 });
  });
}

describe("on PostgreSQL", () => {
  twoInstances(databaseUrl);

  it("the route cache (prerendered pages) learns another instance's invalidation before it reads", async () => {
    const a = createTagCacheHandler({ databaseUrl: databaseUrl(), mirrorToNext: false });
    const b = createTagCacheHandler({ databaseUrl: databaseUrl() }); // into Next's tag manifest, as in the server
    const RouteCache = createRouteCacheHandler(b);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-cache-"));
    const cacheFs = {
      existsSync: fs.existsSync,
      readFile: (f: string) => fs.promises.readFile(f),
      readFileSync: (f: string) => fs.readFileSync(f),
      writeFile: (f: string, d: Buffer | string) => fs.promises.writeFile(f, d),
      mkdir: (d: string) => fs.promises.mkdir(d, { recursive: true }),
      stat: (f: string) => fs.promises.stat(f),
    };
    try {
      await b.refreshTags();
      const tag = unique("register");
      const pageMadeAt = performance.timeOrigin + performance.now();
      await a.updateTags([tag]);
      expect(areTagsExpired([tag], pageMadeAt)).toBe(false);
      const routes = new RouteCache({ fs: cacheFs, serverDistDir: dir, maxMemoryCacheSize: 0, flushToDisk: false });
      await routes.get("/register", { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false });
      expect(areTagsExpired([tag], pageMadeAt)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await a.close();
      await b.close();
    }
  });
});

describe("on the embedded database (npm run dev / npm start)", () => {
  let embedded: EmbeddedDatabase;
  let url = "";
  beforeAll(async () => {
    embedded = await startEmbeddedDatabase({ port: 0 });
    url = `postgresql://postgres:postgres@127.0.0.1:${embedded.port}/postgres?sslmode=disable`;
    const migrations = path.join(import.meta.dirname, "../../prisma/migrations");
    const dir = fs.readdirSync(migrations).find((d) => d.endsWith("_cache_tag_invalidation"));
    await embedded.db.exec(fs.readFileSync(path.join(migrations, dir!, "migration.sql"), "utf8"));
  });
  afterAll(() => embedded?.stop());
  twoInstances(() => url);
});
