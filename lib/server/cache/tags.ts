import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { cacheLife, cacheTag, revalidateTag, updateTag } from "next/cache";
import { regionPath } from "@/lib/domain/region-code";
import { db as appDb } from "@/lib/server/db";
import { logger } from "@/lib/server/log/logger";
import { CACHE_PROFILES, type CacheProfile } from "./profiles";

// The one list of cache tags, and the one way to invalidate them.
//
// Reads that are the same for every reader who may see them are cached with "use cache" (metrics per
// scope, year and as-of date; the public register; a mine's facts; rule versions and reference data).
// Each cached function tags its entry with what it was computed from (cacheEntry below); each write
// says what it changed (invalidate below), after its transaction committed, and the next request
// computes the entries afresh. Authorization stays outside: a cached function takes only plain values
// (a scope code, a year, a date string, a mine code), and its caller has checked the reader first.

/** The whole country's scope ("") has no region code; its tag is "region:CN". */
const NATION = "CN";

export const TAGS = {
  /** Every figure of every scope (metrics, series, region comparisons). */
  metrics: "metrics",
  /** The figures of one scope: a region code, or "" for the nation. */
  region: (scope: string) => `region:${scope === "" ? NATION : scope}`,
  /** The public register's lists (grades in force, final decisions, provinces) and the public API. */
  register: "register",
  /** One mine, by its code: its facts and its public page. */
  mine: (code: string) => `mine:${code}`,
  /** Every mine's entries at once (a bulk import), instead of one tag per mine. */
  mines: "mines",
  /** Rule versions and their rules. */
  rules: "rules",
  /** Regions, authorities, the grading configuration and the working-day calendar. */
  reference: "reference",
  /** Every reader's inbox count: any write may add or settle an item in someone's inbox. */
  inbox: "inbox",
} as const;

/** The scopes whose figures a change in this county touches: the nation, its province, prefecture and itself. */
export function scopesOf(regionCode: string): string[] {
  return ["", ...regionPath(regionCode)];
}

/** What a write changed. */
export interface CacheChange {
  /** Mines whose facts, grades, checks, decisions or status changed, with the county each lies (or lay) in. */
  mines?: readonly { code: string; countyCode: string }[];
  /** Regions whose figures changed without a mine changing (e.g. a spot-check target of a region). */
  regions?: readonly string[];
  /** Every scope's figures (a change whose reach is not one region, e.g. a region's spot-check target). */
  allMetrics?: boolean;
  /** Every mine's entries (a bulk write); implies the register. */
  allMines?: boolean;
  /** The public register's lists (a grade announced or ended, a decision confirmed, a mine's public name). */
  register?: boolean;
  rules?: boolean;
  reference?: boolean;
}

/** The tags a change invalidates; exported for the unit test. */
export function tagsFor(change: CacheChange): string[] {
  const tags = new Set<string>();
  const regions = [...(change.regions ?? []), ...(change.mines ?? []).map((m) => m.countyCode)];
  for (const region of regions) for (const scope of scopesOf(region)) tags.add(TAGS.region(scope));
  for (const mine of change.mines ?? []) tags.add(TAGS.mine(mine.code));
  // A mine's change shows in the public lists too (its grade, its name, a decision).
  if (change.register || change.allMines || change.mines?.length) tags.add(TAGS.register);
  if (change.allMines) tags.add(TAGS.mines);
  if (change.allMetrics) tags.add(TAGS.metrics);
  if (change.rules) tags.add(TAGS.rules);
  if (change.reference) tags.add(TAGS.reference);
  // Whatever a write changed, some reader's inbox may count it (a proposal, a step, a reply, a finding).
  tags.add(TAGS.inbox);
  return [...tags];
}

/**
 * Invalidates what a write changed, so that the very next request reads the change (no stale read).
 * In a server action: updateTag (read-your-writes: the action's own response renders the new data).
 * Elsewhere in a request (a route handler): revalidateTag with an immediate expiry, not "max" (which
 * would serve the old entry once more while recomputing it). Outside any request (integration tests,
 * command-line scripts) this process holds no cached entry, so there is nothing to invalidate here.
 * Services call it after their transaction committed, so no reader can cache the old rows afresh.
 */
export function invalidate(change: CacheChange): void {
  for (const tag of tagsFor(change)) expireTag(tag);
}

function expireTag(tag: string): void {
  try {
    updateTag(tag);
    return;
  } catch {
    // Not a server action: fall through.
  }
  try {
    revalidateTag(tag, { expire: 0 });
  } catch (e) {
    // Only outside Next.js's request handling (no work store): nothing cached in this process.
    if (e instanceof Error && e.message.includes("static generation store missing")) return;
    logger.error({ err: e, tag }, "cache tag invalidation failed");
    throw e;
  }
}

/**
 * Tags the current "use cache" entry and bounds its life. Outside Next.js (vitest, scripts) "use cache"
 * is an inert string and cacheTag would throw: the function then simply runs, uncached.
 */
export function cacheEntry(profile: CacheProfile, ...tags: string[]): void {
  if (!process.env.__NEXT_USE_CACHE) return;
  cacheLife(CACHE_PROFILES[profile]);
  cacheTag(...tags);
}

/** A write's result, once its transaction committed, after invalidating what `change` says it changed. */
export async function afterCommit<T>(write: Promise<T>, change: (result: T) => CacheChange): Promise<T> {
  const result = await write;
  invalidate(change(result));
  return result;
}

/**
 * Whether a read may go through the cache: only reads of the app's own database outside a
 * transaction (a test's own database, or a transaction that must see its own uncommitted rows, is
 * read directly).
 */
export function cacheable(db: unknown): boolean {
  return db === undefined || db === appDb;
}

/**
 * Next.js registers every "use cache" function as a server reference, and its action endpoint runs
 * one for anyone who posts its id with arguments of their choosing, bypassing the caller's checks
 * (tests/e2e/security/authorization-actions.spec.ts proves that this guard stops it). So each cached
 * function takes this value first and refuses to run without it: only the server's own code knows it.
 * Derived from AUTH_SECRET, so that every instance of the portal computes the same cache keys without
 * the secret itself ever being part of one; random per process when there is no AUTH_SECRET.
 */
export function cacheGuard(): string {
  const holder = globalThis as unknown as { portalCacheGuard?: string };
  const secret = process.env.AUTH_SECRET;
  holder.portalCacheGuard ??= secret
    ? createHmac("sha256", secret).update("use-cache-guard").digest("base64url")
    : randomBytes(32).toString("base64url");
  return holder.portalCacheGuard;
}

/** The first line of every cached function: refuses a call that did not come from the server's own code. */
export function checkCacheGuard(guard: unknown): void {
  if (guard !== cacheGuard()) throw new Error("A cached read was called from outside the server's own code.");
}
