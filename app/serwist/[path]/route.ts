import { createHash } from "node:crypto";
import { createSerwistRoute } from "@serwist/turbopack";
import manifest from "@/app/manifest";

// The service worker (lib/pwa/sw.ts), bundled with esbuild when `next build` prerenders this route,
// with the build's precache manifest (/_next/static/**, public/) injected, and served as
// /serwist/sw.js (lib/pwa/offline.ts SW_URL). No source map is published.
//
// Next may render the route again in the running server (the route cache can expire it), from the
// standalone directory: the options are therefore the same there as at build time. The build
// directory is given relative (Next's loaded config has it absolute, which Serwist then fails to
// turn into /_next/ URLs), and the manifest route's revision is a hash of its content, not a time.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/pwa/sw.ts",
  useNativeEsbuild: true,
  esbuildOptions: { sourcemap: false },
  nextConfig: { distDir: process.env.NEXT_DIST_DIR || ".next", basePath: "/", assetPrefix: "" },
  additionalPrecacheEntries: [
    {
      url: "/manifest.webmanifest",
      revision: createHash("sha256").update(JSON.stringify(manifest())).digest("hex").slice(0, 16),
    },
  ],
});
