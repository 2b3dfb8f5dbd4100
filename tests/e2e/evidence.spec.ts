// Issue 15.5, evidence files in the browser: a regulator adds a photo and a PDF to a finding, sees the
// thumbnail (served from /files under the CSP) and downloads both; a wrong file is refused next to the
// field; another mine's manager gets a 404; the public objection form takes a photo, stored without
// its EXIF, which the regulators then see with the objection.
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { BASE_URL, DEMO_PASSWORD, query, setLocaleCookie, signInOk } from "./support";

const sha = (b: Buffer | Uint8Array) => createHash("sha256").update(b).digest("hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

async function photo(withGps = false): Promise<Buffer> {
  const image = sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 90, b: 160 } },
  }).jpeg();
  return withGps
    ? image
        .withExif({
          IFD0: { Make: "E2EPhone" },
          IFD3: {
            GPSLatitudeRef: "N",
            GPSLatitude: "40/1 6/1 0/1",
            GPSLongitudeRef: "E",
            GPSLongitude: "113/1 17/1 0/1",
          },
        })
        .toBuffer()
    : image.toBuffer();
}

/** The latest completed spot-check of the demo manager's mine (Datong) with a finding, and that finding. */
async function managerFinding() {
  const [row] = await query<{ code: string; spotCheckId: number; findingId: number }>(
    `SELECT m.code, s.id AS "spotCheckId", f.id AS "findingId"
       FROM "User" u JOIN "Mine" m ON m.id = u."mineId" JOIN "SpotCheck" s ON s."mineId" = m.id
       JOIN "Finding" f ON f."spotCheckId" = s.id
      WHERE u.email = 'manager@demo.test' AND s.status = 'COMPLETED'
      ORDER BY s."checkedOn" DESC, f.id DESC LIMIT 1`,
  );
  return row;
}

/** Whether every image in `scope` has loaded (a CSP refusal or a 404 leaves naturalWidth at 0). */
async function loadedImages(page: Page, selector: string): Promise<number[]> {
  return page
    .locator(selector)
    .evaluateAll((imgs) =>
      imgs.map((i) => ((i as HTMLImageElement).complete ? (i as HTMLImageElement).naturalWidth : -1)),
    );
}

