// Issue 11, item 14: accessibility. axe-core checks every main page of every role (one signed-in
// context per role) and finds no critical or serious violation; the skip link is the first thing the
// keyboard reaches and moves focus to the page's <main>.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ROLES } from "./security/roles";
import { setLocaleCookie } from "./support";
import { mainPages, pageFixtures, signInAs, visit, type PageFixtures } from "./support/main-pages";

let fixtures: PageFixtures;
test.beforeAll(async () => {
  fixtures = await pageFixtures();
});

for (const role of ROLES) {
  test(`axe finds no critical or serious violation on the main pages of ${role}`, async ({ page }) => {
    test.setTimeout(180_000);
    await setLocaleCookie(page, "zh-CN");
    await signInAs(page, role);
    const found: string[] = [];
    for (const url of mainPages(role, fixtures)) {
      await visit(page, url);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations.filter((v) => v.impact === "critical" || v.impact === "serious"))
        found.push(
          `${url}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
        );
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("the skip link is the first stop of the keyboard and moves focus to the main content", async ({ page }) => {
  for (const [locale, name] of [
    ["zh-CN", "跳到主要内容"],
    ["en", "Skip to main content"],
  ] as const) {
    await setLocaleCookie(page, locale);
    await visit(page, "/register");
    const skip = page.getByRole("link", { name });
    // Visually hidden until focused.
    expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    await page.keyboard.press("Tab");
    await expect(skip).toBeFocused();
    expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(20);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next Tab goes on from the page's content, past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  }
});
