// The portal as it is deployed (README "Running in production"): a database made ready by
// `npm run setup`, the first ADMIN from `npm run user:create`, and the build's standalone server
// (`node .next/standalone/server.js`, PORT and HOSTNAME) in production mode without DEMO_MODE. The
// ADMIN signs in in Chromium, with the styles and icons served by the standalone server itself.
// Uses the production build of the e2e step and the test server's PostgreSQL for a database of its own.
import { expect, test } from "@playwright/test";
import { startProductionServer, type ProductionServer } from "./support/production-server";

test.describe.configure({ mode: "serial" });

const ADMIN = { email: "first-admin@standalone.test", password: "basalt-meadow-river-93" };

let server: ProductionServer;
let baseURL = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startProductionServer("standalone", ADMIN);
  baseURL = server.baseURL;
});

test.afterAll(async () => {
  await server?.stop();
});

test("the standalone server serves the portal with its static files, and the first ADMIN signs in", async ({
  page,
}) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith(baseURL) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${baseURL}/login`);
  // The build's styles and scripts come from the standalone directory (copied beside server.js).
  const styles = await page
    .locator('link[rel="stylesheet"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(styles.length).toBeGreaterThan(0);
  for (const href of styles) expect((await page.request.get(href)).status(), href).toBe(200);
  expect((await page.request.get(`${baseURL}/icon.svg`)).status()).toBe(200);

  await page.locator('input[name="email"]').fill(ADMIN.email);
  await page.locator('input[name="password"]').fill(ADMIN.password);
  await page.locator('button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("first-admin");
  expect(failed).toEqual([]);

  // Production mode: the demo accounts do not exist, and the demo password is refused anyway.
  await page.context().clearCookies();
  await page.goto(`${baseURL}/login`);
  await page.locator('input[name="email"]').fill("admin@demo.test");
  await page.locator('input[name="password"]').fill("demo-password");
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/login/);
});
