// Issue 11, item 14: usable on a phone. Run by the "phone" project (390 × 844, touch, playwright.config.ts):
// every main page of every role fits the screen's width (wide tables scroll inside their own box), the
// header's navigation sits behind a menu button that opens and closes by pointer and keyboard, and a
// form can be filled in and sent.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ROLES } from "./security/roles";
import { query, setLocaleCookie } from "./support";
import { mainPages, pageFixtures, signInAs, visit, type PageFixtures } from "./support/main-pages";

let fixtures: PageFixtures;
test.beforeAll(async () => {
  fixtures = await pageFixtures();
});

/** How far the page scrolls sideways, and the widest elements that stick out (to name the culprit). */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    // The layout viewport: a mobile browser widens window.innerWidth to fit content that sticks out.
    const width = document.documentElement.clientWidth;
    const overflow = document.scrollingElement!.scrollWidth - width;
    if (overflow <= 0) return null;
    // Elements that stick out and are not clipped by a box of their own (a table in its ScrollBox is fine).
    // An absolutely positioned element (sr-only text, say) is clipped only from its containing block up.
    const clipped = (el: Element) => {
      let skipStatic = ["absolute", "fixed"].includes(getComputedStyle(el).position);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (skipStatic && style.position === "static") continue;
        skipStatic = false;
        if (style.overflowX !== "visible") return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className}`);
    return `${overflow}px too wide: ${culprits.join(" | ")}`;
  });
}

for (const role of ROLES) {
  test(`no main page of ${role} scrolls sideways, and the navigation is behind the menu`, async ({ page }) => {
    test.setTimeout(180_000);
    // English: its longer words are the harder case for a narrow screen.
    await setLocaleCookie(page, "en");
    await signInAs(page, role);
    expect(page.viewportSize()?.width).toBe(390);
    const found: string[] = [];
    for (const url of mainPages(role, fixtures)) {
      await visit(page, url);
      const overflow = await sidewaysOverflow(page);
      if (overflow) found.push(`${url}: ${overflow}`);
      if (
        !(await page.getByRole("button", { name: "Menu" }).isVisible()) ||
        (await page.getByRole("navigation", { name: "Main navigation" }).isVisible())
      )
        found.push(`${url}: the navigation is not collapsed behind the menu button`);
      // A box that scrolls must be reachable by keyboard to be scrolled without a pointer.
      const { violations } = await new AxeBuilder({ page }).withRules(["scrollable-region-focusable"]).analyze();
      for (const v of violations) found.push(`${url}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("the menu button opens and closes the navigation by touch and keyboard", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await visit(page, "/register");
  const button = page.getByRole("button", { name: "Menu" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  // The button names what it controls: the (hidden) navigation.
  const nav = page.locator(`nav[id="${await button.getAttribute("aria-controls")}"]`);
  await expect(nav).toHaveAttribute("aria-label", "Main navigation");
  await expect(nav).toBeHidden();

  await button.tap();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link", { name: "Public notices" })).toBeVisible();
  await button.tap();
  await expect(nav).toBeHidden();

  // Keyboard: Enter opens, Tab walks into the links, Escape closes and gives focus back to the button.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("nav")))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(button).toBeFocused();

  // Following a link closes it on the next page.
  await button.tap();
  await nav.getByRole("link", { name: "Public notices" }).tap();
  await expect(page).toHaveURL(/\/notices$/);
  await expect(nav).toBeHidden();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

test("on a phone, a visitor lodges an objection with the form, then signs in through the menu", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await visit(page, `/notices/${fixtures.noticeId}`);
  const text = `Phone objection ${Date.now()}: the assessment skipped the ventilation records.`;
  const form = page.getByTestId("objection-form");
  for (const field of await form.locator("input:visible, textarea, button").all()) {
    const box = (await field.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.getByLabel("Your name").fill("Li Na");
  await page.getByLabel("Phone number or email address").fill("li.na@example.com");
  await page.getByLabel("Your objection (what is wrong, and how you know)").fill(text);
  await page.getByRole("button", { name: "Lodge the objection" }).tap();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your objection was received.");
  const [stored] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Objection" WHERE text = $1`, [text]);
  expect(Number(stored.n)).toBe(1);

  await page.getByRole("button", { name: "Menu" }).tap();
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sign in" }).tap();
  await page.getByLabel("Email").fill("manager@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page).not.toHaveURL(/\/login/);
  await page.getByRole("button", { name: "Menu" }).tap();
  await expect(page.getByTestId("current-user")).toBeVisible();
});
