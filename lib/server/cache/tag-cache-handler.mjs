// The "use cache" handler of the portal (next.config.ts `cacheHandlers`), for one instance or several
// behind a proxy on one PostgreSQL (issue 14.5).
//
// Entries stay in this process's memory, in an LRU bounded by size (CACHE_MAX_MB, 50 MiB by default,
// Next's own default). Tag invalidations are shared through the database: updateTags (what updateTag
// and revalidateTag call) records each tag in "CacheTagInvalidation", and refreshTags, which Next
// calls once per request before that request's first cache read, asks the database for the tags
// changed since this instance last asked (one indexed query). So a write that has returned on one
// instance is seen by the next request on every instance: no clock, channel or timing is trusted.
// Concurrent requests share that query: a request joins a query that has not started yet, never one
// already under way (which might not see a write that committed after it began).
//
// Why not LISTEN/NOTIFY: a notification arrives some time after the commit, so the next request on
// another instance could still be served the old entry; and the embedded database of `npm run dev` /
// `npm start` (PGlite, one session shared by every connection) cannot hold a listening connection.
// The query works the same on both, and on a single instance it is the only cost.
//
// An invalidation learnt from another instance takes effect at the moment it is learnt, by this
// process's clock: every entry this process made before then is dropped (or, for revalidateTag with
// a profile, served once more while it is recomputed), whatever the clocks of the machines say.
// Invalidations are also copied into Next's own tag manifest, which its route cache (prerendered
// pages) and fetch cache consult. Written in plain JavaScript because Next imports it at run time
// (`next start` and the standalone server, whose build traces it and its imports); types in the .d.mts.
import { createRequire } from "node:module";
import pg from "pg";
import pino from "pino";

/** Rows changed this long before the last look are asked for again: a row's time is taken before its commit. */
const OVERLAP_MS = 10_000;

const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { pid: process.pid, module: "cache-handler" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

// Not rounded: an entry made after an invalidation was applied must have a later timestamp.
const now = () => performance.timeOrigin + performance.now();

/** Next's tag manifest (route and fetch caches), when running inside Next.js; undefined elsewhere. */
function nextTagsManifest() {
  try {
    const require = createRequire(import.meta.url);
    return require("next/dist/server/lib/incremental-cache/tags-manifest.external.js").tagsManifest;
  } catch {
    return undefined;
  }
}

async function streamToBuffer(stream) {
  const chunks = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function streamFromBuffer(buffer) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(buffer));
      controller.close();
    },
  });
}

/** A Map in recency order, bounded by the total size of its values. */
export class SizeLru {
  #map = new Map();
  #bytes = 0;
  #max;

  constructor(maxBytes) {
    this.#max = maxBytes;
  }

  get bytes() {
    return this.#bytes;
  }

  get size() {
    return this.#map.size;
  }

  get(key) {
    const item = this.#map.get(key);
    if (!item) return undefined;
    this.#map.delete(key);
    this.#map.set(key, item);
    return item;
  }

