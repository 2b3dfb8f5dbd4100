// Several instances of the portal behind a proxy on one PostgreSQL (issue 14.5): the standalone
// server of this run, and a second one started here on another port against the same database.
// A regulator renames a mine through one instance; the very next request to the other shows the new
// name on the public register and in the public API, and the same the other way round. Both are
// read first, so that each instance holds what it cached of them ("use cache", with the shared cache
// handler lib/server/cache/tag-cache-handler.mjs): a write that did not reach the other instance's
// cache would show as the old name.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { BASE_URL, query, setLocaleCookie, signInOk } from "./support";
import { startStandaloneServer, type StandaloneServer } from "./support/production-server";

test.describe.configure({ mode: "serial" });

let second: StandaloneServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // As the run's own server (playwright.config.ts webServer): the same database and session secret.
  second = await startStandaloneServer({
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789",
    DEMO_MODE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    JOBS_IN_PROCESS: "false",
    JOBS_CRONTAB: "off",
  });
});

test.afterAll(async () => {
  await second?.stop();
});

interface Seen {
  page: string;
  api: string | undefined;
}

/** What one instance serves of the mine now: its public page's name, and its name in the public API. */
async function seenOn(request: APIRequestContext, base: string, code: string): Promise<Seen> {
  const html = await (
    await request.get(`${base}/register/mines/${code}`, { headers: { cookie: "NEXT_LOCALE=zh-CN" } })
  ).text();
  const name = /data-testid="mine-name"[^>]*>([^<]*)</.exec(html)?.[1] ?? "";
  const api = await request.get(`${base}/api/public/v1/grades?q=${code}&pageSize=10`);
  expect(api.status()).toBe(200);
  const { items } = (await api.json()) as { items: { mineCode: string; mineName: string }[] };
  return { page: name, api: items.find((i) => i.mineCode === code)?.mineName };
}

async function rename(page: Page, base: string, code: string, name: string) {
  await page.goto(`${base}/mines/${code}/edit`);
  await page.getByLabel("Name (Chinese)").fill(name);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/mines/${code}\\?saved=edited$`));
}

test("a write on one instance shows on the other at its next request, both ways", async ({ page, request }) => {
  // A Shanxi mine with an announced grade in force: on the public register and in the public API.
  const listed = await request.get(`${second.baseURL}/api/public/v1/grades?province=14&pageSize=100`);
  const { items } = (await listed.json()) as { items: { mineCode: string; mineName: string }[] };
  expect(items.length).toBeGreaterThan(0);
  const { mineCode: code, mineName: original } = items[items.length - 1];
  const renamed = `${original}（多实例）`;
  const first = BASE_URL;
  const other = second.baseURL;

  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");
  try {
    // Both instances have served (and may have cached) the mine as it is.
    for (const base of [first, other]) {
      for (let i = 0; i < 2; i++) expect(await seenOn(request, base, code)).toEqual({ page: original, api: original });
    }

    await rename(page, first, code, renamed);
    expect(await seenOn(request, other, code)).toEqual({ page: renamed, api: renamed });
    expect(await seenOn(request, first, code)).toEqual({ page: renamed, api: renamed });

    // And back, through the other instance (the session cookie is good on both: same secret and host).
    await rename(page, other, code, original);
    expect(await seenOn(request, first, code)).toEqual({ page: original, api: original });
    expect(await seenOn(request, other, code)).toEqual({ page: original, api: original });
  } finally {
    // A failure above must not leave the mine renamed for the other specs.
    await query(`UPDATE "Mine" SET name = $1 WHERE code = $2 AND name <> $1`, [original, code]);
  }
});
