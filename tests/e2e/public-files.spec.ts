// public/ and the metadata routes as a browser and a crawler get them: the icons and the manifest
// with their types, the pages linking them, and robots.txt opening the public register only.
import { expect, test } from "@playwright/test";

test("the icons and the web manifest are served and linked from every page", async ({ request, page }) => {
  const types: Record<string, RegExp> = {
    "/favicon.ico": /^image\/(x-icon|vnd\.microsoft\.icon)/,
    "/icon.svg": /^image\/svg\+xml/,
    "/icon-192.png": /^image\/png/,
    "/icon-512.png": /^image\/png/,
    "/apple-touch-icon.png": /^image\/png/,
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  const png = await (await request.get("/icon-512.png")).body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const body = (await manifest.json()) as { name: string; icons: { src: string; sizes: string }[] };
  expect(body.name).toBe("煤矿安全生产标准化考核定级门户");
  for (const icon of body.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));

  for (const path of ["/register", "/login"]) {
    await page.goto(path);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="icon"][href="/icon.svg"]')).toHaveAttribute("type", "image/svg+xml");
    await expect(page.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
  }
});

test("the service worker's script is served as JavaScript for the whole origin", async ({ request }) => {
  const response = await request.get("/serwist/sw.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/javascript/);
  expect(response.headers()["service-worker-allowed"]).toBe("/");
  // The build's precache manifest is in it: the icons and the manifest, and the build's static files.
  const script = await response.text();
  for (const url of ["/icon-192.png", "/icon-512.png", "/manifest.webmanifest", "/_next/static/"])
    expect(script, url).toContain(`"${url}`);
});

test("robots.txt lets crawlers into the public register and keeps them out of the portal", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const lines = (await response.text()).split("\n").map((l) => l.trim());
  expect(lines).toContain("User-Agent: *");
  for (const path of ["/register", "/notices", "/api/public/"]) expect(lines).toContain(`Allow: ${path}`);
  expect(lines).toContain("Disallow: /");
});
