import "server-only";
import type { NextRequest } from "next/server";
import pg from "pg";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en/unavailable.json";
import zhCN from "@/lib/i18n/messages/zh-CN/unavailable.json";

// Whether the database answers, decided before every request (proxy.ts) so that while PostgreSQL
// is down a page gets a translated 503 page and an API call a 503 JSON body, instead of each request
// failing halfway through its queries. The probe is `SELECT 1` on a dedicated one-connection pool
// (so a busy or broken main pool cannot delay it), shared by all concurrent requests, and a success
// is trusted for SUCCESS_TTL_MS: under load that is at most four probes a second, each a round trip
// on an open connection. A failure is not cached, so the first request after PostgreSQL returns
// gets through. A stopped server refuses the connection at once; an unreachable one is given
// PROBE_TIMEOUT_MS.

/**
 * Request header proxy.ts sets on every request it passes on (overwriting any the client sent):
 * the request's path and query, so a request that loses the database mid-way can be retried at
 * the same address (lib/server/http/database-lost.ts).
 */
export const REQUEST_URL_HEADER = "x-portal-url";

const SUCCESS_TTL_MS = 250;
/**
 * 3 s unless DATABASE_PROBE_TIMEOUT_MS says otherwise: a stopped server refuses at once whatever
 * the timeout, so it only bounds an unreachable one; at 1 s, a server whose two cores were busy
 * rendering (CI's test runs) sometimes took longer to open the probe's connection and answered a 503
 * while PostgreSQL was up. scripts/run.mjs gives the embedded database 10 s, because its one session
 * serves every connection in turn, so under load the probe waits in line behind other requests' queries.
 */
const PROBE_TIMEOUT_MS = Number(process.env.DATABASE_PROBE_TIMEOUT_MS) || 3000;
export const RETRY_AFTER_SECONDS = 5;

/** Never probed: static assets, and the endpoints that need no database or check it themselves. */
function exempt(pathname: string): boolean {
  return (
    pathname.startsWith("/_next/") ||
    pathname === "/favicon.ico" ||
    pathname === "/robots.txt" ||
    pathname === "/api/health" ||
    pathname === "/api/openapi.json"
  );
}

type ProbeState = {
  pool: pg.Pool | null;
  url: string | null;
  okUntil: number;
  inflight: Promise<boolean> | null;
};
// On globalThis so dev-mode reloads keep one probe pool.
const globalForProbe = globalThis as unknown as { databaseProbe?: ProbeState };
const state: ProbeState = (globalForProbe.databaseProbe ??= { pool: null, url: null, okUntil: 0, inflight: null });

function probePool(url: string): pg.Pool {
  if (!state.pool || state.url !== url) {
    void state.pool?.end().catch(() => {});
    const pool = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      idleTimeoutMillis: 60_000,
      allowExitOnIdle: true,
      application_name: "grading-availability-probe",
    });
    // The idle probe connection dies with the server: pg-pool drops it and the next probe reconnects.
    pool.on("error", () => {});
    state.pool = pool;
    state.url = url;
  }
  return state.pool;
}

async function probe(url: string): Promise<boolean> {
  try {
    await probePool(url).query("SELECT 1");
    state.okUntil = Date.now() + SUCCESS_TTL_MS;
    return true;
  } catch {
    state.okUntil = 0;
    return false;
  }
}

/**
 * Forgets the last success, so the next request probes again: called when the portal's own pool
 * loses a connection, which narrows the window in which a request passes on a stale success.
 */
export function forgetDatabaseAnswered() {
  state.okUntil = 0;
}

/** True while the database answers (recently or now). Without DATABASE_URL there is nothing to probe. */
export function databaseAnswers(url = process.env.DATABASE_URL): Promise<boolean> {
  if (!url) return Promise.resolve(true);
  if (Date.now() < state.okUntil) return Promise.resolve(true);
  state.inflight ??= probe(url).finally(() => {
    state.inflight = null;
  });
  return state.inflight;
}

const MESSAGES: Record<Locale, typeof en> = { en, "zh-CN": zhCN };

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const COMMON_HEADERS = {
  "Cache-Control": "no-store",
  "Retry-After": String(RETRY_AFTER_SECONDS),
};

/** The 503 page in the visitor's language, with a link that retries the same address. */
export function unavailablePage(locale: Locale, retryHref: string): Response {
  const m = MESSAGES[locale];
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${m.title} · ${m.appName}`)}</title>
<style>
body{margin:0;min-height:100vh;background:#f8fafc;color:#0f172a;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:36rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgb(0 0 0/.1)}
h1{font-size:1.5rem;margin:0 0 .75rem}p{line-height:1.6}a{color:#1d4ed8}
</style>
</head>
<body>
<main data-testid="unavailable">
<p>${escapeHtml(m.appName)}</p>
<h1>${escapeHtml(m.heading)}</h1>
<p>${escapeHtml(m.body)}</p>
<p><a href="${escapeHtml(retryHref)}" data-testid="retry">${escapeHtml(m.retry)}</a> · <a href="/">${escapeHtml(m.home)}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      ...COMMON_HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Language": locale,
      Vary: "Accept-Language, Cookie",
    },
  });
}

export function unavailableJson(): Response {
  return Response.json(
    { status: "unavailable", reason: "database unreachable" },
    { status: 503, headers: COMMON_HEADERS },
  );
}

/**
 * While the database is unreachable, the response a request gets instead of being handled: the
 * translated 503 page for pages (and the server actions posted to them), 503 JSON under /api/.
 * Null while the database answers, and always for static assets and exempt endpoints.
 */
export async function unavailableResponse(request: NextRequest): Promise<Response | null> {
  const { pathname, search } = request.nextUrl;
  if (exempt(pathname)) return null;
  if (await databaseAnswers()) return null;
  if (pathname.startsWith("/api/")) return unavailableJson();
  const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  return unavailablePage(locale, request.method === "GET" ? `${pathname}${search}` : pathname);
}
