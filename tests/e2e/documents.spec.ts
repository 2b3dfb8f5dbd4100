import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 15.4, official documents, against the production (standalone) build: each print view opens
// from the page of its record, its PDF downloads (200, application/pdf) and, read back with poppler,
// carries the Chinese title, the number and the mine name in an embedded subset of the CJK font that
// the build ships; a reader from another jurisdiction gets a 404.

const MANAGER_MINE = "1402260001";

/** The PDF's text (pdftotext) and its font list (pdffonts). */
async function readPdf(res: APIResponse): Promise<{ text: string; fonts: string }> {
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/pdf/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-documents-"));
  const file = path.join(dir, "doc.pdf");
  try {
    fs.writeFileSync(file, await res.body());
    return {
      text: execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, ""),
      fonts: execFileSync("pdffonts", [file], { encoding: "utf8" }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function expectSubsetFont(fonts: string) {
  const rows = fonts
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() !== "");
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+NotoSansSC-\S+\s.*\byes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
}

const flat = (s: string) => s.replace(/\s+/g, "");

/** axe-core finds no critical or serious violation on the print view. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id);
  expect(bad).toEqual([]);
}

/** Follows the document's own "Download PDF" link. */
async function pdfOf(page: Page) {
  const href = await page.getByTestId("document-pdf").getAttribute("href");
  expect(href).toBeTruthy();
  return readPdf(await page.request.get(href!));
}

test("a confirmed decision's letter: from the public register, its print view and its PDF", async ({ page }) => {
  await setLocaleCookie(page, "zh-CN");
  await page.goto("/register/decisions");
  const link = page.getByTestId("decision-letter-link").first();
  await link.click();
  await expect(page).toHaveURL(/\/decisions\/\d+\/letter$/);
  const id = Number(/\/decisions\/(\d+)\/letter$/.exec(page.url())![1]);
  const [d] = await query<{ number: string; name: string; status: string }>(
    `SELECT d.number, m.name, d.status::text FROM "Decision" d JOIN "Mine" m ON m.id = d."mineId" WHERE d.id = $1`,
    [id],
  );
  expect(d.status).toBe("CONFIRMED");
  const doc = page.getByTestId("official-document");
  await expect(doc.getByRole("heading", { level: 1 })).toHaveText("处理决定书");
  await expect(page.getByTestId("document-number")).toHaveText(d.number);
  await expect(doc).toContainText(d.name);
  await expectAccessible(page);

  const { text, fonts } = await pdfOf(page);
  expect(text).toContain("处理决定书");
  expect(text).toContain(flat(d.number));
  expect(text).toContain(flat(d.name));
  expectSubsetFont(fonts);

  // An English reader: English labels beside the Chinese title.
  await setLocaleCookie(page, "en");
  await page.reload();
  await expect(doc.getByRole("heading", { level: 1 })).toHaveText("Decision letter (处理决定书)");
  const en = await pdfOf(page);
  expect(en.text).toContain(flat("Decision letter (处理决定书)"));
  expect(en.text).toContain(flat(d.number));

  // A decision that is not confirmed has no letter, for anyone.
  const [proposed] = await query<{ id: number }>(`SELECT id FROM "Decision" WHERE status = 'PROPOSED' LIMIT 1`);
  expect((await page.request.get(`/decisions/${proposed.id}/letter`)).status()).toBe(404);
  expect((await page.request.get(`/decisions/${proposed.id}/letter.pdf`)).status()).toBe(404);
  expect((await page.request.get(`/decisions/999999999/letter.pdf`)).status()).toBe(404);
});

test("an announcement: from the register, its print view and its .pdf", async ({ page }) => {
  await setLocaleCookie(page, "zh-CN");
  await page.goto("/register?province=14");
  const link = page.getByTestId("register-table").locator('a[href^="/register/announcements/"]').first();
  const number = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/register\/announcements\/[^/]+$/);
  const mines = await query<{ name: string }>(
    `SELECT m.name FROM "Grade" g JOIN "Mine" m ON m.id = g."mineId"
      WHERE g."announcementNo" = $1 AND g."announcedOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date ORDER BY m.code`,
    [number],
  );
  expect(mines.length).toBeGreaterThan(0);
  const doc = page.getByTestId("official-document");
  await expect(doc.getByRole("heading", { level: 1 })).toHaveText("公告");
  await expect(page.getByTestId("document-number")).toHaveText(number);
  await expect(doc.locator("tbody tr")).toHaveCount(mines.length);
  await expectAccessible(page);
  // On a phone the list scrolls inside its box; the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  const href = await page.getByTestId("document-pdf").getAttribute("href");
  expect(href).toBe(`/register/announcements/${encodeURIComponent(number)}.pdf`);
  const { text, fonts } = await pdfOf(page);
  expect(text).toContain("公告");
  expect(text).toContain(flat(number));
  for (const m of mines) expect(text).toContain(flat(m.name));
  expectSubsetFont(fonts);

  expect(
    (await page.request.get(`/register/announcements/${encodeURIComponent(`${number}无此号`)}.pdf`)).status(),
  ).toBe(404);
});

test("a spot-check report: the manager's own from the spot-check page; another jurisdiction gets 404", async ({
  page,
  browser,
}) => {
  const [own] = await query<{ id: number; name: string }>(
    `SELECT s.id, m.name FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId"
      WHERE m.code = $1 AND s.status = 'COMPLETED' ORDER BY s."checkedOn" DESC, s.id DESC LIMIT 1`,
    [MANAGER_MINE],
  );
  // A spot-check in Shanxi outside Datong: outside the Datong regulator's jurisdiction and the manager's mine.
  const [outside] = await query<{ id: number; code: string }>(
    `SELECT s.id, m.code FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId"
      WHERE m."provinceCode" = '14' AND m."prefectureCode" <> '1402' AND s.status = 'COMPLETED' LIMIT 1`,
  );
  expect(own).toBeTruthy();
  expect(outside).toBeTruthy();

  await setLocaleCookie(page, "zh-CN");
  await signInOk(page, "manager@demo.test");
  await page.goto(`/mines/${MANAGER_MINE}/spot-checks/${own.id}`);
  await page.getByTestId("spot-check-report-link").click();
  await expect(page).toHaveURL(new RegExp(`/mines/${MANAGER_MINE}/spot-checks/${own.id}/report$`));
  const doc = page.getByTestId("official-document");
  await expect(doc.getByRole("heading", { level: 1 })).toHaveText("抽查报告");
  await expect(doc).toContainText(own.name);
  const number = (await page.getByTestId("document-number").textContent())!.trim();
  expect(number).toContain(`抽查第${own.id}号`);
  await expectAccessible(page);

  const { text, fonts } = await pdfOf(page);
  expect(text).toContain("抽查报告");
  expect(text).toContain(flat(number));
  expect(text).toContain(flat(own.name));
  expectSubsetFont(fonts);

  // The manager may not read another mine's report.
  const otherBase = `/mines/${outside.code}/spot-checks/${outside.id}`;
  expect((await page.request.get(`${otherBase}/report`)).status()).toBe(404);
  expect((await page.request.get(`${otherBase}/report.pdf`)).status()).toBe(404);

  // Datong's regulator reads Datong's, and gets 404 for a mine of another prefecture.
  const datong = await browser.newContext();
  const dp = await datong.newPage();
  await signInOk(dp, "datong@demo.test");
  expect((await dp.request.get(`/mines/${MANAGER_MINE}/spot-checks/${own.id}/report.pdf`)).status()).toBe(200);
  expect((await dp.request.get(`${otherBase}/report`)).status()).toBe(404);
  expect((await dp.request.get(`${otherBase}/report.pdf`)).status()).toBe(404);
  await datong.close();

  // Without a session: the page sends to sign-in, the PDF is a 401.
  const anonymous = await browser.newContext();
  const res = await anonymous.request.get(`/mines/${MANAGER_MINE}/spot-checks/${own.id}/report.pdf`);
  expect(res.status()).toBe(401);
  const pageRes = await anonymous.request.get(`/mines/${MANAGER_MINE}/spot-checks/${own.id}/report`, {
    maxRedirects: 0,
  });
  expect(pageRes.status()).toBe(307);
  expect(pageRes.headers()["location"]).toMatch(/\/login\?next=/);
  await anonymous.close();
});
