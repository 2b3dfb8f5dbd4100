import path from "node:path";
import { defineConfig } from "@playwright/test";

// Runs against a production build (`next build` first) served on its own port by the build's
// standalone server, as the portal is deployed (next.config.ts `output: "standalone"`), with the
// database given by DATABASE_URL (scripts/with-test-db.mjs makes a fresh seeded one). Debian's Chromium is
// used because Playwright cannot download its own browsers on these machines.
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // "chromium": the user journeys. "phone": the same Chromium as a 390 px wide touch screen, for the
  // phone layout (phone.spec.ts); it shares the journeys' database and run (scripts/test-all.mjs).
  // "security": the authorization matrix, fuzzing, sign-in hardening and fault tests (issue 7); they
  // write and probe freely, so they get a database of their own (scripts/test-all.mjs runs each
  // project under its own scripts/with-test-db.mjs).
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: ["security/**", "phone.spec.ts"] },
    {
      name: "phone",
      use: {
        browserName: "chromium",
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
      testMatch: "phone.spec.ts",
    },
    { name: "security", use: { browserName: "chromium" }, testDir: "tests/e2e/security" },
  ],
  webServer: {
    // The static files go beside the server first (npm's postbuild does it too; `npx next build` does not).
    command: `node scripts/standalone-assets.mjs && node ${path.join(process.env.NEXT_DIST_DIR || ".next", "standalone", "server.js")}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789",
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // The demo accounts sign in with demo-password although the server runs in production mode.
      DEMO_MODE: "1",
      // No scheduled job runs in the server: "run now" on /admin/jobs only queues a run, which a worker
      // process the test starts itself runs (tests/e2e/admin-jobs.spec.ts), so no job writes behind
      // another test's back.
      JOBS_IN_PROCESS: "false",
      JOBS_CRONTAB: "off",
    },
  },
});
