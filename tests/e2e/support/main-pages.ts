// The main pages of each role (product.md's roles, tests/e2e/security/roles.ts), for the checks that
// visit every page: accessibility (a11y.spec.ts) and the phone layout (phone.spec.ts). A page is listed
// for a role when the role may open it; the mine is the demo manager's, which every regulator's
// jurisdiction contains.
import { expect, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, MANAGER_MINE_CODE, may, type Role } from "../security/roles";
import { query } from "../support";

export interface PageFixtures {
  spotCheckId: number;
  applicationId: number;
  noticeId: number;
}

export async function pageFixtures(): Promise<PageFixtures> {
  const [spotCheck] = await query<{ id: number }>(
    `SELECT s.id FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId"
      WHERE m.code = $1 AND s.status = 'COMPLETED' ORDER BY s.id LIMIT 1`,
    [MANAGER_MINE_CODE],
  );
  const [application] = await query<{ id: number }>(
    `SELECT a.id FROM "GradeApplication" a JOIN "Mine" m ON m.id = a."mineId"
      WHERE m.code = $1 AND a.state <> 'DRAFT' ORDER BY a.id LIMIT 1`,
    [MANAGER_MINE_CODE],
  );
  const [notice] = await query<{ id: number }>(
    `SELECT id FROM "GradeApplication" WHERE state = 'PUBLIC_NOTICE' AND "noticeStartsOn" IS NOT NULL
       AND "noticeEndsOn" >= (now() AT TIME ZONE 'Asia/Shanghai')::date ORDER BY id LIMIT 1`,
  );
  // The demo seed has all three; without them the lists below would silently shrink.
  expect(spotCheck, "a completed spot-check of the manager's mine").toBeDefined();
  expect(application, "an application of the manager's mine").toBeDefined();
  expect(notice, "an application under public notice").toBeDefined();
  return { spotCheckId: spotCheck.id, applicationId: application.id, noticeId: notice.id };
}

export function mainPages(role: Role, f: PageFixtures): string[] {
  const mine = `/mines/${MANAGER_MINE_CODE}`;
  if (role === "PUBLIC")
    return [
      "/",
      "/login",
      "/register",
      "/register/decisions",
      `/register/mines/${MANAGER_MINE_CODE}`,
      "/notices",
      `/notices/${f.noticeId}`,
    ];
  // Every signed-in user has an inbox (issue 15.1) and notifications (issue 15).
  const pages = ["/home", "/inbox", "/notifications", "/notifications/preferences"];
  if (may(role, "read.mine")) pages.push("/mines", mine, `${mine}/timeline`, `${mine}/spot-checks/${f.spotCheckId}`);
  if (may(role, "read.dashboard")) pages.push("/dashboard");
  if (may(role, "work.decisions")) pages.push("/decisions");
  if (may(role, "read.audit")) pages.push("/audit");
  if (may(role, "run.jobs")) pages.push("/admin/jobs");
  if (may(role, "read.applications")) pages.push("/applications", `/applications/${f.applicationId}`);
  if (may(role, "write.selfAssessment")) pages.push("/applications/new");
  if (may(role, "write.spotCheck"))
    pages.push(
      `${mine}/spot-checks/new`,
      `${mine}/spot-checks/${f.spotCheckId}/edit`,
      `${mine}/accidents/new`,
      "/spot-checks/import",
    );
  return pages;
}

/** Signs the role's demo account in (nothing for PUBLIC). */
export async function signInAs(page: Page, role: Role) {
  if (role === "PUBLIC") return;
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(ACCOUNTS[role].email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens a page and waits until its client parts (charts, forms) have rendered. */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await page.waitForLoadState("networkidle");
}
