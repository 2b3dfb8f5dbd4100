import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 7: two regulators amending the same spot-check. The one who saves second gets the conflict
// message in their language, keeps what they typed, and the spot-check shows the first one's change.
test("the second of two regulators amending one spot-check gets a conflict and keeps their input", async ({
  browser,
}) => {
  // A Shanxi spot-check with a finding, on a mine the other specs leave alone (not the manager's
  // mine, not the mine regulator-flow.spec.ts records on).
  const [check] = await query<{ code: string; id: number; findingId: number; checkedOn: string; version: number }>(
    `SELECT m.code, s.id, s.version, to_char(s."checkedOn", 'YYYY-MM-DD') AS "checkedOn",
            (SELECT min(f.id) FROM "Finding" f WHERE f."spotCheckId" = s.id) AS "findingId"
       FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId"
      WHERE m."provinceCode" = '14'
        AND m.id NOT IN (SELECT "mineId" FROM "User" WHERE "mineId" IS NOT NULL)
        AND m.id <> (SELECT id FROM "Mine" WHERE "provinceCode" = '14' AND status = 'NORMAL_PRODUCTION'
                      AND type = 'UNDERGROUND' ORDER BY id DESC LIMIT 1)
        AND s."checkedOn" < now() - interval '30 days'
        AND EXISTS (SELECT 1 FROM "Finding" f WHERE f."spotCheckId" = s.id)
      ORDER BY s.id DESC OFFSET 5 LIMIT 1`,
  );
  const detail = `/mines/${check.code}/spot-checks/${check.id}`;
  const plusDays = (n: number) =>
    new Date(Date.parse(`${check.checkedOn}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const stamp = Date.now() % 100000;

  const open = async () => {
    const page = await (await browser.newContext()).newPage();
    await setLocaleCookie(page, "en");
    await signInOk(page, "shanxi@demo.test");
    await page.goto(detail);
    await page.getByRole("link", { name: "Amend", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${detail}/edit$`));
    await expect(page.getByTestId("not-amendable")).toContainText("cannot be amended");
    return page;
  };
  // Both open the form at the same version.
  const a = await open();
  const b = await open();

  // A saves first.
  await a.getByLabel("Inspection team").fill(`Team A ${stamp}`);
  await a.getByLabel("Finding 1: rectification verified on").fill(plusDays(1));
  await a.getByRole("button", { name: "Save amendment" }).click();
  await expect(a).toHaveURL(new RegExp(`${detail}\\?saved=amended$`));
  await expect(a.getByRole("status")).toHaveText("Amendment saved.");
  await expect(a.getByText(`Team A ${stamp}`)).toBeVisible();

  // B, from the page rendered before A saved, saves second: a conflict, and B's input is still there.
  await b.getByLabel("Inspection team").fill(`Team B ${stamp}`);
  await b.getByLabel("Notes", { exact: true }).fill("Notes typed by B");
  await b.getByLabel("Finding 1: rectification verified on").fill(plusDays(2));
  await b.getByRole("button", { name: "Save amendment" }).click();
  await expect(b.getByTestId("spot-check-amendment-form").getByRole("alert")).toContainText(
    "Someone else amended this spot-check a moment ago",
  );
  await expect(b).toHaveURL(new RegExp(`${detail}/edit$`));
  await expect(b.getByLabel("Inspection team")).toHaveValue(`Team B ${stamp}`);
  await expect(b.getByLabel("Notes", { exact: true })).toHaveValue("Notes typed by B");
  await expect(b.getByLabel("Finding 1: rectification verified on")).toHaveValue(plusDays(2));

  // The spot-check shows A's change, stored once.
  await b.goto(detail);
  await expect(b.getByText(`Team A ${stamp}`)).toBeVisible();
  await expect(b.getByText(`Team B ${stamp}`)).toHaveCount(0);
  const [stored] = await query<{ team: string; version: number; rectifiedOn: string | null }>(
    `SELECT s.team, s.version, to_char(f."rectifiedOn", 'YYYY-MM-DD') AS "rectifiedOn"
       FROM "SpotCheck" s JOIN "Finding" f ON f.id = $2 WHERE s.id = $1`,
    [check.id, check.findingId],
  );
  expect(stored).toEqual({ team: `Team A ${stamp}`, version: check.version + 1, rectifiedOn: plusDays(1) });
  const [{ n }] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "AuditLog" WHERE entity = 'SpotCheck' AND "entityId" = $1 AND action = 'spotCheck.amend'`,
    [String(check.id)],
  );
  expect(Number(n)).toBe(1);

  // Reloaded, B's form starts from A's version and B's amendment goes through.
  await b.goto(`${detail}/edit`);
  await expect(b.getByLabel("Inspection team")).toHaveValue(`Team A ${stamp}`);
  await b.getByLabel("Notes", { exact: true }).fill("Notes typed by B");
  await b.getByRole("button", { name: "Save amendment" }).click();
  await expect(b.getByRole("status")).toHaveText("Amendment saved.");
  await expect(b.getByText("Notes typed by B")).toBeVisible();
});
