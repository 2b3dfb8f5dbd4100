// Issue 16, acceptance: spot-checks recorded with no network and synced when it returns, in real
// Chromium against the real server and database. A draft started offline survives a reload and a
// browser restart (a persistent context on the same profile directory), gets scores and a photo, and
// reaches the database exactly once when the network returns; the same with the connection dropped
// during the sync and the submission replayed three times; a draft made stale by a grade change is a
// conflict and writes nothing until the inspector decides; the editor fits a 360 px portrait screen;
// sign-out warns about unsent drafts and clears them and the field cache.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import sharp from "sharp";
import config from "../../playwright.config";
import { FIELD_API, FIELD_DB_NAME, FIELD_SHELL_CACHE, type SyncRequest } from "../../lib/field/contract";
import { BASE_URL, query, setLocaleCookie, signInOk } from "./support";

// Requests a service worker makes on the page's behalf are routed too (Playwright's flag for it).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

const REGULATOR = "shanxi@demo.test";
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A real JPEG, as a phone camera would give (smaller). */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 60, b: 30 } } })
    .jpeg()
    .toBuffer();
}

/** A browser with its own profile directory, launched as playwright.config.ts launches Chromium. */
function launch(dir: string, options: { offline?: boolean } = {}) {
  const launchOptions = config.use?.launchOptions ?? {};
  return chromium.launchPersistentContext(dir, {
    executablePath: launchOptions.executablePath,
    args: launchOptions.args,
    baseURL: BASE_URL,
    offline: options.offline ?? false,
    viewport: { width: 1280, height: 800 },
  });
}

/** A Shanxi mine with a grade in force, away from the demo manager's (other journeys change that one). */
async function pickMine(offset: number): Promise<{ code: string; gradeId: number; level: number }> {
  const rows = await query<{ code: string; gradeId: number; level: number }>(
    `SELECT m.code, g.id AS "gradeId", g.level
       FROM "Mine" m JOIN "Grade" g ON g."mineId" = m.id
      WHERE m."provinceCode" = '14' AND m.type = 'UNDERGROUND' AND m.status = 'NORMAL_PRODUCTION'
        AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."mineId" = m.id)
        AND g."announcedOn" <= CURRENT_DATE AND g."validUntil" > CURRENT_DATE + 30 AND g."endedOn" IS NULL
      ORDER BY m.code DESC LIMIT 1 OFFSET $1`,
    [offset],
  );
  expect(rows, "a Shanxi mine with a grade in force").toHaveLength(1);
  return rows[0];
}

/** Signs in, views the mine (so it is recently viewed, hence in the field pack), and opens /field under the worker. */
async function openField(page: Page, code: string) {
  await setLocaleCookie(page, "en");
  await signInOk(page, REGULATOR);
  await page.goto(`/mines/${code}`);
  await expect(page.getByTestId("record-offline")).toBeVisible();
  await expect.poll(() => recentCodes(page), { message: "the mine page records the visit" }).toContain(code);
  await page.goto("/field");
  await expect(page.locator(`[data-testid="field-mine"][data-code="${code}"]`)).toBeVisible();
  // The service worker is installed and controls the page (a reload once it is active, if it did not claim it).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.locator(`[data-testid="field-mine"][data-code="${code}"]`)).toBeVisible();
}

async function recentCodes(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    // Opened only once the app made it: opening it first would make an empty database of version 1.
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
    return new Promise<string[]>((resolve) => {
      const open = indexedDB.open(name);
      open.onerror = () => resolve([]);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("recent")) {
          db.close();
          return resolve([]);
        }
        const all = db.transaction("recent").objectStore("recent").getAll();
        all.onsuccess = () => {
          db.close();
          resolve((all.result as { codes: string[] }[]).flatMap((r) => r.codes));
        };
      };
    });
  }, FIELD_DB_NAME);
}

/** Starts a draft on the mine from the field home; returns its key (from the address). */
async function newDraft(page: Page, code: string): Promise<string> {
  await page.locator(`[data-testid="field-mine"][data-code="${code}"]`).getByTestId("new-spot-check").click();
  await expect(page.getByTestId("draft-editor")).toBeVisible();
  const key = new URL(page.url()).searchParams.get("draft");
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  return key!;
}

