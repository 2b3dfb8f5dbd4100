// Writes measured through the real UI: the spot-check form's server action (captured once from a
// real submission in Chromium, then replayed over HTTP) and the CSV import form.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { elementsFor } from "../../lib/domain/rules";
import { ruleVersionOn, RULE_VERSIONS } from "../../lib/domain/rule-data";
import { timeRepeated } from "./measure";

const PASSWORD = "demo-password";

async function signedInPage(browser: Browser, base: string, email: string) {
  const context = await browser.newContext({ baseURL: base, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return { context, page };
}

/** Saves one spot-check in the browser, captures the server-action request, and replays it `n` times. */
export async function replaySpotCheckSave(
  browser: Browser,
  base: string,
  mineCode: string,
  n: number,
  prisma: PrismaClient,
) {
  const { context, page } = await signedInPage(browser, base, "shanxi@demo.test");
  await page.goto(`/mines/${mineCode}/spot-checks/new`);
  await page.getByLabel("Inspection team").fill("Benchmark team");
  const scores = page.locator("input[data-element]");
  for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill("95");
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Save spot-check" }).click();
  const request = await captured;
  await page.waitForURL(/saved=recorded/);
  const headers = {
    ...request.headers(),
    cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; "),
  };
  const body = new Uint8Array(request.postDataBuffer() ?? Buffer.alloc(0));
  await context.close();
  const before = await prisma.spotCheck.count();
  let errors = 0;
  const timing = await timeRepeated(n, async () => {
    const res = await fetch(`${base}/mines/${mineCode}/spot-checks/new`, { method: "POST", headers, body });
    await res.arrayBuffer();
    if (!res.ok && res.status !== 303) errors++;
  });
  const saved = (await prisma.spotCheck.count()) - before;
  return { ...timing, errors: errors + (n - saved) };
}

/** A CSV of `rows` spot-checks on underground mines, in the import template's columns. */
export async function buildImportCsv(prisma: PrismaClient, rows: number, today: string): Promise<string> {
  const mines = await prisma.mine.findMany({
    where: { type: "UNDERGROUND" },
    select: { code: true },
    take: rows,
    orderBy: { id: "asc" },
  });
  const codes = elementsFor(ruleVersionOn(today, RULE_VERSIONS), "UNDERGROUND").map((e) => e.code);
  const header = ["mine_code", "checked_on", "type", "team", "conclusion", "major_hidden_dangers", ...codes];
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) {
    const scores = codes.map((_, j) => String(85 + ((i + j) % 15)));
    lines.push(
      [mines[i % mines.length].code, today, "ROUTINE", "Import team", "GRADE_MAINTAINED", "0", ...scores].join(","),
    );
  }
  return lines.join("\n");
}

/** Uploads the CSV through the import form and waits for its result. */
export async function timeImport(browser: Browser, base: string, csv: string, rows: number, prisma: PrismaClient) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-")), "spot-checks.csv");
  fs.writeFileSync(file, csv);
  const { context, page } = await signedInPage(browser, base, "nmsa@demo.test");
  const before = await prisma.spotCheck.count();
  try {
    await page.goto("/spot-checks/import");
    await page.setInputFiles('input[type="file"]', file);
    const start = performance.now();
    await page.getByRole("main").locator('form button[type="submit"]').click();
    await page
      .locator('[data-testid="import-success"], [data-testid="import-failed"]')
      .first()
      .waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - start) / 1000;
    const imported = (await prisma.spotCheck.count()) - before;
    if (imported !== rows) throw new Error(`import wrote ${imported} spot-checks, expected ${rows}`);
    return { seconds, rowsPerSecond: rows / seconds, rows };
  } finally {
    await context.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/**
 * Write, then read at once: renames a mine `n` times through its edit form on `writeBase`, and after
 * each save reads its public page, the public API and its registry profile from every `readBases`
 * (another instance too). A read that still shows the old name is stale. The name is restored at the end.
 */
export async function writeThenRead(
  browser: Browser,
  writeBase: string,
  readBases: string[],
  mineCode: string,
  n: number,
  prisma: PrismaClient,
) {
  const { context, page } = await signedInPage(browser, writeBase, "shanxi@demo.test");
  const cookie = `${(await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ")}; NEXT_LOCALE=zh-CN`;
  const { name: original } = await prisma.mine.findUniqueOrThrow({ where: { code: mineCode }, select: { name: true } });
  const rename = async (name: string) => {
    await page.goto(`/mines/${mineCode}/edit`);
    await page.getByLabel("Name (Chinese)").fill(name);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/saved=edited/);
  };
  const reads = [
    {
      what: "public page",
      path: `/register/mines/${mineCode}`,
      shows: (body: string, name: string) => body.includes(name),
    },
    {
      what: "public API",
      path: `/api/public/v1/grades?q=${mineCode}`,
      shows: (body: string, name: string) =>
        (JSON.parse(body) as { items: { mineCode: string; mineName: string }[] }).items.some(
          (i) => i.mineCode === mineCode && i.mineName === name,
        ),
    },
    {
      what: "registry profile",
      path: `/mines/${mineCode}`,
      shows: (body: string, name: string) => body.includes(name),
    },
  ];
  let total = 0;
  const stale: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const name = `${original}（基准${i}）`;
      await rename(name);
      for (const base of readBases)
        for (const r of reads) {
          total++;
          const body = await (await fetch(`${base}${r.path}`, { headers: { cookie } })).text();
          if (!r.shows(body, name)) stale.push(`${base}${r.path} after rename ${i}`);
        }
    }
  } finally {
    await rename(original).catch(() => prisma.mine.update({ where: { code: mineCode }, data: { name: original } }));
    await context.close();
  }
  return { writes: n, reads: total, stale: stale.length, staleReads: stale };
}
