import { expect, test } from "@playwright/test";
import { zipBombXlsx } from "../support/zip-files";
import { query, setLocaleCookie, signInOk } from "./support";

// The spot-check import page: template download, a file with problems, a good file, and refusal.
test.describe("spot-check import", () => {
  test("a regulator downloads the template, sees the problems of an unchanged one, then imports it filled in", async ({
    page,
  }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "shanxi@demo.test");
    await page.getByRole("link", { name: "Import spot-checks" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import spot-checks");

    const xlsx = await page.request.get("/spot-checks/import/template?format=xlsx");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    const csv = await page.request.get("/spot-checks/import/template?format=csv");
    expect(csv.status()).toBe(200);
    const template = (await csv.text()).replace(/^\uFEFF/, "");

    const file = page.getByLabel("File to import");
    await file.setInputFiles({ name: "template.csv", mimeType: "text/csv", buffer: Buffer.from(template) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-failed")).toContainText("Nothing was imported");
    const errors = page.getByTestId("import-errors");
    await expect(errors.getByRole("row")).toHaveCount(3);
    await expect(errors.getByRole("row").nth(1)).toContainText("2");
    await expect(errors.getByRole("row").nth(1)).toContainText("mine_code");
    await expect(errors.getByRole("row").nth(1)).toContainText(
      "Mine EXAMPLE-UG not found or outside your jurisdiction.",
    );

    const [ug] = await query<{ code: string }>(
      `SELECT code FROM "Mine" WHERE "provinceCode" = '14' AND type = 'UNDERGROUND' ORDER BY id DESC LIMIT 1`,
    );
    const [op] = await query<{ code: string }>(
      `SELECT code FROM "Mine" WHERE "provinceCode" = '14' AND type = 'OPEN_PIT' ORDER BY id DESC LIMIT 1`,
    );
    const filled = template.replace("EXAMPLE-UG", ug.code).replace("EXAMPLE-OP", op.code);
    await file.setInputFiles({ name: "filled.csv", mimeType: "text/csv", buffer: Buffer.from(filled) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-success")).toContainText("2 spot-checks imported");
  });

  test("a file over the default 1 MB action body limit reaches the action; one over 20 MB is refused at once", async ({
    page,
  }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "nmsa@demo.test");
    await page.goto("/spot-checks/import");
    const header = "mine_code,checked_on,type,team,conclusion,major_hidden_dangers,E01";
    const rows = Array.from(
      { length: 15_000 },
      (_, i) =>
        `NOPE${i},2025-01-01,ROUTINE,Inspection team of the provincial mine safety bureau,GRADE_MAINTAINED,0,90`,
    );
    const big = Buffer.from([header, ...rows, ""].join("\n"));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const file = page.getByLabel("File to import");
    await file.setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: big });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-failed")).toContainText("Nothing was imported", { timeout: 60_000 });
    await expect(page.getByText(/more problems not shown/)).toBeVisible();

    await file.setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(21 * 1024 * 1024, 0x41) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByText("The file is larger than 20 MB.")).toBeVisible();
  });

  test("a zip bomb disguised as an .xlsx gets a translated error next to the file field, in both languages", async ({
    page,
  }) => {
    // 1 GiB of sheet packed into about 1 MB: refused from the zip's directory, before anything is
    // unpacked (tests/integration/import-bounds.test.ts measures the memory that takes).
    const bomb = await zipBombXlsx(1024, "honest");
    const [before] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "SpotCheck"`);
    await signInOk(page, "shanxi@demo.test");
    for (const [locale, message] of [
      ["en", "The workbook would unpack to more than 64 MB"],
      ["zh-CN", "该工作簿解压后将超过 64 MB"],
    ] as const) {
      await setLocaleCookie(page, locale);
      await page.goto("/spot-checks/import");
      const file = page.locator('input[type="file"][name="file"]');
      await file.setInputFiles({
        name: "spot-checks.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: bomb,
      });
      await page.locator('form:has(input[type="file"]) button[type="submit"]').click();
      const error = page.getByRole("alert").filter({ hasText: message });
      await expect(error).toBeVisible();
      // Next to the field: the input names the message as its description and is marked invalid.
      const describedBy = (await file.getAttribute("aria-describedby"))?.split(" ") ?? [];
      expect(describedBy).toContain(await error.getAttribute("id"));
      await expect(file).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByTestId("import-errors")).toHaveCount(0);
    }
    const [after] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "SpotCheck"`);
    expect(after.n).toBe(before.n);
  });

  test("roles without spotCheck.record get no page, no link and no template", async ({ page }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "official@demo.test");
    await expect(page.getByRole("link", { name: "Import spot-checks" })).toHaveCount(0);
    const response = await page.goto("/spot-checks/import");
    expect(response?.status()).toBe(404);
    expect((await page.request.get("/spot-checks/import/template?format=csv")).status()).toBe(403);
  });
});
