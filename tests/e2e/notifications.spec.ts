import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 15, notifications: an event in the portal (a manager's reply) notifies the regulator who
// answers it; the bell counts the unread, the list shows them, one or all are marked read; each user
// chooses per kind between in-app only and in-app and email.

async function userId(email: string): Promise<number> {
  const [row] = await query<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return row.id;
}

const replyText = `E2E notification reply ${Date.now()}: the ventilation log is complete now.`;

test.describe.serial("notifications", () => {
  test("a manager's reply reaches the local regulator: bell count, list, mark read, mark all read", async ({
    browser,
  }) => {
    const datong = await userId("datong@demo.test");
    await query(`DELETE FROM "Notification" WHERE "userId" = $1`, [datong]);
    // Two older unread notifications, as a job would have left them.
    await query(
      `INSERT INTO "Notification" ("userId", kind, params, link, "createdAt")
       VALUES ($1, 'GRADE_EXPIRING', '{"mine":"测试煤矿","mineEn":"E2E Test Mine","code":"1402260001","validUntil":"2027-06-30","days":90}', '/mines/1402260001', now() - interval '2 days'),
              ($1, 'FINDING_OVERDUE', '{"mine":"测试煤矿","mineEn":"E2E Test Mine","code":"1402260001","count":2}', NULL, now() - interval '1 day')`,
      [datong],
    );

    // The manager replies to a finding of their mine (the form on the spot-check page).
    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await setLocaleCookie(manager, "en");
    await signInOk(manager, "manager@demo.test");
    const [f] = await query<{ spotCheckId: number; findingId: number; code: string; nameEn: string }>(
      `SELECT s.id AS "spotCheckId", f.id AS "findingId", m.code, m."nameEn"
         FROM "SpotCheck" s JOIN "Finding" f ON f."spotCheckId" = s.id JOIN "Mine" m ON m.id = s."mineId"
        WHERE m.code = '1402260001' AND s.status = 'COMPLETED'
        ORDER BY s."checkedOn" DESC, f.id DESC LIMIT 1`,
    );
    await manager.goto(`/mines/${f.code}/spot-checks/${f.spotCheckId}`);
    await manager.getByTestId(`finding-${f.findingId}`).getByText("Reply to this finding", { exact: true }).click();
    const form = manager.getByTestId(`reply-form-finding-${f.findingId}`);
    await form.locator("textarea").fill(replyText);
    await form.getByRole("button", { name: "Send reply" }).click();
    await expect(form.getByRole("status")).toHaveText("Your reply was saved.");
    // The manager is not told of their own reply.
    await expect(manager.getByTestId("notification-bell")).toBeVisible();
    await managerContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await setLocaleCookie(page, "en");
    await signInOk(page, "datong@demo.test");
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAttribute("aria-label", "Notifications, 3 unread");
    await expect(bell.getByTestId("notification-count")).toHaveText("3");

    await bell.click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    const items = page.getByTestId("notification");
    await expect(items).toHaveCount(3);
    // Newest first: the reply, in English with the mine's English name, linking to the spot-check.
    const reply = items.first();
    await expect(reply).toContainText(`Reply from the mine: ${f.nameEn}`);
    await expect(reply).toContainText("replied to a spot-check");
    await expect(reply.getByRole("link")).toHaveAttribute("href", `/mines/${f.code}/spot-checks/${f.spotCheckId}`);
    await expect(reply).toHaveAttribute("data-read", "false");

    await reply.getByRole("button", { name: "Mark as read" }).click();
    await expect(items.first()).toHaveAttribute("data-read", "true");
    await expect(bell).toHaveAttribute("aria-label", "Notifications, 2 unread");
    await expect(page.getByRole("link", { name: "Unread only (2)" })).toBeVisible();
    const [{ n: stillUnread }] = await query<{ n: string }>(
      `SELECT count(*) AS n FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
      [datong],
    );
    expect(Number(stillUnread)).toBe(2);

    await page.getByRole("link", { name: "Unread only (2)" }).click();
    await expect(items).toHaveCount(2);
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(bell).toHaveAttribute("aria-label", "Notifications, none unread");
    await expect(bell.getByTestId("notification-count")).toHaveCount(0);
    await expect(page.getByText("No notifications.")).toBeVisible();
    const [{ n: unread }] = await query<{ n: string }>(
      `SELECT count(*) AS n FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
      [datong],
    );
    expect(Number(unread)).toBe(0);
    await context.close();
  });

  test("preferences: a kind by email too, and the language of the emails, kept per user", async ({ page }) => {
    const datong = await userId("datong@demo.test");
    await query(`DELETE FROM "NotificationPreference" WHERE "userId" = $1`, [datong]);
    await setLocaleCookie(page, "zh-CN");
    await signInOk(page, "datong@demo.test");
    await page.goto("/notifications");
    await expect(page.getByTestId("notification-bell")).toHaveAttribute("aria-label", "通知，无未读");
    await page.getByRole("link", { name: "通知设置" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "通知设置" })).toBeVisible();
    // Defaults: a reply is in-app only, a proposal also by email.
    await expect(page.getByTestId("channel-REPLY_POSTED")).toHaveValue("IN_APP");
    await expect(page.getByTestId("channel-DECISION_PROPOSED")).toHaveValue("IN_APP_AND_EMAIL");

    await page.getByTestId("channel-REPLY_POSTED").selectOption("IN_APP_AND_EMAIL");
    await page.getByTestId("channel-DECISION_PROPOSED").selectOption("IN_APP");
    await page.getByLabel("邮件语言").selectOption("en");
    await page.getByRole("button", { name: "保存设置" }).click();
    await expect(page.getByRole("status")).toHaveText("设置已保存。");

    const rows = await query<{ kind: string; channel: string }>(
      `SELECT kind, channel FROM "NotificationPreference" WHERE "userId" = $1 ORDER BY kind`,
      [datong],
    );
    expect(rows.find((r) => r.kind === "REPLY_POSTED")?.channel).toBe("IN_APP_AND_EMAIL");
    expect(rows.find((r) => r.kind === "DECISION_PROPOSED")?.channel).toBe("IN_APP");
    const [{ emailLocale }] = await query<{ emailLocale: string }>(`SELECT "emailLocale" FROM "User" WHERE id = $1`, [
      datong,
    ]);
    expect(emailLocale).toBe("en");

    await page.reload();
    await expect(page.getByTestId("channel-REPLY_POSTED")).toHaveValue("IN_APP_AND_EMAIL");
    await expect(page.getByTestId("channel-DECISION_PROPOSED")).toHaveValue("IN_APP");
    await expect(page.getByLabel("邮件语言")).toHaveValue("en");

    // Back to the defaults, for the specs that follow.
    await query(`DELETE FROM "NotificationPreference" WHERE "userId" = $1`, [datong]);
    await query(`UPDATE "User" SET "emailLocale" = 'zh-CN' WHERE id = $1`, [datong]);
  });
});
