// The memory side of the "use cache" handler (lib/server/cache/tag-cache-handler.mjs): bounded by
// size, least recently used out first; and when the shared tags cannot be read, nothing cached is
// served (another instance's write could not be seen).
import net from "node:net";
import { describe, expect, it } from "vitest";
import type { CacheEntry } from "next/dist/server/lib/cache-handlers/types";
import { SizeLru, createTagCacheHandler } from "@/lib/server/cache/tag-cache-handler.mjs";

function entry(tags: string[], bytes: number): Promise<CacheEntry> {
  return Promise.resolve({
    value: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(bytes).fill(65));
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

describe("SizeLru", () => {
  it("keeps the total size within its bound, dropping the least recently used first", () => {
    const lru = new SizeLru<{ size: number }>(100);
    lru.set("a", { size: 39 });
    lru.set("b", { size: 39 });
    expect(lru.get("a")).toBeDefined(); // a is now the most recently used
    lru.set("c", { size: 39 });
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBeDefined();
    expect(lru.get("c")).toBeDefined();
    expect(lru.bytes).toBe(80);
    lru.set("huge", { size: 500 });
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.bytes).toBeLessThanOrEqual(100);
  });
});

describe("the cache handler's memory", () => {
  it("serves what it stored, evicts beyond its size and drops an entry whose tag this instance invalidated", async () => {
    const handler = createTagCacheHandler({ databaseUrl: null, maxBytes: 10_000, mirrorToNext: false });
    await handler.set("one", entry(["t1"], 4000));
    await handler.set("two", entry(["t2"], 4000));
    expect(await new Response((await handler.get("one", []))!.value).text()).toBe("A".repeat(4000));
    await handler.set("three", entry(["t3"], 4000));
    expect(await handler.get("two", [])).toBeUndefined();
    expect(handler.stats().bytes).toBeLessThanOrEqual(10_000);
    await handler.updateTags(["t1"]);
    expect(await handler.get("one", [])).toBeUndefined();
    expect(await handler.get("three", [])).toBeDefined();
  });

  it("empties itself when the database cannot tell it the other instances' invalidations", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const handler = createTagCacheHandler({
      databaseUrl: `postgresql://nobody@127.0.0.1:${port}/none`,
      mirrorToNext: false,
    });
    await handler.set("page", entry(["t"], 10));
    expect(await handler.get("page", [])).toBeDefined();
    await expect(handler.refreshTags()).resolves.toBeUndefined();
    expect(await handler.get("page", [])).toBeUndefined();
    await handler.close();
  });
});
