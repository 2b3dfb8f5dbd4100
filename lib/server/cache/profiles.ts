// Cache lifetimes of the "use cache" entries (cacheEntry in lib/server/cache/tags.ts passes them to
// cacheLife). Writes invalidate entries by tag at once; a lifetime
// only bounds how long an entry nobody invalidated may live: one written by another process's write
// (until the instances share their invalidations), or one keyed by a "today" that has since rolled
// over.
// stale: how long a browser may reuse it; revalidate: when the server recomputes it in the
// background; expire: when it is dropped (all in seconds).

export const CACHE_PROFILES = {
  /** Metrics, series and region comparisons per (scope, year, as-of date). */
  figures: { stale: 60, revalidate: 300, expire: 3600 },
  /** The public register's lists, public mine pages, a mine's facts. */
  register: { stale: 60, revalidate: 300, expire: 3600 },
  /**
   * A reader's inbox count in the header, per reader and day. Every write through the portal expires it
   * (tag "inbox"); a write outside a request (a scheduled job in the worker) cannot, so it lives briefly.
   */
  inbox: { stale: 30, revalidate: 60, expire: 300 },
  /** Rule versions, regions, authorities, the grading configuration and the calendar. */
  reference: { stale: 300, revalidate: 3600, expire: 86_400 },
} as const;

export type CacheProfile = keyof typeof CACHE_PROFILES;
