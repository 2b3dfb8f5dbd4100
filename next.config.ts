import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { PUBLIC_FILE_CSP, PUBLIC_FILES, STATIC_SECURITY_HEADERS } from "./lib/server/http/security-headers";

const CACHE_HANDLER = path.join(import.meta.dirname, "lib/server/cache/tag-cache-handler.mjs");
const ROUTE_CACHE_HANDLER = path.join(import.meta.dirname, "lib/server/cache/route-cache-handler.mjs");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // pg and the Prisma adapter stay as Node modules on the server instead of being bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  // "use cache" entries in each process's memory, their tags' invalidations shared through
  // PostgreSQL, so that a write on one instance of several invalidates them all (issue 14.5); the
  // route cache (prerendered pages) learns them the same way. Next imports these files at run time;
  // the standalone build traces them with what they import.
  cacheHandlers: { default: CACHE_HANDLER, remote: CACHE_HANDLER },
  cacheHandler: ROUTE_CACHE_HANDLER,
  // A self-contained server (node .next/standalone/server.js) with only the files it needs, for
  // deployment; `npm run build` then copies the static files beside it (scripts/standalone-assets.mjs).
  output: "standalone",
  // Lets several builds live side by side (e.g. parallel test runs); the default is Next's own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Spot-check import files (lib/validation/import-limits.ts allows 20 MB) arrive through a server
  // action, whose body limit is 1 MB by default; a 10,000-row CSV is about 1.2 MB.
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
  // The fixed security headers for the files proxy.ts does not see (static assets, images, the
  // icons, the manifest and robots.txt); proxy.ts sets them, with the per-request
  // Content-Security-Policy, on everything else.
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    const locked = [...headers, { key: "Content-Security-Policy", value: PUBLIC_FILE_CSP }];
    return [
      ...["/_next/static/:path*", "/_next/image"].map((source) => ({ source, headers })),
      ...PUBLIC_FILES.map((source) => ({ source, headers: locked })),
    ];
  },
};

export default withNextIntl(nextConfig);
