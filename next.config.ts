import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { withSerwist } from "@serwist/turbopack";
import {
  PUBLIC_FILE_CSP,
  PUBLIC_FILES,
  SERVICE_WORKER_CSP,
  SERVICE_WORKER_FILE,
  STATIC_SECURITY_HEADERS,
} from "./lib/server/http/security-headers";

const CACHE_HANDLER = path.join(import.meta.dirname, "lib/server/cache/tag-cache-handler.mjs");
const ROUTE_CACHE_HANDLER = path.join(import.meta.dirname, "lib/server/cache/route-cache-handler.mjs");

const PDF_FONT_FILES = [
  "./node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  "./node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
];

/** The package's other weights and its preview images, which nothing reads: kept out of the build. */
const PDF_FONT_UNUSED = [
  ...["100Thin", "200ExtraLight", "300Light", "500Medium", "600SemiBold", "800ExtraBold", "900Black"].map(
    (weight) => `./node_modules/@expo-google-fonts/noto-sans-sc/${weight}/**`,
  ),
  "./node_modules/@expo-google-fonts/noto-sans-sc/**/*.png",
];

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // pg and the Prisma adapter stay as Node modules on the server instead of being bundled.
  // pdfkit reads its own data files at run time, so it stays a Node module too.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pdfkit"],
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
  // The CJK font the official documents' PDFs embed a subset of (lib/server/documents/pdf.ts reads it
  // at run time, by a path the tracer cannot follow): copied into the standalone build for the routes
  // that render PDFs.
  outputFileTracingIncludes: Object.fromEntries(
    // Globs over the route paths (brackets would be character classes): "/decisions/[id]/letter.pdf", …
    ["/decisions/*/letter.pdf", "/register/announcements/*/pdf", "/mines/*/spot-checks/*/report.pdf"].map((route) => [
      route,
      PDF_FONT_FILES,
    ]),
  ),
  outputFileTracingExcludes: { "*": PDF_FONT_UNUSED },
  // Lets several builds live side by side (e.g. parallel test runs); the default is Next's own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Spot-check import files (lib/validation/import-limits.ts allows 20 MB) arrive through a server
  // action, whose body limit is 1 MB by default; a 10,000-row CSV is about 1.2 MB.
  experimental: {
    serverActions: { bodySizeLimit: "21mb" },
    // "use cache" + cacheTag/cacheLife on the reads that are the same for every reader who may see
    // them (lib/server/cache/tags.ts names the tags; every write expires what it changed). Not
    // `cacheComponents`: with it, a page that finds at request time that the reader may not see it
    // answers 200 with the not-found page instead of 404 (and a redirect() likewise streams), because
    // the response starts before the page has run (Next.js 16.4, loading.md "Status codes"); the
    // authorization matrix (tests/e2e/security) requires the real 404. See README "Caching".
    useCache: true,
  },
  // The fixed security headers for the files proxy.ts does not see (static assets, images, the
  // icons, the manifest and robots.txt); proxy.ts sets them, with the per-request
  // Content-Security-Policy, on everything else.
  // An announcement's PDF is /register/announcements/<number>.pdf: the page [number] cannot answer
  // with a file, so the suffix is taken off here and the route handler beside it answers.
  async rewrites() {
    return {
      beforeFiles: [
        { source: "/register/announcements/:number([^/]+)\\.pdf", destination: "/register/announcements/:number/pdf" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    const locked = [...headers, { key: "Content-Security-Policy", value: PUBLIC_FILE_CSP }];
    return [
      ...["/_next/static/:path*", "/_next/image"].map((source) => ({ source, headers })),
      ...PUBLIC_FILES.map((source) => ({ source, headers: locked })),
      {
        source: SERVICE_WORKER_FILE,
        // No shared cache may keep an old worker (Next marks the prerendered route s-maxage=1 year).
        headers: [
          ...headers,
          { key: "Content-Security-Policy", value: SERVICE_WORKER_CSP },
          { key: "Cache-Control", value: "no-cache" },
        ],
      },
    ];
  },
};

// withSerwist keeps esbuild, which bundles the service worker at build time (app/serwist/[path]/route.ts),
// out of the server bundle.
export default withSerwist(withNextIntl(nextConfig));
