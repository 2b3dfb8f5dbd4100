// Sign-in hardening (issue 7): the temporary lockout per account and per address, derived from the
// LoginAttempt rows; production mode refusing policy-breaking passwords (the demo one) after they
// verify; the seed refusing demo accounts in production; scripts/user-set-password.ts.
import { spawnSync } from "node:child_process";
import bcrypt from "bcryptjs";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadCaller } from "@/lib/server/auth/load-caller";
import { ACCOUNT_LOCKOUT, ADDRESS_LOCKOUT } from "@/lib/server/auth/lockout";
import { hashPassword } from "@/lib/server/auth/password";
import { isProductionMode } from "@/lib/server/env";
import { demoSeedRefused, seedDemo } from "@/prisma/seed/index";
import { databaseUrl, testDb } from "../support/db";

// Watches bcrypt (lib/server/auth/password.ts calls it through this default export).
const compare = vi.spyOn(bcrypt, "compare");

const db = testDb();
afterAll(() => db.$disconnect());
afterEach(() => {
  vi.unstubAllEnvs();
});

const MIN = 60_000;
let n = 0;
const unique = () => `${process.pid}-${Date.now()}-${++n}`;
/** A fixed clock per test, far from the real one, so the rows of different tests never meet. */
const clock = () => new Date(Date.parse("2031-01-01T00:00:00Z") + n * 24 * 3600 * 1000);
const ipOf = () => `198.51.${n % 250}.${Math.floor(Math.random() * 250)}`;

async function tempUser(password = "right-password-42") {
  const email = `hardening-${unique()}@test.invalid`;
  await db.user.create({
    data: { email, name: "Temp", role: "OFFICIAL", jurisdiction: "14", passwordHash: await hashPassword(password) },
  });
  return { email, password };
}

beforeEach(() => {
  compare.mockClear();
});

describe("account lockout", () => {
  it("locks after 5 failures in 15 minutes until 15 minutes after the last, refusing the right password unhashed", async () => {
    const { email, password } = await tempUser();
    const t0 = clock();
    const ip = ipOf();
    const tick = (ms: number) => ({ now: new Date(t0.getTime() + ms), productionMode: false });
    for (let i = 0; i < ACCOUNT_LOCKOUT.maxFailures - 1; i++)
      expect(await authenticate(db, email, "wrong", ip, tick(i * MIN))).toEqual({ ok: false, reason: "invalid" });
    const lastFailure = 4 * MIN;
    // the failure that locks says so
    expect(await authenticate(db, email, "wrong", ip, tick(lastFailure))).toEqual({
      ok: false,
      reason: "locked",
      until: new Date(t0.getTime() + lastFailure + 15 * MIN),
    });
    compare.mockClear();

    const locked = await authenticate(db, email, password, ip, tick(5 * MIN));
    expect(locked).toEqual({ ok: false, reason: "locked", until: new Date(t0.getTime() + lastFailure + 15 * MIN) });
    expect(compare).not.toHaveBeenCalled();
    // still locked 1 ms before the end, from any address; the refused attempts do not extend it
    expect(await authenticate(db, email, password, ipOf(), tick(lastFailure + 15 * MIN - 1))).toMatchObject({
      reason: "locked",
      until: new Date(t0.getTime() + lastFailure + 15 * MIN),
    });
    expect(compare).not.toHaveBeenCalled();
    expect(await db.loginAttempt.count({ where: { email, success: false } })).toBe(7);

    // open again at the end, and the right password then works
    expect(await authenticate(db, email, password, ip, tick(lastFailure + 15 * MIN))).toMatchObject({ ok: true });
    expect(await db.loginAttempt.count({ where: { email, success: true } })).toBe(1);
  });

  it("does not lock for failures spread over more than 15 minutes", async () => {
    const { email, password } = await tempUser();
    const t0 = clock().getTime();
    const ip = ipOf();
    for (let i = 0; i < 8; i++)
      await authenticate(db, email, "wrong", ip, { now: new Date(t0 + i * 4 * MIN), productionMode: false });
    expect(
      await authenticate(db, email, password, ip, { now: new Date(t0 + 32 * MIN), productionMode: false }),
    ).toMatchObject({ ok: true });
  });

  it("counts and locks unknown emails the same way, without telling them apart", async () => {
    const email = `nobody-${unique()}@test.invalid`;
    const ip = ipOf();
    const now = clock();
    for (let i = 0; i < ACCOUNT_LOCKOUT.maxFailures - 1; i++)
      expect(await authenticate(db, email, "guess", ip, { now, productionMode: false })).toEqual({
        ok: false,
        reason: "invalid",
      });
    expect(await authenticate(db, email, "guess", ip, { now, productionMode: false })).toMatchObject({
      reason: "locked",
    });
  });

  it("sees failures still in flight, so parallel guesses cannot pass the lock", async () => {
    const { email, password } = await tempUser();
    const now = clock();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => authenticate(db, email, "wrong", ipOf(), { now, productionMode: false })),
    );
    // each attempt is recorded before it is decided: at most a few get to bcrypt
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(12 - 8);
    expect(await authenticate(db, email, password, ipOf(), { now, productionMode: false })).toMatchObject({
      reason: "locked",
    });
  });
});