  set(key, item) {
    this.delete(key);
    const size = item.size + key.length;
    if (size > this.#max) return; // larger than the whole cache: not kept
    this.#map.set(key, { ...item, size });
    this.#bytes += size;
    for (const [oldest, old] of this.#map) {
      if (this.#bytes <= this.#max) break;
      this.#map.delete(oldest);
      this.#bytes -= old.size;
    }
  }

  delete(key) {
    const item = this.#map.get(key);
    if (!item) return;
    this.#map.delete(key);
    this.#bytes -= item.size;
  }

  clear() {
    this.#map.clear();
    this.#bytes = 0;
  }
}

/** Applies one invalidation at time `at` (ms) to a tag manifest: {stale?, expired?} per tag, as Next's. */
function apply(manifest, tag, at, stale, expireSeconds) {
  const entry = { ...manifest.get(tag) };
  if (stale) {
    entry.stale = at;
    if (expireSeconds !== null && expireSeconds !== undefined) entry.expired = at + expireSeconds * 1000;
  } else {
    entry.expired = at;
  }
  manifest.set(tag, entry);
}

/**
 * A cache handler. `databaseUrl` null: tags stay in this process (the build, or no database).
 * @param {{ databaseUrl?: string | null, maxBytes?: number, mirrorToNext?: boolean }} [options]
 */
export function createTagCacheHandler(options = {}) {
  const databaseUrl =
    options.databaseUrl !== undefined
      ? options.databaseUrl
      : process.env.NEXT_PHASE === "phase-production-build"
        ? null
        : (process.env.DATABASE_URL ?? null);
  const maxBytes = options.maxBytes ?? Number(process.env.CACHE_MAX_MB ?? 50) * 1024 * 1024;
  const memory = new SizeLru(maxBytes);
  const pendingSets = new Map();
  /** tag → { stale?, expired? } in ms by this process's clock. */
  const manifest = new Map();
  const mirror = options.mirrorToNext === false ? undefined : nextTagsManifest();
  let pool;

  // What this instance has seen of the table: the database time of its last look, and the rows
  // (tag → changedAt in µs) it has applied within the overlap, so none is applied twice.
  let since = null;
  const applied = new Map();
  /** Invalidations this instance could not record (database unreachable): retried at the next look. */
  let unrecorded = [];
  let lastWarning = 0;

  function warn(err, msg) {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    log.warn({ reason: String(err?.message ?? err).split("\n")[0] }, msg);
  }

  function db() {
    if (!pool) {
      pool = new pg.Pool({
        connectionString: databaseUrl,
        max: 2,
        connectionTimeoutMillis: 10_000,
        idleTimeoutMillis: 30_000,
        keepAlive: true,
        application_name: "grading-portal-cache",
      });
      pool.on("error", (err) => warn(err, "cache tag connection lost; the next query reconnects"));
    }
    return pool;
  }

  function applyLocally(tag, at, stale, expireSeconds) {
    apply(manifest, tag, at, stale, expireSeconds);
    if (mirror) apply(mirror, tag, at, stale, expireSeconds);
  }

  async function record({ tags, stale, expireSeconds }) {
    const { rows } = await db().query(
      `INSERT INTO "CacheTagInvalidation" (tag, "changedAt", stale, "expireSeconds")
       SELECT t, clock_timestamp(), $2, $3 FROM unnest($1::text[]) AS t
       ON CONFLICT (tag) DO UPDATE
         SET "changedAt" = excluded."changedAt", stale = excluded.stale, "expireSeconds" = excluded."expireSeconds"
       RETURNING tag, (extract(epoch FROM "changedAt") * 1000000)::bigint::text AS at`,
      [tags, stale, expireSeconds],
    );
    // This instance applied them when they were made: its own look must not apply them again.
    for (const row of rows) applied.set(row.tag, Number(row.at));
  }

  async function look() {
    if (unrecorded.length) {
      const retry = unrecorded;
      unrecorded = [];
      for (const item of retry) await record(item);
    }
    const { rows } = await db().query(
      `SELECT c.tag, c.stale, c."expireSeconds", (extract(epoch FROM c."changedAt") * 1000000)::bigint::text AS at,
              (extract(epoch FROM s.looked) * 1000000)::bigint::text AS looked
       FROM (SELECT statement_timestamp() AS looked) AS s
       LEFT JOIN "CacheTagInvalidation" AS c
         ON c."changedAt" > coalesce(to_timestamp($1::float8 / 1000000) - $2::float8 * interval '1 millisecond', '-infinity')`,
      [since === null ? null : String(since), OVERLAP_MS],
    );
    const learnt = now();
    const first = since === null;
    let looked = since;
    for (const row of rows) {
      looked = Number(row.looked);
      if (row.tag === null) continue;
      const at = Number(row.at);
      if (applied.get(row.tag) === at) continue;
      applied.set(row.tag, at);
      // The first look reads the whole table: this process holds no "use cache" entry yet, but the
      // route cache may hold pages prerendered by the build, before these invalidations. Those take
      // effect when they were made (by the database's clock, never later than now here).
      const when = first ? Math.min(at / 1000, learnt) : learnt;
      applyLocally(row.tag, when, row.stale, row.expireSeconds);
    }
    since = looked;
    const horizon = since - 2 * OVERLAP_MS * 1000;
    for (const [tag, at] of applied) if (at < horizon) applied.delete(tag);
  }

  // One look at a time; callers that arrive while one runs share the next one.
  let running = null;
  let queued = null;
  function startLook() {
    running = look()
      .catch((err) => {
        // Without the other instances' invalidations nothing cached here can be trusted.
        memory.clear();
        warn(err, "cache tags could not be read; the in-memory cache was emptied");
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    async get(cacheKey) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      const item = memory.get(cacheKey);
      if (!item) return undefined;
      const entry = item.entry;
      if (entry.expire < 0) return undefined;
      if (now() > entry.timestamp + entry.revalidate * 1000) return undefined;
      let revalidate = entry.revalidate;
      for (const tag of entry.tags) {
        const t = manifest.get(tag);
        if (t?.expired !== undefined && t.expired <= now() && t.expired > entry.timestamp) {
          memory.delete(cacheKey);
          return undefined;
        }
        if ((t?.stale ?? 0) > entry.timestamp) revalidate = -1;
      }
      return { ...entry, revalidate, value: streamFromBuffer(item.value) };
    },

    async set(cacheKey, pendingEntry) {
      let done = () => {};
      pendingSets.set(
        cacheKey,
        new Promise((resolve) => {
          done = resolve;
        }),
      );
      try {
        const entry = await pendingEntry;
        // expire 0 is dynamic: Next regenerates it at every read, so it is not kept.
        if (entry.expire === 0 && !process.env.__NEXT_DEV_SERVER) return;
        const value = await streamToBuffer(entry.value);
        const metadata = { ...entry };
        delete metadata.value; // the stream is not kept (Next's CacheEntry contract)
        memory.set(cacheKey, { entry: metadata, value, size: value.byteLength });
      } catch (err) {
        log.debug({ cacheKey, reason: String(err) }, "cache entry not stored");
      } finally {
        done();
        pendingSets.delete(cacheKey);
      }
    },

    refreshTags() {
      if (databaseUrl === null) return Promise.resolve();
      if (!running) return startLook();
      queued ??= running.then(() => {
        queued = null;
        return startLook();
      });
      return queued;
    },

    async getExpiration(tags) {
      let latest = 0;
      for (const tag of tags) latest = Math.max(latest, manifest.get(tag)?.expired ?? 0);
      return latest;
    },

    async updateTags(tags, durations) {
      if (tags.length === 0) return;
      const stale = durations !== undefined;
      const expireSeconds = durations?.expire ?? null;
      const at = now();
      for (const tag of tags) applyLocally(tag, at, stale, expireSeconds);
      if (databaseUrl === null) return;
      try {
        await record({ tags, stale, expireSeconds });
      } catch (err) {
        unrecorded.push({ tags, stale, expireSeconds });
        warn(err, "cache tag invalidation not recorded; retried at the next request");
      }
    },

    /** For tests and the benchmark: what the memory holds. */
    stats() {
      return { entries: memory.size, bytes: memory.bytes, tags: manifest.size };
    },

    /** Closes the database connections (tests). */
    async close() {
      await pool?.end();
      pool = undefined;
    },
  };
}

const handler = createTagCacheHandler();
export default handler;
