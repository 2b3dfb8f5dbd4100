import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

interface ManagerMine {
  id: number;
  code: string;
}

async function managerMine(): Promise<ManagerMine> {
  const [mine] = await query<ManagerMine>(
    `SELECT m.id, m.code FROM "Mine" m JOIN "User" u ON u."mineId" = m.id WHERE u.email = 'manager@demo.test'`,
  );
  return mine;
}

/** The latest completed spot-check of the manager's mine that has a finding, and that finding. */
async function findingOf(mineId: number) {
  const [row] = await query<{ spotCheckId: number; findingId: number; text: string }>(
    `SELECT s.id AS "spotCheckId", f.id AS "findingId", f.text
       FROM "SpotCheck" s JOIN "Finding" f ON f."spotCheckId" = s.id
      WHERE s."mineId" = $1 AND s.status = 'COMPLETED'
      ORDER BY s."checkedOn" DESC, f.id DESC LIMIT 1`,
    [mineId],
  );
  return row;
}

const replyText = `E2E reply ${Date.now()}: rectified on site, photos attached.`;

test.describe.serial("mine manager's view", () => {
  test("the manager sees the grade, why it is that grade, the distance to downgrade and the timeline", async ({
    page,
  }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "manager@demo.test");
    const mine = await managerMine();
    await expect(page).toHaveURL(new RegExp(`/mines/${mine.code}$`));

    const [grade] = await query<{ level: number; announcementNo: string }>(
      `SELECT level, "announcementNo" FROM "Grade"
        WHERE "mineId" = $1 AND "announcedOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND (now() AT TIME ZONE 'Asia/Shanghai')::date < LEAST("validUntil", COALESCE("endedOn", "validUntil"))
        ORDER BY "announcedOn" DESC LIMIT 1`,
      [mine.id],
    );
    const badge = page.getByTestId("current-grade").getByTestId("grade-badge");
    await expect(badge).toHaveAttribute("data-level", String(grade.level));
    await expect(badge).toHaveText(`Level ${grade.level}`);
    await expect(page.getByTestId("days-remaining")).toHaveText(/\d+ days?/);
    await expect(page.getByTestId("next-re-review-date")).toHaveText(/\d{2}\/\d{2}\/\d{4}|\d{4}/);

    // Why this grade: the level the scores give, what decided it, and every part with its numbers.
    await expect(page.getByRole("heading", { name: "Why this grade" })).toBeVisible();
    const why = page.getByTestId("why-this-grade");
    await expect(why.getByTestId("why-source")).toContainText("assessed scores of application no.");
    await expect(why.getByTestId("why-level")).toHaveText(`Level ${grade.level}`);
    await expect(why.getByTestId("why-decided-by")).toContainText(/Level \d reached|below the minimum/);
    // The rule that decided names its document and source; placeholder values that decide are marked.
    await expect(why.getByTestId("why-rule-source")).toContainText(/Rule: .+; source: /);
    await expect(why.getByTestId("why-placeholders")).toContainText("Element weights");
    await expect(why.getByTestId("why-row-total")).toContainText(/\d+\.\d/);
    await expect(why.getByTestId("why-row-total")).toContainText(/≥ \d+\.0 · ✓ met \(\+\d+\.\d\)/);
    for (const part of ["BASIC", "DISASTER", "PROFESSIONAL"]) {
      await expect(why.getByTestId(`why-row-${part}`)).toContainText(/\d+\.\d/);
    }

    // Distance to downgrade: every trigger with its status in words, most urgent first.
    await expect(page.getByRole("heading", { name: "Distance to downgrade" })).toBeVisible();
    const items = page.getByTestId("distance-items").locator("li");
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    const statuses = await items.getByTestId("distance-status").allTextContents();
    expect(statuses.every((s) => /FIRED|CLOSE|OK/.test(s))).toBe(true);
    const rank = (s: string) => (s.includes("FIRED") ? 0 : s.includes("CLOSE") ? 1 : 2);
    expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort((a, b) => a - b));
    await expect(page.getByTestId("distance-items")).toContainText(/In the last \d+ months .* regulators found \d+/);
    await expect(page.getByTestId("next-re-review")).toContainText(/Next re-review due by .* \(\d+ days? from today\)/);

    // The timeline, linked from the profile.
    await page.getByTestId("timeline-link").click();
    await expect(page).toHaveURL(new RegExp(`/mines/${mine.code}/timeline$`));
    const timeline = page.getByTestId("timeline");
    await expect(timeline).toContainText(grade.announcementNo);
    await expect(timeline.locator('li[data-kind="GRADE_START"]').first()).toContainText("Grade starts");
    const dates = await timeline.locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-date") ?? ""));
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort());
  });

  test("the manager replies to a finding and sees the reply; errors show next to the field", async ({ page }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "manager@demo.test");
    const mine = await managerMine();
    const { spotCheckId, findingId, text } = await findingOf(mine.id);
    await page.goto(`/mines/${mine.code}/spot-checks/${spotCheckId}`);
    const finding = page.getByTestId(`finding-${findingId}`);
    await expect(finding).toContainText(text);
    await expect(page.getByTestId("element-scores").locator("tbody tr").first()).toContainText(/E\d\d/);

    await finding.getByText("Reply to this finding", { exact: true }).click();
    const form = page.getByTestId(`reply-form-finding-${findingId}`);
    await form.getByRole("button", { name: "Send reply" }).click();
    await expect(form.getByText("This field is required.", { exact: true })).toBeVisible();
    await expect(form.locator("textarea")).toHaveAttribute("aria-invalid", "true");

    await form.locator("textarea").fill(replyText);
    await form.getByRole("button", { name: "Send reply" }).click();
    await expect(form.getByRole("status")).toHaveText("Your reply was saved.");
    await expect(page.getByTestId(`finding-${findingId}-replies`)).toContainText(replyText);
    const [{ n }] = await query<{ n: string }>(
      `SELECT count(*) AS n FROM "Reply" WHERE "findingId" = $1 AND text = $2`,
      [findingId, replyText],
    );
    expect(Number(n)).toBe(1);
  });

  test("the manager gets 404 for another mine's profile, timeline and spot-check", async ({ page }) => {
    await signInOk(page, "manager@demo.test");
    const mine = await managerMine();
    const [other] = await query<{ code: string; spotCheckId: number }>(
      `SELECT m.code, s.id AS "spotCheckId" FROM "Mine" m JOIN "SpotCheck" s ON s."mineId" = m.id
        WHERE m.id <> $1 AND s.status = 'COMPLETED' ORDER BY s.id LIMIT 1`,
      [mine.id],
    );
    for (const url of [
      `/mines/${other.code}`,
      `/mines/${other.code}/timeline`,
      `/mines/${other.code}/spot-checks/${other.spotCheckId}`,
      // Own mine in the URL, another mine's spot-check id: the child must belong to the parent.
      `/mines/${mine.code}/spot-checks/${other.spotCheckId}`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: /页面不存在|Page not found/ })).toBeVisible();
    }
  });

  test("the provincial regulator sees the manager's reply next to the finding", async ({ page }) => {
    await setLocaleCookie(page, "en");
    await signInOk(page, "shanxi@demo.test");
    const mine = await managerMine();
    const { spotCheckId, findingId } = await findingOf(mine.id);
    await page.goto(`/mines/${mine.code}/spot-checks/${spotCheckId}`);
    const replies = page.getByTestId(`finding-${findingId}-replies`);
    await expect(replies).toContainText(replyText);
    // Regulators read replies; only the mine's manager may write one.
    await expect(page.getByTestId(`reply-form-finding-${findingId}`)).toHaveCount(0);
    // The regulator also sees the explanation on the profile.
    await page.goto(`/mines/${mine.code}`);
    await expect(page.getByTestId("why-this-grade")).toBeVisible();
    await expect(page.getByTestId("distance-to-downgrade")).toBeVisible();
  });
});
