import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const DEMO_PASSWORD = "demo-password";

export async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

/** Saves a language choice as the switcher does. */
export async function setLocaleCookie(page: Page, locale: "zh-CN" | "en") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE_URL }]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

export async function signInOk(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** The registry's total count, read from the data attribute the page renders. */
export async function registryTotal(page: Page): Promise<number> {
  const text = await page.getByTestId("result-count").getAttribute("data-total");
  return Number(text);
}

/** Answers every basic condition (基本条件) on the application form as met, with its evidence. */
export async function meetBasicConditions(page: Page, evidence = "证照齐全有效，见附件") {
  const conditions = page.getByTestId("basic-conditions").locator("[data-condition]");
  await expect(conditions.first()).toBeVisible();
  for (const condition of await conditions.all()) {
    await condition.locator("select").selectOption("yes");
    await condition.locator("textarea").fill(evidence);
  }
}
