// Sign-in hardening (issue 7): security headers with a per-request CSP nonce on every kind of
// response, no CSP violation in real Chromium on the main pages, the lockout end to end, and
// sessions that expire (crafted session cookies, signed with the server's secret).
import { expect, request as http, test, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { BASE_URL, DEMO_PASSWORD, query, setLocaleCookie, signIn, signInOk } from "../support";
import { PortalClient } from "../support/server-actions";

// The server's secret and session cookie (plain HTTP on 127.0.0.1): see playwright.config.ts.
const SECRET = process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";
const COOKIE = "authjs.session-token";
const MANAGER_MINE = "1402260001";
const OFFICIAL_ID = 5; // prisma/seed/users.ts

const now = () => Math.floor(Date.now() / 1000);

/** A session cookie as the portal would issue it, with the claims given. */
async function sessionCookie(claims: Record<string, unknown>, maxAge = 8 * 3600, secret = SECRET): Promise<string> {
  const token = await encode({
    token: { sub: String(OFFICIAL_ID), uid: OFFICIAL_ID, email: "official@demo.test", sid: randomUUID(), ...claims },
    secret,
    salt: COOKIE,
    maxAge,
  });
  return `${COOKIE}=${token}`;
}

/** One request in a context of its own, so that no cookie jar carries a renewed cookie over. */
async function send(path: string, cookie: string) {
  const context = await http.newContext({ baseURL: BASE_URL });
  try {
    const response = await context.get(path, { headers: { cookie }, maxRedirects: 0 });
    const setCookie = response
      .headersArray()
      .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${COOKIE}=`))?.value;
    return { status: response.status(), location: response.headers()["location"] ?? "", setCookie };
  } finally {
    await context.dispose();
  }
}

/** Whether the portal treats the cookie as signed out: a portal page redirects to /login, the API says 401. */
async function signedOut(cookie: string) {
  const page = await send("/dashboard", cookie);
  const api = await send("/api/v1/metrics", cookie);
  const pageResult = page.status === 200 ? "page" : new URL(page.location, BASE_URL).pathname;
  return { page: pageResult, api: api.status };
}

/** A user of our own, so that locking it out disturbs no other test. */
async function tempUser(prefix: string, password: string): Promise<string> {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.invalid`;
  await query(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction) VALUES ($1, $2, $3, 'OFFICIAL', '')`,
    [email, "Sign-in test", bcrypt.hashSync(password, 10)],
  );
  return email;
}

const EXPECTED_HEADERS: Record<string, RegExp> = {
  "strict-transport-security": /^max-age=63072000; includeSubDomains$/,
  "x-frame-options": /^DENY$/,
  "referrer-policy": /^strict-origin-when-cross-origin$/,
  "x-content-type-options": /^nosniff$/,
  "permissions-policy": /^camera=\(\), microphone=\(\), geolocation=\(\)$/,
  "cross-origin-opener-policy": /^same-origin$/,
};

/** The field app's capture page (lib/field/contract.ts FIELD_PATH) alone may use this origin's camera. */
const FIELD_PERMISSIONS = /^camera=\(self\), microphone=\(\), geolocation=\(\)$/;

function expectSecurityHeaders(
  headers: Record<string, string>,
  what: string,
  csp = true,
  permissions = EXPECTED_HEADERS["permissions-policy"],
) {
  for (const [name, value] of Object.entries({ ...EXPECTED_HEADERS, "permissions-policy": permissions }))
    expect(headers[name], `${name} on ${what}`).toMatch(value);
  if (!csp) return;
  const policy = headers["content-security-policy"];
  expect(policy, `CSP on ${what}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/);
  for (const directive of [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
    expect(policy, `${directive} on ${what}`).toContain(directive);
  expect(policy).not.toContain("unsafe-eval");
}

const nonceOf = (headers: Record<string, string>) =>
  /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];

test.describe("security headers", () => {
  test("are on the login page, a portal page, API routes, a 404 and static files", async ({ request }) => {
    const login = await request.get("/login");
    expect(login.status()).toBe(200);
    expectSecurityHeaders(login.headers(), "/login");
    // a fresh nonce each time, and it is the one on the page's scripts
    const again = await request.get("/login");
    expect(nonceOf(again.headers())).not.toBe(nonceOf(login.headers()));
    const html = await login.text();
    const nonce = nonceOf(login.headers())!;
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

    const cookie = await sessionCookie({ signedInAt: now(), lastSeen: now() });
    const portal = await request.get(`/mines/${MANAGER_MINE}`, { headers: { cookie } });
    expect(new URL(portal.url()).pathname).toBe(`/mines/${MANAGER_MINE}`);
    expectSecurityHeaders(portal.headers(), "a mine page");

    // The field app may use the camera (this origin only), with its query too; no other page may.
    for (const path of ["/field", "/field?draft=x"]) {
      const field = await request.get(path, { headers: { cookie } });
      expect(field.status(), path).toBe(200);
      expectSecurityHeaders(field.headers(), path, true, FIELD_PERMISSIONS);
    }
    expectSecurityHeaders((await request.get("/fieldx")).headers(), "/fieldx");

    const metrics = await request.get("/api/v1/metrics", { headers: { cookie } });
    expect(metrics.status()).toBe(200);
    expectSecurityHeaders(metrics.headers(), "/api/v1/metrics");
    const grades = await request.get("/api/public/v1/grades?pageSize=1");
    expect(grades.status()).toBe(200);
    expectSecurityHeaders(grades.headers(), "/api/public/v1/grades");
    const health = await request.get("/api/health");
    expectSecurityHeaders(health.headers(), "/api/health");

    const missing = await request.get("/no-such-page-at-all");
    expect(missing.status()).toBe(404);
    expectSecurityHeaders(missing.headers(), "a 404");

    // A path that is not valid percent-encoding: refused by proxy.ts (Next.js's router answered a bare 500).
    const malformed = await request.get("/mines/1402260001/spot-checks/%/report.pdf");
    expect(malformed.status()).toBe(400);
    expectSecurityHeaders(malformed.headers(), "a malformed path");

    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const file = await request.get(asset!);
    expect(file.status()).toBe(200);
    expectSecurityHeaders(file.headers(), "a static file", false);
  });

  test("are on the icons, the manifest and robots.txt, with a policy that lets them load nothing", async ({
    request,
  }) => {
    for (const path of [
      "/favicon.ico",
      "/icon.svg",
      "/icon-192.png",
      "/icon-512.png",
      "/apple-touch-icon.png",
      "/manifest.webmanifest",
      "/robots.txt",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expectSecurityHeaders(response.headers(), path, false);
      expect(response.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  test("are on the service worker, whose own fetches may reach this origin only", async ({ request }) => {
    const response = await request.get("/serwist/sw.js");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/javascript/);
    expectSecurityHeaders(response.headers(), "/serwist/sw.js", false);
    expect(response.headers()["content-security-policy"]).toBe(
      "default-src 'self'; script-src 'self'; frame-ancestors 'none'",
    );
    // No shared cache may keep an old worker.
    expect(response.headers()["cache-control"]).toBe("no-cache");
  });
});

test.describe("content security policy in Chromium", () => {
  async function watchViolations(page: Page): Promise<string[]> {
    const violations: string[] = [];
    await page.exposeFunction("__reportCspViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(
          `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    return violations;
  }

  test("has no violation while signing in, on the dashboard, a mine page and the register; scripts still work", async ({
    page,
  }) => {
    const violations = await watchViolations(page);
    await setLocaleCookie(page, "en");
    await signInOk(page, "official@demo.test");

    await page.goto("/dashboard");
    await expect(page.locator(".recharts-surface").first()).toBeVisible();

    await page.goto(`/mines/${MANAGER_MINE}`);
    await expect(page.locator("h1")).toBeVisible();

    await page.goto("/register");
    await expect(page.locator("h1")).toBeVisible();

    // client-side code runs: the language switcher changes the language
    const heading = (await page.locator("h1").first().textContent()) ?? "";
    await page.getByTestId("language-switcher").selectOption("zh-CN");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator("h1").first()).not.toHaveText(heading);

    await page.goto("/no-such-page-at-all");
    await expect(page.locator("h1")).toBeVisible();
    expect(violations).toEqual([]);

    // the watch works: an image from another origin is refused and reported
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "http://203.0.113.1/pixel.png";
      document.body.append(img);
    });
    await expect.poll(() => violations.join("\n")).toMatch(/^img-src http:\/\/203\.0\.113\.1/m);
  });
});

test.describe("lockout", () => {
  test("5 wrong passwords lock the account; the right one is then refused; others are unaffected", async ({
    browser,
  }) => {
    const password = "granite-lantern-orchard-47";
    const locked = await tempUser("lockout", password);
    const other = await tempUser("unaffected", password);

    const attacker = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
    const page = await attacker.newPage();
    await setLocaleCookie(page, "en");
    const alert = page.locator("#login-error");
    for (let i = 1; i <= 4; i++) {
      await signIn(page, locked, `wrong-password-${i}`);
      await expect(alert).toHaveText("The email or password is incorrect.");
      await expect(page.locator('input[name="email"]')).toHaveValue(locked);
    }
    await signIn(page, locked, "wrong-password-5");
    await expect(alert).toHaveAttribute("data-error", "locked");
    await expect(alert).toContainText("Sign-in is temporarily locked");
    await expect(alert).toHaveText(/Try again after \d{1,2}:\d{2}( [AP]M)? \(in 1[45] minutes\)/);
    await expect(page.locator('input[name="email"]')).toHaveValue(locked);

    // the right password, from another address, in Chinese: still locked, and said in Chinese
    const owner = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" } });
    const ownerPage = await owner.newPage();
    await setLocaleCookie(ownerPage, "zh-CN");
    await signIn(ownerPage, locked, password);
    await expect(ownerPage.locator("#login-error")).toContainText("登录已暂时锁定");
    await expect(ownerPage).toHaveURL(/\/login/);

    // another account from another address signs in
    const bystander = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.99" } });
    const bystanderPage = await bystander.newPage();
    await signIn(bystanderPage, other, password);
    await expect(bystanderPage).not.toHaveURL(/\/login/);
    await expect(bystanderPage.getByTestId("current-user")).toBeVisible();

    const rows = await query<{ success: boolean }>(`SELECT success FROM "LoginAttempt" WHERE email = $1`, [locked]);
    expect(rows.filter((r) => !r.success)).toHaveLength(6);
    await Promise.all([attacker.close(), owner.close(), bystander.close()]);
  });
});

test.describe("sessions", () => {
  test("a fresh session works and is renewed; expired, idle, too old or foreign ones are signed out", async () => {
    const t = now();
    const fresh = await sessionCookie({ signedInAt: t - 600, lastSeen: t - 600 });
    expect(await signedOut(fresh)).toEqual({ page: "page", api: 200 });

    // a page load renews lastSeen (never signedInAt) in a new cookie
    const renewed = await send("/dashboard", fresh);
    expect(renewed.setCookie).toMatch(/HttpOnly/i);
    expect(renewed.setCookie).toMatch(/SameSite=Lax/i);
    const token = await decode({
      token: renewed.setCookie!.split(";")[0].slice(COOKIE.length + 1),
      secret: SECRET,
      salt: COOKIE,
    });
    expect(token?.signedInAt).toBe(t - 600);
    expect(Number(token?.lastSeen)).toBeGreaterThanOrEqual(t);
    // a session seen within the last minute is not rewritten
    expect(
      (await send("/dashboard", await sessionCookie({ signedInAt: t - 600, lastSeen: t }))).setCookie,
    ).toBeUndefined();

    const cases: Record<string, string> = {
      "JWT expired": await sessionCookie({ signedInAt: t - 600, lastSeen: t - 600 }, -60),
      "idle 31 minutes": await sessionCookie({ signedInAt: t - 3600, lastSeen: t - 31 * 60 }),
      "past 12 hours": await sessionCookie({ signedInAt: t - 12 * 3600 - 60, lastSeen: t - 60 }),
      "no session claims": await sessionCookie({}),
      "no session id": await sessionCookie({ signedInAt: t - 600, lastSeen: t - 600, sid: undefined }),
      "another secret": await sessionCookie(
        { signedInAt: t, lastSeen: t },
        3600,
        "not-the-server-secret-0123456789abc",
      ),
    };
    for (const [what, cookie] of Object.entries(cases)) {
      expect(await signedOut(cookie), what).toEqual({ page: "/login", api: 401 });
    }
    // and the cookie of a session that has ended is cleared
    for (const what of ["JWT expired", "idle 31 minutes", "past 12 hours"]) {
      expect((await send("/login", cases[what])).setCookie, what).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    }
  });

  test("signing out ends the session on the server: a copy of its cookie is refused, other sessions go on", async ({
    page,
  }) => {
    const other = new PortalClient();
    expect(await other.signIn("official@demo.test", DEMO_PASSWORD)).toBe(true);
    await setLocaleCookie(page, "en");
    await signInOk(page, "official@demo.test");
    const session = (await page.context().cookies()).find((c) => c.name === COOKIE);
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const copy = `${COOKIE}=${session!.value}`;
    expect(await signedOut(copy)).toEqual({ page: "page", api: 200 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.context().cookies()).find((c) => c.name === COOKIE)).toBeUndefined();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
    // The cookie taken before signing out is dead too, not only the browser's deleted copy ...
    expect(await signedOut(copy)).toEqual({ page: "/login", api: 401 });
    const sid = (await decode({ token: session!.value, secret: SECRET, salt: COOKIE }))?.sid;
    expect(await query(`SELECT 1 FROM "RevokedSession" WHERE sid = $1`, [sid])).toHaveLength(1);
    // ... while the same user's other session is untouched.
    expect((await other.get("/dashboard")).status).toBe(200);
  });

  test("a user deactivated while signed in is signed out at the next request", async ({ page }) => {
    const password = "basalt-meadow-river-93";
    const email = await tempUser("deactivated", password);
    await signIn(page, email, password);
    await expect(page.getByTestId("current-user")).toBeVisible();
    await query(`UPDATE "User" SET active = false WHERE email = $1`, [email]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("the demo password signs in where the demo runs (DEMO_MODE=1)", async ({ page }) => {
  await signIn(page, "datong@demo.test", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
});
