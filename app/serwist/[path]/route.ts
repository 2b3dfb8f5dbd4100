import { createSerwistRoute } from "@serwist/turbopack";

// The service worker (lib/pwa/sw.ts), bundled with esbuild when `next build` prerenders this route,
// with the build's precache manifest (/_next/static/**, public/) injected, and served as
// /serwist/sw.js (lib/pwa/offline.ts SW_URL). Static: the same bytes until the next build. The
// manifest route is precached too (it is not a file in public/). No source map is published.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/pwa/sw.ts",
  useNativeEsbuild: true,
  esbuildOptions: { sourcemap: false },
  additionalPrecacheEntries: [{ url: "/manifest.webmanifest", revision: String(Date.now()) }],
});
