// Types of tag-cache-handler.mjs (plain JavaScript, which Next.js imports at run time).
import type { CacheHandler } from "next/dist/server/lib/cache-handlers/types";

export declare class SizeLru<T extends { size: number }> {
  constructor(maxBytes: number);
  readonly bytes: number;
  readonly size: number;
  get(key: string): T | undefined;
  set(key: string, item: T): void;
  delete(key: string): void;
  clear(): void;
}

export interface TagCacheHandler extends CacheHandler {
  stats(): { entries: number; bytes: number; tags: number };
  close(): Promise<void>;
}

export declare function createTagCacheHandler(options?: {
  databaseUrl?: string | null;
  maxBytes?: number;
  mirrorToNext?: boolean;
}): TagCacheHandler;

declare const handler: TagCacheHandler;
export default handler;
