// The route cache handler of the portal (next.config.ts `cacheHandler`): Next's own file-system
// cache for prerendered pages, route handlers and fetches, which first asks the database for the tags
// other instances invalidated (tag-cache-handler.mjs, the same instance that serves "use cache").
// Those invalidations go into Next's tag manifest, which the route cache consults for every entry's
// tags: a page prerendered with a tag that a write on another instance invalidated is not served on
// this instance's next request. Next's built-in class is used as it is, through its compiled module
// (exact next version in package.json).
import { createRequire } from "node:module";
import tags from "./tag-cache-handler.mjs";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

/** The route cache class over a given tag handler (the process's own one by default). */
export function createRouteCacheHandler(tagHandler) {
  return class RouteCacheHandler extends FileSystemCache {
    async get(...args) {
      await tagHandler.refreshTags();
      return super.get(...args);
    }
  };
}

export default createRouteCacheHandler(tags);