describe("address lockout", () => {
  it("locks an address after 30 failures, for every account, and leaves other addresses alone", async () => {
    const { email, password } = await tempUser();
    const ip = `203.0.113.${(n % 200) + 1}`;
    const t0 = clock().getTime();
    for (let i = 0; i < ADDRESS_LOCKOUT.maxFailures; i++)
      await authenticate(db, `spray-${unique()}@test.invalid`, "guess", ip, {
        now: new Date(t0 + i * 1000),
        productionMode: false,
      });
    const now = new Date(t0 + 60_000);
    expect(await authenticate(db, email, password, ip, { now, productionMode: false })).toEqual({
      ok: false,
      reason: "locked",
      until: new Date(t0 + 29_000 + 15 * MIN),
    });
    expect(await authenticate(db, email, password, ipOf(), { now, productionMode: false })).toMatchObject({
      ok: true,
    });
  });
});

describe("production mode", () => {
  it("is NODE_ENV=production without DEMO_MODE=1", () => {
    expect(isProductionMode({ NODE_ENV: "production" })).toBe(true);
    expect(isProductionMode({ NODE_ENV: "production", DEMO_MODE: "0" })).toBe(true);
    expect(isProductionMode({ NODE_ENV: "production", DEMO_MODE: "1" })).toBe(false);
    expect(isProductionMode({ NODE_ENV: "development" })).toBe(false);
    expect(isProductionMode({ NODE_ENV: "test" })).toBe(false);
  });

  it("refuses the demo password once it verifies, and says nothing more to a wrong one", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    expect(isProductionMode()).toBe(true);
    expect(await authenticate(db, "official@demo.test", "demo-password", ipOf())).toEqual({
      ok: false,
      reason: "password_not_allowed",
    });
    expect(await authenticate(db, "official@demo.test", "not-the-password", ipOf())).toEqual({
      ok: false,
      reason: "invalid",
    });
    // and the refusal is counted as a failure
    const [last] = await db.loginAttempt.findMany({
      where: { email: "official@demo.test" },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(last.success).toBe(false);
  });

  it("lets a policy-abiding password in", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    const { email, password } = await tempUser("granite-lantern-orchard-47");
    expect(await authenticate(db, email, password, ipOf())).toMatchObject({ ok: true });
  });

  it("allows the demo password in demo mode", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
    expect(isProductionMode()).toBe(false);
    expect(await authenticate(db, "official@demo.test", "demo-password", ipOf())).toMatchObject({ ok: true });
  });

  it("makes the seed refuse to create the demo accounts", async () => {
    expect(demoSeedRefused({ NODE_ENV: "production" })).toBe(true);
    expect(demoSeedRefused({ NODE_ENV: "production", DEMO_MODE: "1" })).toBe(false);
    expect(demoSeedRefused({})).toBe(false);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    // refused before it touches the database (this URL would not even connect)
    await expect(seedDemo("postgresql://nobody@127.0.0.1:1/none")).rejects.toThrow(/production mode/);
  });
});

describe("scripts/user-set-password.ts", () => {
  function setPassword(email: string, password: string, via: "env" | "stdin" = "env") {
    const r = spawnSync("npx", ["tsx", "scripts/user-set-password.ts", email], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        NEW_PASSWORD: via === "env" ? password : undefined,
      },
      input: via === "stdin" ? `${password}\n` : "",
      encoding: "utf8",
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it("applies the policy always and stores a bcrypt hash that then signs in under production mode", async () => {
    const { email } = await tempUser();
    const weak = setPassword(email, "demo-password");
    expect(weak.status).toBe(1);
    expect(weak.output).toMatch(/known weak or demo password/);
    expect(setPassword(email, "short").output).toMatch(/shorter than 12 characters/);

    const earlier = { sid: `earlier-${unique()}`, signedInAt: Math.floor(Date.now() / 1000) - 60 };
    const before = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await loadCaller(db, before.id, earlier)).not.toBeNull();
    const strong = setPassword(email, "basalt-meadow-river-93", "stdin");
    expect(strong.status, strong.output).toBe(0);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    // the new password ends the sessions signed in before it
    expect(await loadCaller(db, user.id, earlier)).toBeNull();
    expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    // audited once, without the hash; the refused attempts left no row
    const audit = await db.auditLog.findMany({ where: { entity: "User", entityId: String(user.id) } });
    expect(audit.map((a) => a.action)).toEqual(["user.setPassword"]);
    expect(JSON.stringify(audit[0].after)).not.toContain("$2");
    expect(await authenticate(db, email, "basalt-meadow-river-93", ipOf(), { productionMode: true })).toMatchObject({
      ok: true,
    });

    expect(setPassword(`missing-${unique()}@test.invalid`, "basalt-meadow-river-93").status).toBe(1);
  });
});