test.describe.serial("evidence files", () => {
  let fileIds: number[] = [];

  test("a regulator adds a photo and a PDF to a finding, sees the thumbnail and downloads both", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await setLocaleCookie(page, "en");
    await signInOk(page, "datong@demo.test");
    const f = await managerFinding();
    await page.goto(`/mines/${f.code}/spot-checks/${f.spotCheckId}`);
    const form = page.getByTestId(`evidence-form-finding-${f.findingId}`);
    await expect(form).toContainText("at most 10 MB a file, 20 MB an upload and 10 files a record");

    // An executable named .png: refused next to the field, nothing stored.
    const before = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "EvidenceFile"`))[0].n;
    const input = form.getByLabel("Photos and PDFs");
    await input.setInputFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200, 1)]),
    });
    await form.getByRole("button", { name: "Upload" }).click();
    await expect(input).toHaveAccessibleDescription(/“photo\.png” is not a JPEG, PNG, WebP or PDF file/);
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM "EvidenceFile"`))[0].n).toBe(before);

    const jpeg = await photo();
    await input.setInputFiles([
      { name: "site-photo.jpg", mimeType: "image/jpeg", buffer: jpeg },
      // A PDF under a photo's name: stored and served as the PDF it is.
      { name: "notice.jpg", mimeType: "image/jpeg", buffer: PDF },
    ]);
    await form.getByRole("button", { name: "Upload" }).click();
    await expect(form.getByRole("status")).toHaveText("Files saved.");

    const rows = await query<{ id: number; filename: string; mimeType: string; sha256: string }>(
      `SELECT id, filename, "mimeType", sha256 FROM "EvidenceFile" WHERE "findingId" = $1 ORDER BY id`,
      [f.findingId],
    );
    expect(rows.map((r) => [r.filename, r.mimeType])).toEqual([
      ["site-photo.jpg", "image/jpeg"],
      ["notice.jpg", "application/pdf"],
    ]);
    fileIds = rows.map((r) => r.id);
    const files = page.getByTestId(`finding-${f.findingId}-files`);
    await expect(files.locator("img")).toHaveCount(1);
    await expect(files.locator("img")).toHaveAttribute("src", `/files/${fileIds[0]}/thumb`);
    await expect.poll(() => loadedImages(page, `[data-testid="finding-${f.findingId}-files"] img`)).toEqual([320]);
    await expect(files.getByRole("link", { name: "notice.jpg" })).toBeVisible();

    const image = await page.request.get(`/files/${fileIds[0]}`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/jpeg");
    expect(image.headers()["x-content-type-options"]).toBe("nosniff");
    expect(sha(await image.body())).toBe(sha(jpeg));
    expect(rows[0].sha256).toBe(sha(jpeg));

    // The PDF link downloads it, as a PDF, under its name.
    const download = page.waitForEvent("download");
    await files.getByRole("link", { name: "notice.jpg" }).click();
    expect((await download).suggestedFilename()).toBe("notice.jpg");
    const pdf = await page.request.get(`/files/${fileIds[1]}`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect((await pdf.body()).equals(PDF)).toBe(true);
    expect(violations).toEqual([]);
  });

  test("the mine's own manager sees the files; a manager of another mine and a visitor get 404", async ({
    page,
    browser,
  }) => {
    expect(fileIds.length).toBe(2);
    await setLocaleCookie(page, "en");
    await signInOk(page, "manager@demo.test");
    expect((await page.request.get(`/files/${fileIds[0]}`)).status()).toBe(200);
    expect((await page.request.get(`/files/${fileIds[0]}/thumb`)).status()).toBe(200);

    // A manager of the next mine of the same county, made for this test.
    const [other] = await query<{ id: number }>(
      `SELECT m.id FROM "Mine" m JOIN "Mine" own ON own."countyCode" = m."countyCode"
         JOIN "User" u ON u."mineId" = own.id
        WHERE u.email = 'manager@demo.test' AND m.id <> own.id ORDER BY m.code LIMIT 1`,
    );
    const email = `evidence-manager-${Date.now()}@e2e.test`;
    await query(
      `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction, "mineId")
       SELECT $1, 'E2E other manager', $2, 'MINE_MANAGER', m."countyCode", m.id FROM "Mine" m WHERE m.id = $3`,
      [email, await bcrypt.hash(DEMO_PASSWORD, 4), other.id],
    );
    const context = await browser.newContext({ baseURL: BASE_URL });
    const otherPage = await context.newPage();
    await setLocaleCookie(otherPage, "en");
    await signInOk(otherPage, email);
    for (const id of fileIds)
      for (const suffix of ["", "/thumb"]) {
        const res = await otherPage.request.get(`/files/${id}${suffix}`);
        expect(res.status(), `/files/${id}${suffix}`).toBe(404);
        expect(await res.text()).not.toContain("notice.jpg");
      }
    await context.close();

    const anonymous = await browser.newContext({ baseURL: BASE_URL });
    for (const id of fileIds) expect((await anonymous.request.get(`/files/${id}`)).status()).toBe(404);
    await anonymous.close();
  });

  test("the public objection form takes a photo, stored without its GPS position, seen by the regulators", async ({
    page,
  }) => {
    await setLocaleCookie(page, "en");
    await page.goto("/notices");
    await page.getByTestId("notice-table").locator("tbody tr").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/notices\/\d+$/);
    const applicationId = Number(/\/notices\/(\d+)/.exec(page.url())![1]);
    const form = page.getByTestId("objection-form");
    await expect(form).toContainText("Location and camera data (EXIF) are removed from photos.");
    const text = `E2E objection with a photo ${Date.now()}: the gas readings were falsified.`;
    await form.getByLabel("Your name").fill("Zhao Liu");
    await form.getByLabel("Phone number or email address").fill("zhao.liu@example.test");
    await form.getByLabel("Your objection (what is wrong, and how you know)").fill(text);
    const gps = await photo(true);
    expect((await sharp(gps).metadata()).exif?.toString("latin1")).toContain("E2EPhone");
    await form
      .getByLabel("Photos or PDFs (optional)")
      .setInputFiles({ name: "gas.jpg", mimeType: "image/jpeg", buffer: gps });
    await form.getByRole("button", { name: "Lodge the objection" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your objection was received.");

    const [stored] = await query<{ id: number; bytes: Buffer; objectionId: number }>(
      `SELECT e.id, e.bytes, e."objectionId" FROM "EvidenceFile" e JOIN "Objection" o ON o.id = e."objectionId"
        WHERE o.text = $1`,
      [text],
    );
    const meta = await sharp(stored.bytes).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 640, height: 480 });
    expect(meta.exif).toBeUndefined();
    // The public, the visitor who sent it included, cannot read it back.
    expect((await page.request.get(`/files/${stored.id}`)).status()).toBe(404);

    await signInOk(page, "nmsa@demo.test");
    await page.goto(`/applications/${applicationId}`);
    const files = page.getByTestId(`objection-${stored.objectionId}-files`);
    await expect(files.locator("img")).toHaveAttribute("src", `/files/${stored.id}/thumb`);
    await expect
      .poll(() => loadedImages(page, `[data-testid="objection-${stored.objectionId}-files"] img`))
      .toEqual([320]);
  });
});
