// The user-account administration (issue 12): reach and scope on every operation, version
// conflicts, audit without the password hash, one-time passwords that must be replaced, lockouts
// lifted and sessions ended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadCaller, loadSessionUser } from "@/lib/server/auth/load-caller";
import { checkPasswordPolicy } from "@/lib/server/auth/password-policy";
import { MAX_FAILURES_PER_EMAIL } from "@/lib/server/auth/rate-limit";
import type { Caller } from "@/lib/server/auth/scope";
import { listUsers, userForAdmin } from "@/lib/server/data/users";
import { ServiceError } from "@/lib/server/errors";
import { changeOwnPassword } from "@/lib/server/services/change-own-password";
import { createUser } from "@/lib/server/services/create-user";
import { endUserSessions } from "@/lib/server/services/end-user-sessions";
import { liftUserLockout } from "@/lib/server/services/lift-user-lockout";
import { linkUserMine } from "@/lib/server/services/link-user-mine";
import { resetUserPassword } from "@/lib/server/services/reset-user-password";
import { setUserActive } from "@/lib/server/services/set-user-active";
import { updateUser } from "@/lib/server/services/update-user";
import { demoCallers, type DemoAccount } from "../support/demo-callers";
import { testDb } from "../support/db";
import { createMine } from "../support/factories";

const db = testDb();
let demo: Record<DemoAccount, Caller>;
beforeAll(async () => {
  demo = await demoCallers(db);
});
afterAll(() => db.$disconnect());

let n = 0;
const email = (what: string) => `${what}-${Date.now()}-${++n}@admin.test`;

