// The portal as it is deployed (README "Running in production"): a database made ready by
// `npm run setup`, the first ADMIN from `npm run user:create`, and the build's standalone server
// (`node .next/standalone/server.js`, PORT and HOSTNAME) in production mode without DEMO_MODE. The
// ADMIN signs in in Chromium, with the styles and icons served by the standalone server itself.
// Uses the production build of the e2e step and the test server's PostgreSQL for a database of its own.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "..", "..");
const ADMIN = { email: "first-admin@standalone.test", password: "basalt-meadow-river-93" };

function adminUrl(): string {
  if (process.env.TEST_ADMIN_DATABASE_URL) return process.env.TEST_ADMIN_DATABASE_URL;
  const u = new URL(process.env.DATABASE_URL ?? "");
  u.pathname = "/postgres";
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Production mode as an operator's shell has it: NODE_ENV=production, no DEMO_MODE. */
function productionEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "standalone-test-secret-0123456789abcdef",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DEMO_MODE;
  return env;
}

const dbName = `standalone_${process.pid}_${Date.now()}`;
let databaseUrl = "";
let server: ChildProcess | undefined;
let serverOutput = "";
let baseURL = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await admin(`CREATE DATABASE "${dbName}"`);
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
  const env = productionEnv(databaseUrl);

  const setup = spawnSync("npm", ["run", "-s", "setup"], { cwd: root, env, encoding: "utf8" });
  expect(setup.status, `${setup.stdout}${setup.stderr}`).toBe(0);
  const create = spawnSync("npm", ["run", "-s", "user:create", "--", "--email", ADMIN.email, "--role", "ADMIN"], {
    cwd: root,
    env,
    input: `${ADMIN.password}\n`,
    encoding: "utf8",
  });
  expect(create.status, `${create.stdout}${create.stderr}`).toBe(0);

  // As the README says to start it: the static files beside it, then the server on PORT and HOSTNAME.
  const assets = spawnSync(process.execPath, ["scripts/standalone-assets.mjs"], { cwd: root, env, encoding: "utf8" });
  expect(assets.status, assets.stderr).toBe(0);
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  const dist = process.env.NEXT_DIST_DIR || ".next";
  server = spawn(process.execPath, [path.join(root, dist, "standalone", "server.js")], {
    cwd: root,
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (serverOutput += d));
  server.stderr?.on("data", (d) => (serverOutput += d));
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${baseURL}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, message: serverOutput },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
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
