// `npm run user:create` (scripts/user-create.ts), spawned as an operator runs it: the password from
// NEW_PASSWORD or standard input under the policy, refusals with a message and a non-zero status that
// write nothing, an audit row with the account, and a hash that signs in through the real sign-in
// code (lib/server/auth/authenticate.ts) in production mode.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { databaseUrl, testDb } from "../support/db";

const root = path.resolve(import.meta.dirname, "..", "..");
const db = testDb();
afterAll(() => db.$disconnect());

let n = 0;
const email = () => `cli-${process.pid}-${Date.now()}-${++n}@test.invalid`;
const ip = () => `203.0.113.${(n * 7) % 250}`;
const STRONG = "basalt-meadow-river-93";

function userCreate(args: string[], password: { env?: string; stdin?: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl(), NODE_ENV: "production" };
  delete env.DEMO_MODE;
  if (password.env === undefined) delete env.NEW_PASSWORD;
  else env.NEW_PASSWORD = password.env;
  const r = spawnSync("npm", ["run", "-s", "user:create", "--", ...args], {
    cwd: root,
    env,
    input: password.stdin ?? "",
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

async function usersNamed(address: string) {
  return db.user.findMany({ where: { email: address } });
}

describe("npm run user:create", () => {
  it("creates an ADMIN with the password from NEW_PASSWORD, audited, that signs in in production mode", async () => {
    const address = email();
    const r = userCreate(["--email", address.toUpperCase(), "--role", "ADMIN", "--name", "第一管理员"], {
      env: STRONG,
    });
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain(`Created ADMIN ${address}`);
    const [user] = await usersNamed(address);
    expect(user).toMatchObject({ email: address, name: "第一管理员", role: "ADMIN", jurisdiction: "", active: true });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    const audit = await db.auditLog.findMany({ where: { entity: "User", entityId: String(user.id) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "user.create", actorId: null });
    expect(audit[0].after).toMatchObject({ email: address, role: "ADMIN", jurisdiction: "" });

    expect(await authenticate(db, address, STRONG, ip(), { productionMode: true })).toMatchObject({
      ok: true,
      user: { id: user.id, email: address },
    });
    expect(await authenticate(db, address, `${STRONG}x`, ip(), { productionMode: true })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("reads the password from standard input, and checks the jurisdiction against the role and the regions", async () => {
    const address = email();
    const wrongLevel = userCreate(["--email", address, "--role", "PROVINCIAL_REGULATOR", "--jurisdiction", "1402"], {
      stdin: `${STRONG}\n`,
    });
    expect(wrongLevel.status).toBe(1);
    expect(wrongLevel.output).toMatch(/jurisdiction is a province; 1402 is a prefecture/);
    const missing = userCreate(["--email", address, "--role", "LOCAL_REGULATOR"], { stdin: `${STRONG}\n` });
    expect(missing.status).toBe(1);
    expect(missing.output).toMatch(/needs --jurisdiction/);
    const unknown = userCreate(["--email", address, "--role", "OFFICIAL", "--jurisdiction", "999999"], {
      stdin: `${STRONG}\n`,
    });
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/No region with the code 999999/);
    const national = userCreate(["--email", address, "--role", "ADMIN", "--jurisdiction", "14"], {
      stdin: `${STRONG}\n`,
    });
    expect(national.status).toBe(1);
    expect(national.output).toMatch(/national: leave out --jurisdiction/);
    expect(await usersNamed(address)).toEqual([]);

    const r = userCreate(["--email", address, "--role", "PROVINCIAL_REGULATOR", "--jurisdiction", "14"], {
      stdin: `${STRONG}\n`,
    });
    expect(r.status, r.output).toBe(0);
    const [user] = await usersNamed(address);
    expect(user).toMatchObject({ role: "PROVINCIAL_REGULATOR", jurisdiction: "14", name: address.split("@")[0] });
    expect(await authenticate(db, address, STRONG, ip(), { productionMode: true })).toMatchObject({ ok: true });
  });

  it("refuses a password the policy refuses, a duplicate and bad input, with a message and no write", async () => {
    const address = email();
    const weak = userCreate(["--email", address, "--role", "ADMIN"], { env: "demo-password" });
    expect(weak.status).toBe(1);
    expect(weak.output).toMatch(/Password refused: .*known weak or demo password/);
    const short = userCreate(["--email", address, "--role", "ADMIN"], { stdin: "short\n" });
    expect(short.status).toBe(1);
    expect(short.output).toMatch(/shorter than 12 characters/);
    expect(await usersNamed(address)).toEqual([]);

    expect(userCreate(["--email", address, "--role", "ADMIN"], { env: STRONG }).status).toBe(0);
    const again = userCreate(["--email", address.toUpperCase(), "--role", "OFFICIAL"], {
      env: "another-strong-pass-71",
    });
    expect(again.status).toBe(1);
    expect(again.output).toContain(`A user with the email ${address} already exists.`);
    const [user] = await usersNamed(address);
    expect(user.role).toBe("ADMIN");
    // The first password still holds; the duplicate's never did.
    expect(await authenticate(db, address, STRONG, ip(), { productionMode: true })).toMatchObject({ ok: true });

    const usage: [string[], RegExp][] = [
      [["--role", "ADMIN"], /--email is required/],
      [["--email", "not-an-email", "--role", "ADMIN"], /Not an email address/],
      [["--email", email(), "--role", "BOSS"], /Unknown role BOSS/],
      [["--email", email(), "--role", "MINE_MANAGER"], /created in the portal/],
      [["--email", email(), "--role", "ADMIN", "--mine", "1"], /Unknown option '--mine'/],
    ];
    for (const [args, message] of usage) {
      const r = userCreate(args, { env: STRONG });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.output).toMatch(message);
    }
  });
});
