/// <reference lib="webworker" />
// The service worker (issue 16), bundled by Serwist (@serwist/turbopack) at build time and served
// as /serwist/sw.js (app/serwist/[path]/route.ts). It keeps what the field app needs with no network
// and nothing that carries a user's data:
// - precache (the build's manifest): /_next/static/**, public/ (the icons), the web manifest;
// - navigations to FIELD_PATH (any query): network first into FIELD_SHELL_CACHE, falling back to
//   the cached shell whatever its query (the shell renders no user data);
// - other same-origin navigations: the network only; offline, a small page that leads to the shell;
// - /api/*, /files/*, POSTs (server actions), RSC requests and the portal's pages: never answered
//   here at all (no route matches, so the browser fetches them as if there were no worker).
import { NetworkFirst, Serwist, cacheNames, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";
import { FIELD_PATH, FIELD_SHELL_CACHE } from "@/lib/field/contract";
import { SW_CACHES, offlinePageHtml } from "@/lib/pwa/offline";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** How long a navigation to the shell waits for the network before it takes the cached one. */
const NETWORK_TIMEOUT_SECONDS = 4;

const fieldShell = new NetworkFirst({
  cacheName: FIELD_SHELL_CACHE,
  networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
  plugins: [
    // One entry whatever the query (?draft=…, ?mine=…): the shell's state lives in the query.
    { cacheKeyWillBeUsed: async () => new URL(FIELD_PATH, self.location.origin).href },
  ],
});

/** The cached shell, by its key without a query. */
async function cachedShell(): Promise<Response | undefined> {
  const cache = await caches.open(FIELD_SHELL_CACHE);
  return cache.match(FIELD_PATH, { ignoreSearch: true });
}

function offlinePage(): Response {
  return new Response(offlinePageHtml(self.navigator.language), {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The shell into FIELD_SHELL_CACHE when the worker installs, so /field opens offline before it was ever visited. */
async function cacheShell(): Promise<void> {
  try {
    const response = await fetch(FIELD_PATH, { credentials: "same-origin", cache: "no-store" });
    if (response.ok && !response.redirected) await (await caches.open(FIELD_SHELL_CACHE)).put(FIELD_PATH, response);
  } catch {
    // Offline while installing: the first online visit to the shell caches it.
  }
}

async function ensureShell(): Promise<void> {
  if (!(await cachedShell())) await cacheShell();
}

const sameOriginNavigation = (request: Request, url: URL) =>
  request.mode === "navigate" && url.origin === self.location.origin;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url }) => sameOriginNavigation(request, url) && url.pathname === FIELD_PATH,
      handler: async (options) => {
        try {
          return await fieldShell.handle(options);
        } catch {
          return offlinePage();
        }
      },
    },
    {
      // Any other page: never cached (the portal's pages carry the user's data).
      matcher: ({ request, url }) =>
        sameOriginNavigation(request, url) && !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/files/"),
      handler: async ({ request, event }) => {
        let response: Response;
        try {
          response = await fetch(request);
        } catch {
          return offlinePage();
        }
        // Online: put the shell back if it is missing (sign-out deletes FIELD_SHELL_CACHE), so that
        // the field app opens underground after any page was visited at the surface.
        event.waitUntil(ensureShell());
        return response;
      },
    },
  ],
});

self.addEventListener("install", (event) => event.waitUntil(cacheShell()));

// A new deploy's worker takes over (skipWaiting, clientsClaim) and drops the caches it does not use:
// the old precaches (cleanupOutdatedCaches) and any cache an earlier worker made under another name.
self.addEventListener("activate", (event) => {
  const keep = new Set<string>([cacheNames.precache, ...SW_CACHES]);
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => !keep.has(n)).map((n) => caches.delete(n)))),
  );
});

serwist.addEventListeners();