async function fillScores(page: Page, score: string) {
  const inputs = page.getByTestId("draft-editor").locator("input[data-element]");
  const n = await inputs.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(score);
  await expect(page.getByTestId("live-total")).toContainText(`${Number(score).toFixed(1)}`);
  return n;
}

async function spotChecksWithTeam(team: string) {
  return query<{ id: number; scoresheetId: number }>(
    `SELECT id, "scoresheetId" FROM "SpotCheck" WHERE team = $1 ORDER BY id`,
    [team],
  );
}

async function editorState(page: Page) {
  return page.getByTestId("draft-editor").getAttribute("data-state");
}

test.describe.configure({ mode: "serial" });

test.describe("field spot-checks offline (issue 16)", () => {
  test.setTimeout(180_000);

  test("a draft started offline survives a reload and a browser restart, and reaches the database once with its photo", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "field-e2e-"));
    const mine = await pickMine(0);
    const team = `Field team A ${Date.now()}`;
    const jpeg = await photo();
    let context: BrowserContext = await launch(dir);
    try {
      let page = context.pages()[0] ?? (await context.newPage());
      await openField(page, mine.code);

      // Offline: start the draft, type, reload (the worker serves the shell), the text is there.
      await context.setOffline(true);
      await expect(page.getByTestId("field-status")).toHaveAttribute("data-online", "false");
      const key = await newDraft(page, mine.code);
      await page.getByTestId("team").fill(team);
      await expect(page.getByTestId("team")).toHaveValue(team);
      await page.reload();
      await expect(page.getByTestId("team")).toHaveValue(team);

      // Restart the browser, still offline, on the same profile.
      await context.close();
      context = await launch(dir, { offline: true });
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`/field?draft=${key}`);
      await expect(page.getByTestId("team")).toHaveValue(team);

      const elements = await fillScores(page, "95");
      await page.getByTestId("add-finding").click();
      const finding = page.getByTestId("finding").first();
      await finding.getByLabel("Element", { exact: true }).selectOption({ index: 1 });
      await finding.getByLabel("Finding", { exact: true }).fill("Roof bolts missing at the heading face");
      await finding
        .getByTestId("photo-input")
        .setInputFiles({ name: "face.jpg", mimeType: "image/jpeg", buffer: jpeg });
      await expect(page.getByTestId("finding-0-photos").locator("img")).toHaveCount(1);
      await page.getByTestId("send").click();
      await expect(page.getByTestId("queued")).toBeVisible();
      expect(await spotChecksWithTeam(team)).toHaveLength(0);

      // The network returns: the draft is sent once and shows as sent.
      await context.setOffline(false);
      await expect.poll(() => editorState(page), { timeout: 60_000 }).toBe("sent");
      const checks = await spotChecksWithTeam(team);
      expect(checks).toHaveLength(1);
      const scores = await query<{ elementCode: string; score: string }>(
        `SELECT "elementCode", score::text FROM "ElementScore" WHERE "scoresheetId" = $1`,
        [checks[0].scoresheetId],
      );
      expect(scores).toHaveLength(elements);
      expect(scores.every((s) => Number(s.score) === 95)).toBe(true);
      const files = await query<{ filename: string; sha256: string; size: number }>(
        `SELECT e.filename, e.sha256, e.size FROM "EvidenceFile" e JOIN "Finding" f ON f.id = e."findingId"
          WHERE f."spotCheckId" = $1`,
        [checks[0].id],
      );
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ filename: "face.jpg", sha256: sha(jpeg), size: jpeg.length });
      await page.getByTestId("back").click();
      await expect(page.locator(`[data-testid="sent-draft"][data-key="${key}"]`)).toBeVisible();
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a connection dropped during the sync and three replays still record exactly one spot-check", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "field-e2e-"));
    const mine = await pickMine(0);
    const team = `Field team B ${Date.now()}`;
    const context = await launch(dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openField(page, mine.code);
      await context.setOffline(true);
      await newDraft(page, mine.code);
      await page.getByTestId("team").fill(team);
      await fillScores(page, "95");
      await page.getByTestId("send").click();
      await expect(page.getByTestId("queued")).toBeVisible();

      // The first submission reaches the server (which commits it), and its answer is lost.
      const bodies: SyncRequest[] = [];
      let dropped = 0;
      await context.route(`**${FIELD_API.submit}`, async (route) => {
        bodies.push(route.request().postDataJSON() as SyncRequest);
        if (dropped === 0) {
          dropped++;
          const answer = await route.fetch();
          expect(answer.status()).toBe(201);
          await route.abort("connectionreset");
          return;
        }
        await route.continue();
      });
      await context.setOffline(false);
      await expect.poll(() => editorState(page), { timeout: 90_000 }).toBe("sent");
      expect(dropped).toBe(1);
      expect(bodies.length).toBeGreaterThanOrEqual(2);
      const checks = await spotChecksWithTeam(team);
      expect(checks).toHaveLength(1);

      // The same submission three more times, with the session's cookies (and this site's origin, which
      // the browser's fetch sends): the first result, nothing new.
      for (let i = 0; i < 3; i++) {
        const res = await page.request.post(FIELD_API.submit, { data: bodies[0], headers: { origin: BASE_URL } });
        expect(res.status()).toBe(200);
        expect(await res.json()).toMatchObject({ status: "recorded", spotCheckId: checks[0].id, replayed: true });
      }
      expect(await spotChecksWithTeam(team)).toHaveLength(1);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a draft made stale by a grade change is a conflict: discard removes it, record anyway records it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "field-e2e-"));
    const mine = await pickMine(1);
    const teamA = `Field team C1 ${Date.now()}`;
    const teamB = `Field team C2 ${Date.now()}`;
    const context = await launch(dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openField(page, mine.code);
      await context.setOffline(true);
      const keyA = await newDraft(page, mine.code);
      await page.getByTestId("team").fill(teamA);
      await fillScores(page, "95");
      await page.getByTestId("send").click();
      await page.getByTestId("back").click();
      const keyB = await newDraft(page, mine.code);
      await page.getByTestId("team").fill(teamB);
      await fillScores(page, "95");
      await page.getByTestId("send").click();
      await page.getByTestId("back").click();

      // Meanwhile the mine's grade in force ends (as a decision would end it).
      await query(`UPDATE "Grade" SET "endedOn" = "announcedOn", "endReason" = 'SUPERSEDED' WHERE id = $1`, [
        mine.gradeId,
      ]);
      await invalidateMine(mine.code);

      await context.setOffline(false);
      const draftA = page.locator(`[data-testid="unsent-draft"][data-key="${keyA}"]`);
      const draftB = page.locator(`[data-testid="unsent-draft"][data-key="${keyB}"]`);
      await expect(draftA).toHaveAttribute("data-state", "conflict", { timeout: 60_000 });
      await expect(draftB).toHaveAttribute("data-state", "conflict");
      await expect(draftA.getByTestId("conflict-changes")).toContainText(`Grade in force: was Level ${mine.level}`);
      expect(await spotChecksWithTeam(teamA)).toHaveLength(0);
      expect(await spotChecksWithTeam(teamB)).toHaveLength(0);

      page.once("dialog", (d) => void d.accept());
      await draftA.getByTestId("discard").click();
      await expect(draftA).toHaveCount(0);
      await page.reload();
      await expect(page.locator(`[data-testid="unsent-draft"][data-key="${keyA}"]`)).toHaveCount(0);

      await page.locator(`[data-testid="unsent-draft"][data-key="${keyB}"]`).getByTestId("record-anyway").click();
      await expect(page.locator(`[data-testid="sent-draft"][data-key="${keyB}"]`)).toBeVisible({ timeout: 60_000 });
      expect(await spotChecksWithTeam(teamB)).toHaveLength(1);
      expect(await spotChecksWithTeam(teamA)).toHaveLength(0);
    } finally {
      await query(`UPDATE "Grade" SET "endedOn" = NULL, "endReason" = NULL WHERE id = $1`, [mine.gradeId]);
      await invalidateMine(mine.code);
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the draft editor fits a 360 px portrait screen and keeps the result bar in view", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "field-e2e-"));
    const mine = await pickMine(0);
    const context = await launch(dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openField(page, mine.code);
      // A phone in portrait (signed in on a wide screen, where the header shows who is signed in).
      await page.setViewportSize({ width: 360, height: 740 });
      await newDraft(page, mine.code);
      await page.getByTestId("add-finding").click();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      const bar = page.getByTestId("result-bar");
      for (const y of [0, 600, 1500, 100_000]) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await expect(bar).toBeInViewport({ ratio: 1 });
      }
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      // Touch targets: every button and score input at least 44 px high.
      const small = await page
        .getByTestId("draft-editor")
        .locator("button, input[data-element], select")
        .evaluateAll((els) =>
          els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.outerHTML.slice(0, 80)),
        );
      expect(small).toEqual([]);
      await expect(page.getByTestId("draft-editor").locator("input[data-element]").first()).toHaveAttribute(
        "inputmode",
        "decimal",
      );
      // No serious or critical accessibility problem in the editor or on the home (axe, as a11y.spec.ts).
      const serious = async () =>
        (await new AxeBuilder({ page }).analyze()).violations
          .filter((v) => v.impact === "critical" || v.impact === "serious")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(await serious()).toEqual([]);
      await page.getByTestId("back").click();
      await expect(page.getByTestId("unsent-draft")).toHaveCount(1);
      expect(await serious()).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("sign-out with an unsent draft warns, then clears the drafts and the field cache", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "field-e2e-"));
    const mine = await pickMine(0);
    const context = await launch(dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openField(page, mine.code);
      await newDraft(page, mine.code);
      // The worker keeps the shell in FIELD_SHELL_CACHE; a marker entry in it shows whether sign-out
      // deleted the cache (the worker may put the shell back on the next page, the marker never).
      expect(await page.evaluate((name) => caches.has(name), FIELD_SHELL_CACHE)).toBe(true);
      await page.evaluate(
        (name) => caches.open(name).then((c) => c.put("/field-e2e-marker", new Response("marker"))),
        FIELD_SHELL_CACHE,
      );
      await page.goto("/mines");

      // Dismissing the warning keeps the session and the draft.
      let message = "";
      page.once("dialog", (d) => {
        message = d.message();
        void d.dismiss();
      });
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect.poll(() => message).toContain("1 spot-check draft has not been sent");
      await expect(page.getByTestId("current-user")).toBeVisible();
      expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toContain(
        FIELD_DB_NAME,
      );

      page.once("dialog", (d) => void d.accept());
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      const names = await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)));
      expect(names).not.toContain(FIELD_DB_NAME);
      const marker = await page.evaluate(
        (name) => caches.open(name).then((c) => c.match("/field-e2e-marker").then((r) => r !== undefined)),
        FIELD_SHELL_CACHE,
      );
      expect(marker, "the field cache was deleted").toBe(false);
      // And the field app, signed out, offers the way back in without showing a draft.
      await page.goto("/field");
      await expect(page.getByTestId("field-signed-out")).toBeVisible();
      await expect(page.getByTestId("unsent-draft")).toHaveCount(0);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without JavaScript, sign-out still signs out", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await setLocaleCookie(page, "en");
      await signInOk(page, REGULATOR);
      await page.goto("/mines");
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/mines");
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await context.close();
    }
  });
});

/** A change made with SQL behind the server's back: its cached reads of the mine are invalidated as a write would. */
async function invalidateMine(code: string) {
  for (const tag of [`mine:${code}`, "mines", "register", "metrics"]) {
    await query(
      `INSERT INTO "CacheTagInvalidation" (tag, "changedAt", stale, "expireSeconds") VALUES ($1, now(), false, NULL)
       ON CONFLICT (tag) DO UPDATE SET "changedAt" = now(), stale = false, "expireSeconds" = NULL`,
      [tag],
    );
  }
}
