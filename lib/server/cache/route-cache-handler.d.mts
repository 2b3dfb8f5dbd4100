// Types of route-cache-handler.mjs (plain JavaScript, which Next.js imports at run time).
import type { TagCacheHandler } from "./tag-cache-handler.mjs";

export interface RouteCacheHandlerContext {
  fs?: unknown;
  dev?: boolean;
  flushToDisk?: boolean;
  serverDistDir?: string;
  maxMemoryCacheSize?: number;
  revalidatedTags?: string[];
}

export interface RouteCacheHandlerInstance {
  get(key: string, ctx: Record<string, unknown>): Promise<unknown>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}

export declare function createRouteCacheHandler(
  tagHandler: TagCacheHandler,
): new (ctx: RouteCacheHandlerContext) => RouteCacheHandlerInstance;

declare const RouteCacheHandler: new (ctx: RouteCacheHandlerContext) => RouteCacheHandlerInstance;
export default RouteCacheHandler;