async function refused(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

async function version(id: number) {
  return (await db.user.findUniqueOrThrow({ where: { id } })).version;
}

describe("creating accounts", () => {
  it("gives a one-time password that meets the policy, must be replaced, and is audited without the hash", async () => {
    const address = email("prov");
    const { userId, password } = await createUser(
      demo.admin,
      { email: address, name: "Inner Mongolia", role: "PROVINCIAL_REGULATOR", jurisdiction: "15" },
      { db },
    );
    expect(checkPasswordPolicy(password, address).ok).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row).toMatchObject({ mustChangePassword: true, role: "PROVINCIAL_REGULATOR", jurisdiction: "15" });
    expect(row.passwordHash).not.toContain(password);
    // Signs in, but is nobody to the portal until the password is replaced.
    expect((await authenticate(db, address, password, "")).ok).toBe(true);
    expect(await loadCaller(db, userId)).toBeNull();
    expect((await loadSessionUser(db, userId))?.mustChangePassword).toBe(true);
    const auditRow = await db.auditLog.findFirstOrThrow({ where: { entity: "User", entityId: String(userId) } });
    expect(auditRow.action).toBe("user.create");
    expect(JSON.stringify(auditRow.after)).not.toMatch(/passwordHash|\$2[aby]\$/);
    expect(JSON.stringify(auditRow.after)).not.toContain(password);

    // Replacing it: the current one is asked for, the policy applies, then the portal lets them in.
    expect(
      (
        await refused(
          changeOwnPassword({ id: userId, email: address }, { current: "wrong", password: "x", confirm: "x" }, { db }),
        )
      ).fieldErrors,
    ).toEqual({ current: "currentWrong" });
    expect(
      (
        await refused(
          changeOwnPassword(
            { id: userId, email: address },
            { current: password, password: "password1234", confirm: "password1234" },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ password: "password_weak" });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).mustChangePassword).toBe(true);
    await changeOwnPassword(
      { id: userId, email: address },
      { current: password, password: "Grassland-Steppe-2026", confirm: "Grassland-Steppe-2026" },
      { db },
    );
    expect((await loadCaller(db, userId))?.role).toBe("PROVINCIAL_REGULATOR");
    expect((await authenticate(db, address, password, "")).ok).toBe(false);
    expect((await authenticate(db, address, "Grassland-Steppe-2026", "")).ok).toBe(true);
  });

  it("a provincial regulator creates local regulators, officials and managers in its province only", async () => {
    const shanxi = demo.shanxi;
    await createUser(
      shanxi,
      { email: email("local"), name: "Local", role: "LOCAL_REGULATOR", jurisdiction: "1404" },
      { db },
    );
    await createUser(shanxi, { email: email("off"), name: "Official", role: "OFFICIAL", jurisdiction: "14" }, { db });
    for (const [role, jurisdiction] of [
      ["LOCAL_REGULATOR", "1502"],
      ["PROVINCIAL_REGULATOR", "14"],
      ["NATIONAL_REGULATOR", ""],
      ["ADMIN", ""],
      ["OFFICIAL", ""],
      ["LOCAL_REGULATOR", "14"],
    ] as const) {
      const before = await db.user.count();
      const e = await refused(createUser(shanxi, { email: email("x"), name: "X", role, jurisdiction }, { db }));
      expect(e.fieldErrors, `${role} ${jurisdiction}`).toEqual({ jurisdiction: "beyondReach" });
      expect(await db.user.count()).toBe(before);
    }
  });

  it("a local regulator creates only mine managers of its area; officials and managers create nobody", async () => {
    await createUser(
      demo.datong,
      { email: email("mgr"), name: "M", role: "MINE_MANAGER", jurisdiction: "140226" },
      { db },
    );
    expect(
      (
        await refused(
          createUser(
            demo.datong,
            { email: email("mgr"), name: "M", role: "MINE_MANAGER", jurisdiction: "140403" },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ jurisdiction: "beyondReach" });
    expect(
      (
        await refused(
          createUser(demo.datong, { email: email("o"), name: "O", role: "OFFICIAL", jurisdiction: "1402" }, { db }),
        )
      ).fieldErrors,
    ).toEqual({ jurisdiction: "beyondReach" });
    for (const who of [demo.official, demo.manager, demo.nmsa])
      expect(
        (
          await refused(
            createUser(who, { email: email("m"), name: "M", role: "MINE_MANAGER", jurisdiction: "140226" }, { db }),
          )
        ).code,
      ).toBe("FORBIDDEN");
  });

  it("refuses a taken email and a region that is not in the table", async () => {
    expect(
      (
        await refused(
          createUser(demo.admin, { email: "nmsa@demo.test", name: "N", role: "OFFICIAL", jurisdiction: "" }, { db }),
        )
      ).fieldErrors,
    ).toEqual({ email: "emailTaken" });
    expect(
      (
        await refused(
          createUser(demo.admin, { email: email("r"), name: "R", role: "OFFICIAL", jurisdiction: "9999" }, { db }),
        )
      ).fieldErrors,
    ).toEqual({ jurisdiction: "regionUnknown" });
  });
});

describe("changing accounts", () => {
  it("lists and opens only accounts within reach", async () => {
    const other = await createUser(
      demo.admin,
      { email: email("gs"), name: "Gansu", role: "LOCAL_REGULATOR", jurisdiction: "6201" },
      { db },
    );
    const listed = await listUsers(demo.shanxi, { page: 1 }, { db });
    expect(listed!.rows.every((r) => r.jurisdiction.startsWith("14") && r.role !== "PROVINCIAL_REGULATOR")).toBe(true);
    expect(await userForAdmin(demo.shanxi, other.userId, { db })).toBeNull();
    expect(await userForAdmin(demo.admin, other.userId, { db })).not.toBeNull();
    expect(await listUsers(demo.official, { page: 1 }, { db })).toBeNull();
    // Out of reach is absent, and nothing changes.
    const v = await version(other.userId);
    expect((await refused(setUserActive(demo.shanxi, { userId: other.userId, version: v }, false, { db }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (
        await refused(
          updateUser(
            demo.shanxi,
            { userId: other.userId, version: v, name: "X", role: "LOCAL_REGULATOR", jurisdiction: "1402" },
            { db },
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await version(other.userId)).toBe(v);
  });

  it("cannot widen an account beyond the editor's reach, nor edit or disable oneself", async () => {
    const { userId } = await createUser(
      demo.shanxi,
      { email: email("l"), name: "L", role: "LOCAL_REGULATOR", jurisdiction: "1402" },
      { db },
    );
    const v = await version(userId);
    expect(
      (
        await refused(
          updateUser(
            demo.shanxi,
            { userId, version: v, name: "L", role: "PROVINCIAL_REGULATOR", jurisdiction: "14" },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ jurisdiction: "beyondReach" });
    expect(
      (
        await refused(
          updateUser(
            demo.shanxi,
            { userId, version: v, name: "L", role: "LOCAL_REGULATOR", jurisdiction: "1502" },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ jurisdiction: "beyondReach" });
    await updateUser(
      demo.shanxi,
      { userId, version: v, name: "L2", role: "LOCAL_REGULATOR", jurisdiction: "1404" },
      { db },
    );
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      name: "L2",
      jurisdiction: "1404",
      version: v + 1,
    });
    const admin = demo.admin;
    expect(
      (await refused(setUserActive(admin, { userId: admin.id, version: await version(admin.id) }, false, { db })))
        .messageKey,
    ).toBe("notYourself");
    expect(
      (
        await refused(
          updateUser(
            admin,
            { userId: admin.id, version: await version(admin.id), name: "A", role: "OFFICIAL", jurisdiction: "" },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ role: "notYourself" });
  });

  it("detects a concurrent edit by the version", async () => {
    const { userId } = await createUser(
      demo.admin,
      { email: email("c"), name: "C", role: "OFFICIAL", jurisdiction: "" },
      { db },
    );
    const v = await version(userId);
    await updateUser(demo.admin, { userId, version: v, name: "First", role: "OFFICIAL", jurisdiction: "" }, { db });
    const e = await refused(
      updateUser(demo.admin, { userId, version: v, name: "Second", role: "OFFICIAL", jurisdiction: "" }, { db }),
    );
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "userChanged" });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).name).toBe("First");
  });

  it("disables (the account's sessions stop at once) and enables, each audited with before and after", async () => {
    const { userId } = await createUser(
      demo.admin,
      { email: email("d"), name: "D", role: "OFFICIAL", jurisdiction: "14" },
      { db },
    );
    await db.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
    await setUserActive(demo.shanxi, { userId, version: await version(userId) }, false, { db });
    expect(await loadCaller(db, userId)).toBeNull();
    await setUserActive(demo.shanxi, { userId, version: await version(userId) }, true, { db });
    expect(await loadCaller(db, userId)).not.toBeNull();
    const rows = await db.auditLog.findMany({
      where: { entity: "User", entityId: String(userId) },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual(["user.create", "user.disable", "user.enable"]);
    expect(rows[1].before).toMatchObject({ active: true });
    expect(rows[1].after).toMatchObject({ active: false });
    expect(rows[1].actorId).toBe(demo.shanxi.id);
  });

  it("ends all sessions: a session from before is refused, a new sign-in works", async () => {
    const { userId } = await createUser(
      demo.admin,
      { email: email("s"), name: "S", role: "OFFICIAL", jurisdiction: "" },
      { db },
    );
    await db.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
    const signedInAt = Math.floor(Date.now() / 1000);
    expect(await loadCaller(db, userId, { sid: "old", signedInAt })).not.toBeNull();
    await endUserSessions(demo.admin, { userId, version: await version(userId) }, { db });
    expect(await loadCaller(db, userId, { sid: "old", signedInAt })).toBeNull();
    expect(await loadCaller(db, userId, { sid: "new", signedInAt: signedInAt + 2 })).not.toBeNull();
  });

  it("resets a password: a new one-time password, old sessions end, the user must replace it", async () => {
    const address = email("p");
    const { userId, password: first } = await createUser(
      demo.datong,
      { email: address, name: "P", role: "MINE_MANAGER", jurisdiction: "140226" },
      { db },
    );
    await db.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
    const signedInAt = Math.floor(Date.now() / 1000);
    const { password } = await resetUserPassword(demo.datong, { userId, version: await version(userId) }, { db });
    expect(password).not.toBe(first);
    expect(await loadSessionUser(db, userId, { sid: "old", signedInAt })).toBeNull();
    expect((await loadSessionUser(db, userId))?.mustChangePassword).toBe(true);
    expect((await authenticate(db, address, password, "")).ok).toBe(true);
    const row = await db.auditLog.findFirstOrThrow({
      where: { entity: "User", entityId: String(userId), action: "user.resetPassword" },
    });
    expect(JSON.stringify([row.before, row.after])).not.toContain(password);
    expect(JSON.stringify(row.after)).not.toMatch(/passwordHash/);
  });

  it("lifts a lockout: the right password works again at once", async () => {
    const address = email("lock");
    const { userId, password } = await createUser(
      demo.admin,
      { email: address, name: "Lock", role: "OFFICIAL", jurisdiction: "" },
      { db },
    );
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await authenticate(db, address, "wrong", "10.9.9.9");
    expect(await authenticate(db, address, password, "10.9.9.9")).toMatchObject({ ok: false, reason: "locked" });
    expect((await userForAdmin(demo.admin, userId, { db }))?.lockedUntil).not.toBeNull();
    const { failuresCleared } = await liftUserLockout(demo.admin, { userId, version: await version(userId) }, { db });
    expect(failuresCleared).toBeGreaterThanOrEqual(MAX_FAILURES_PER_EMAIL);
    expect((await userForAdmin(demo.admin, userId, { db }))?.lockedUntil).toBeNull();
    expect((await authenticate(db, address, password, "10.9.9.8")).ok).toBe(true);
    expect(
      await db.auditLog.count({ where: { entity: "User", entityId: String(userId), action: "user.liftLockout" } }),
    ).toBe(1);
  });

  it("links a manager to a mine the caller sees, within its reach", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const outside = await createMine(db, { countyCode: "140403" });
    const { userId } = await createUser(
      demo.datong,
      { email: email("link"), name: "Link", role: "MINE_MANAGER", jurisdiction: "140226" },
      { db },
    );
    expect(
      (await refused(linkUserMine(demo.datong, { userId, version: await version(userId), mineId: outside.id }, { db })))
        .fieldErrors,
    ).toEqual({ mineId: "mineUnknown" });
    await linkUserMine(demo.datong, { userId, version: await version(userId), mineId: mine.id }, { db });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      mineId: mine.id,
      jurisdiction: "140226",
    });
    // The province may move the manager to a mine elsewhere in Shanxi; Datong then no longer reaches the account.
    await linkUserMine(demo.shanxi, { userId, version: await version(userId), mineId: outside.id }, { db });
    expect(await userForAdmin(demo.datong, userId, { db })).toBeNull();
  });
});
