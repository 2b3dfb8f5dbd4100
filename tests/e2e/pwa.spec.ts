// Issue 16: the service worker (lib/pwa/sw.ts, served as /serwist/sw.js) and installability. The
// worker precaches the build's static files and keeps the field shell (/field) for offline use; it
// never keeps an API answer or a portal page (they carry the user's data). Offline is
// context.setOffline, which Chromium applies to the worker's own fetches too (the last test shows it:
// the worker's fetch of a portal page fails and it answers its offline page).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { setLocaleCookie, signInOk } from "./support";

const SW_URL = "/serwist/sw.js";
const FIELD_SHELL_CACHE = "field-shell";

/** Waits until the service worker is active and controls the page (a first visit: after clientsClaim). */
async function controlled(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", undefined, {
    timeout: 30_000,
  });
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

/** Every URL in every cache of the origin, by cache name. */
async function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    return out;
  });
}

test("the portal is installable: the manifest, its icons and a worker with a fetch handler control the page", async ({
  browser,
  launchOptions,
  baseURL,
  request,
}) => {
  // A browser profile on disk: Chromium never offers to install from an incognito profile, which
  // Playwright's ordinary contexts are (Page.getInstallabilityErrors says "in-incognito").
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-profile-"));
  const context = await browser.browserType().launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await installable(page, request);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

async function installable(page: Page, request: APIRequestContext) {
  await page.goto("/");
  expect(new URL(await controlled(page)).pathname).toBe(SW_URL);
  const registration = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration("/");
    return { scope: r?.scope, active: r?.active?.state, script: r?.active?.scriptURL };
  });
  expect(registration.scope).toBe(new URL("/", page.url()).href);
  expect(registration.active).toBe("activated");
  expect(new URL(registration.script!).pathname).toBe(SW_URL);

  // Chromium's own installability check (the one behind its install prompt): no errors at all,
  // which includes "no matching service worker" and "no fetch handler".
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
    installabilityErrors: { errorId: string }[];
  };
  expect(installabilityErrors).toEqual([]);
  const { url: manifestUrl, errors } = (await cdp.send("Page.getAppManifest")) as {
    url: string;
    errors: { message: string }[];
  };
  expect(new URL(manifestUrl).pathname).toBe("/manifest.webmanifest");
  expect(errors).toEqual([]);

  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as {
    id: string;
    scope: string;
    start_url: string;
    display: string;
    lang: string;
    icons: { src: string; sizes: string; type: string }[];
    shortcuts: { name: string; url: string }[];
  };
  expect(manifest).toMatchObject({ id: "/", scope: "/", start_url: "/", display: "standalone", lang: "zh-CN" });
  expect(manifest.shortcuts).toEqual([expect.objectContaining({ name: "现场抽查", url: "/field" })]);
  const pngs = manifest.icons.filter((i) => i.type === "image/png");
  expect(pngs.map((i) => i.sizes).sort()).toEqual(["192x192", "512x512"]);
  for (const icon of pngs) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"], icon.src).toMatch(/^image\/png/);
    const png = await response.body();
    expect(png.subarray(0, 8).toString("hex"), icon.src).toBe("89504e470d0a1a0a");
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }

  // The worker is a script of this origin with a fetch handler.
  const script = await request.get(SW_URL);
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/^application\/javascript/);
  expect(await script.text()).toContain("fetch");
}

test("offline, /field opens from the cache after any page was visited online, and other pages get the offline page", async ({
  page,
  context,
}) => {
  await setLocaleCookie(page, "zh-CN");
  await signInOk(page, "datong@demo.test");
  await page.goto("/dashboard");
  await controlled(page);
  // The shell is cached when the worker installs, before /field was ever opened.
  await expect
    .poll(async () => (await cachedUrls(page))[FIELD_SHELL_CACHE]?.map((u) => new URL(u).pathname) ?? [])
    .toEqual(["/field"]);

  // Sign-out deletes the shell's cache (the field app); the next page opened online puts it back.
  await page.evaluate((name) => caches.delete(name), FIELD_SHELL_CACHE);
  expect(Object.keys(await cachedUrls(page))).not.toContain(FIELD_SHELL_CACHE);
  await page.goto("/inbox");
  await expect
    .poll(async () => (await cachedUrls(page))[FIELD_SHELL_CACHE]?.map((u) => new URL(u).pathname) ?? [])
    .toEqual(["/field"]);

  await context.setOffline(true);
  try {
    await page.goto("/field?draft=not-yet-there");
    await expect(page.locator("h1")).toHaveText("现场抽查");
    await page.reload();
    await expect(page.locator("h1")).toHaveText("现场抽查");

    const response = await page.goto("/dashboard");
    // The worker's offline page (not Chromium's own error page), which leads to the shell.
    expect(response?.status()).toBe(503);
    await expect(page.locator('section[lang="zh-CN"] h1')).toHaveText("当前无网络");
    await expect(page.locator('section[lang="en"] h1')).toHaveText("You are offline");
    await page.locator('section[lang="zh-CN"] a[href="/field"]').click();
    await expect(page.locator("h1")).toHaveText("现场抽查");
  } finally {
    await context.setOffline(false);
  }
});

test("no API answer and no portal page is ever cached, and the API is not answered by the worker", async ({ page }) => {
  await signInOk(page, "datong@demo.test");
  await page.goto("/dashboard");
  await controlled(page);
  // The page's own fetches to /api/ go to the network: page.route sees them (a worker's respondWith
  // would hide them from it), and they are not served from the worker.
  const seen: string[] = [];
  await page.route("**/api/health", async (route) => {
    seen.push(route.request().url());
    await route.continue();
  });
  const fromWorker = await page.evaluate(async () => {
    const r = await fetch("/api/health");
    return { status: r.status, type: r.type };
  });
  expect(fromWorker.status).toBe(200);
  expect(seen).toHaveLength(1);

  for (const path of ["/mines/1402260001", "/inbox", "/field", "/field?mine=1402260001", "/dashboard"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  await page.evaluate(() => fetch("/api/v1/metrics?scope=1402").then((r) => r.text()));
  await page.evaluate(() => fetch("/api/auth/session").then((r) => r.text()));

  const cached = await cachedUrls(page);
  const names = Object.keys(cached);
  expect(names).toContain(FIELD_SHELL_CACHE);
  expect(names.filter((n) => n !== FIELD_SHELL_CACHE).every((n) => n.startsWith("serwist-precache"))).toBe(true);
  const paths = Object.values(cached)
    .flat()
    .map((u) => new URL(u).pathname);
  expect(paths.length).toBeGreaterThan(1);
  expect(paths.filter((p) => p.startsWith("/api/") || p.startsWith("/files/"))).toEqual([]);
  // Besides the field shell (one entry, no query), only the build's static files, the icons and the manifest.
  expect(cached[FIELD_SHELL_CACHE].map((u) => new URL(u).pathname + new URL(u).search)).toEqual(["/field"]);
  const other = paths.filter((p) => p !== "/field");
  expect(
    other.filter((p) => !p.startsWith("/_next/static/") && !/^\/[\w.-]+\.(png|ico|svg|webmanifest)$/.test(p)),
  ).toEqual([]);
});

test("the field shell may use the camera, a portal page may not", async ({ request }) => {
  const field = await request.get("/field?draft=abc");
  expect(field.headers()["permissions-policy"]).toBe("camera=(self), microphone=(), geolocation=()");
  const portal = await request.get("/register");
  expect(portal.headers()["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=()");
});
