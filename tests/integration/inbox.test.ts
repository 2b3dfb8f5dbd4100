// The inbox (issue 15.1) against the real database: for each rule and role the situation is built with
// the factories, the item appears for the user who acts, with its link and deadline, and not for a user
// of another jurisdiction or the wrong tier (the decision-authority configuration decides the tier).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import { addDays } from "@/lib/domain/inbox";
import type { Caller } from "@/lib/server/auth/scope";
import { listApplications } from "@/lib/server/data/applications";
import { listDecisions } from "@/lib/server/data/decisions";
import { inboxFor, type InboxItem } from "@/lib/server/data/inbox";
import { demoCallers } from "../support/demo-callers";
import { addReply } from "@/lib/server/services/add-reply";
import { amendSpotCheck } from "@/lib/server/services/amend-spot-check";
import { testDb } from "../support/db";
import {
  createApplication,
  createDecision,
  createGrade,
  createMine,
  createSpotCheck,
  createUser,
  type TestMine,
} from "../support/factories";

const db = testDb();
const today = todayInChina();
const u: Record<string, Caller> = {};
let datong: TestMine;
let otherCounty: string;
let ningxiaCounty: string;

beforeAll(async () => {
  const county = async (prefix: string) =>
    (
      await db.region.findFirstOrThrow({
        where: { level: "COUNTY", code: { startsWith: prefix } },
        orderBy: { code: "asc" },
      })
    ).code;
  otherCounty = await county("1401"); // Taiyuan, Shanxi: outside Datong
  ningxiaCounty = await county("64");
  datong = await createMine(db, { countyCode: "140226" });
  u.national = await createUser(db, "NATIONAL_REGULATOR");
  u.shanxi = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "14" });
  u.datong = await createUser(db, "LOCAL_REGULATOR", { jurisdiction: "1402" });
  u.taiyuan = await createUser(db, "LOCAL_REGULATOR", { jurisdiction: "1401" });
  u.ningxia = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "64" });
  u.admin = await createUser(db, "ADMIN");
  u.official = await createUser(db, "OFFICIAL");
});
afterAll(() => db.$disconnect());

const itemsOf = async (caller: Caller) => (await inboxFor(caller, { db, today })).items;
const find = (items: InboxItem[], key: string) => items.find((i) => i.key === key);
async function expectOnlyFor(key: string, yes: Caller[], no: Caller[]) {
  for (const c of yes) expect(find(await itemsOf(c), key), `${c.role} ${c.jurisdiction} sees ${key}`).toBeDefined();
  for (const c of no) expect(find(await itemsOf(c), key), `${c.role} ${c.jurisdiction} sees ${key}`).toBeUndefined();
}

describe("regulators", () => {
  it("a proposal waits for the confirmer the configuration names: the province, not the local or national tier", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const grade = await createGrade(db, mine, { level: 2, announcedOn: addMonths(today, -12) });
    const d = await createDecision(db, mine, grade, {
      type: "DOWNGRADE",
      reason: "MANAGEMENT_SLIDE",
      status: "PROPOSED",
      proposedOn: addDays(today, -3),
    });
    await expectOnlyFor(`proposal:${d.id}`, [u.shanxi], [u.datong, u.national, u.taiyuan, u.ningxia, u.admin]);
    const item = find(await itemsOf(u.shanxi), `proposal:${d.id}`)!;
    expect(item).toMatchObject({ href: "/decisions?status=PROPOSED", since: addDays(today, -3), actionable: true });
    expect(item.values).toMatchObject({ fromLevel: 2, toLevel: 3, reason: "MANAGEMENT_SLIDE" });
  });

  it("a province's own configuration moves the proposal to NMSA (the function the confirm action uses)", async () => {
    const row = await db.provinceGradingConfig.create({
      data: {
        provinceCode: "64",
        level: 2,
        reviewerKind: "PREFECTURE",
        graderKind: "PROVINCIAL",
        proposerKind: "PREFECTURE",
        confirmerKind: "NATIONAL",
        publisherKind: "NATIONAL",
      },
    });
    try {
      const mine = await createMine(db, { countyCode: ningxiaCounty });
      const grade = await createGrade(db, mine, { level: 2, announcedOn: addMonths(today, -12) });
      const d = await createDecision(db, mine, grade, {
        type: "REVOCATION",
        reason: "FALSIFICATION",
        status: "PROPOSED",
        proposedOn: today,
      });
      await expectOnlyFor(`proposal:${d.id}`, [u.national], [u.ningxia, u.shanxi]);
    } finally {
      await db.provinceGradingConfig.delete({ where: { id: row.id } });
    }
  });

  it("an application waits at the step of its body: Datong reviews a Level 2 application, Shanxi assesses it", async () => {
    const submitted = await createApplication(db, await createMine(db, { countyCode: "140226" }), {
      appliedLevel: 2,
      state: "SUBMITTED",
      submittedOn: addDays(today, -6),
      announcedOn: addDays(today, 60),
      today,
    });
    await expectOnlyFor(`application:${submitted.id}`, [u.datong], [u.shanxi, u.national, u.taiyuan, u.ningxia]);
    const review = find(await itemsOf(u.datong), `application:${submitted.id}`)!;
    expect(review).toMatchObject({ href: `/applications/${submitted.id}`, variant: "PASS_REVIEW" });

    const reviewed = await createApplication(db, await createMine(db, { countyCode: "140226" }), {
      appliedLevel: 2,
      state: "INITIAL_REVIEW_PASSED",
      submittedOn: addDays(today, -80),
      announcedOn: addDays(today, 40),
      today,
    });
    await expectOnlyFor(`application:${reviewed.id}`, [u.shanxi], [u.datong, u.national, u.ningxia]);
    expect(find(await itemsOf(u.shanxi), `application:${reviewed.id}`)?.variant).toBe("ASSESS");
  });

  it("an open objection waits for the body that grades the level, in its jurisdiction only", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const app = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "PUBLIC_NOTICE",
      submittedOn: addDays(today, -70),
      announcedOn: addDays(today, 5),
      today,
    });
    const objection = await db.objection.create({
      data: { applicationId: app.id, name: "张三", contact: "13800000000", text: "测试：异议" },
    });
    await expectOnlyFor(`objection:${objection.id}`, [u.shanxi], [u.datong, u.national, u.ningxia, u.official]);
    expect(find(await itemsOf(u.shanxi), `objection:${objection.id}`)?.href).toBe(`/applications/${app.id}`);
    await db.objection.update({ where: { id: objection.id }, data: { status: "DISMISSED" } });
    expect(find(await itemsOf(u.shanxi), `objection:${objection.id}`)).toBeUndefined();
  });

  it("a finding past its rectification date shows in every jurisdiction over the mine, with the overdue deadline", async () => {
    const check = await createSpotCheck(db, datong, {
      checkedOn: addDays(today, -40),
      level: 2,
      findings: [
        { rectifyBy: addDays(today, -5) },
        { rectifyBy: addDays(today, -5), rectifiedOn: addDays(today, -6) },
        { rectifyBy: addDays(today, 10) },
      ],
    });
    const [overdue, rectified, notYet] = check.findings;
    await expectOnlyFor(
      `overdueFinding:${overdue.id}`,
      [u.datong, u.shanxi, u.national],
      [u.taiyuan, u.ningxia, u.admin],
    );
    const item = find(await itemsOf(u.datong), `overdueFinding:${overdue.id}`)!;
    expect(item).toMatchObject({
      deadline: addDays(today, -5),
      href: `/mines/${datong.code}/spot-checks/${check.id}/edit`,
    });
    const keys = (await itemsOf(u.datong)).map((i) => i.key);
    expect(keys).not.toContain(`overdueFinding:${rectified.id}`);
    expect(keys).not.toContain(`overdueFinding:${notYet.id}`);
  });

  it("a grade ending within 180 days shows, with its last valid day; one ending later does not", async () => {
    const soon = await createMine(db, { countyCode: "140226" });
    const later = await createMine(db, { countyCode: "140226" });
    const g1 = await createGrade(db, soon, {
      level: 2,
      announcedOn: addMonths(today, -30),
      validUntil: addDays(today, 60),
    });
    const g2 = await createGrade(db, later, {
      level: 2,
      announcedOn: addMonths(today, -24),
      validUntil: addDays(today, 200),
    });
    await expectOnlyFor(`gradeEnding:${g1.id}`, [u.datong, u.shanxi, u.national], [u.taiyuan, u.ningxia]);
    const item = find(await itemsOf(u.shanxi), `gradeEnding:${g1.id}`)!;
    expect(item).toMatchObject({ deadline: addDays(today, 59), href: `/mines/${soon.code}`, variant: "noApplication" });
    expect(find(await itemsOf(u.shanxi), `gradeEnding:${g2.id}`)).toBeUndefined();
  });

  it("a manager's reply waits for the body that recorded the spot-check until the spot-check is amended", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const check = await createSpotCheck(db, mine, {
      checkedOn: addDays(today, -10),
      level: 2,
      findings: [{ rectifyBy: addDays(today, 20) }],
    });
    const findingId = check.findings[0].id;
    await addReply(manager, { target: "finding", targetId: findingId, text: "已安排整改" }, { db });
    // The factory's spot-checks are the province's (Shanxi): Datong did not record it.
    await expectOnlyFor(`reply:finding:${findingId}`, [u.shanxi], [u.datong, u.national, u.ningxia]);
    expect(find(await itemsOf(u.shanxi), `reply:finding:${findingId}`)?.href).toBe(
      `/mines/${mine.code}/spot-checks/${check.id}`,
    );
    await amendSpotCheck(
      u.shanxi,
      { mineCode: mine.code, spotCheckId: check.id, version: 0, team: "测试抽查组", notes: "已答复", rectifiedOn: {} },
      { db, today },
    );
    expect(find(await itemsOf(u.shanxi), `reply:finding:${findingId}`)).toBeUndefined();
  });
});

describe("mine managers", () => {
  it("open findings with their rectification dates, a new decision until replied to, the application and the grade", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const otherManager = await createUser(db, "MINE_MANAGER", {
      mine: await createMine(db, { countyCode: otherCounty }),
    });
    const grade = await createGrade(db, mine, {
      level: 2,
      announcedOn: addMonths(today, -33),
      validUntil: addDays(today, 90),
    });
    const check = await createSpotCheck(db, mine, {
      checkedOn: addDays(today, -20),
      level: 2,
      findings: [{ rectifyBy: addDays(today, -1) }, { rectifyBy: addDays(today, 30), rectifiedOn: addDays(today, -2) }],
    });
    const app = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "SUBMITTED",
      submittedOn: addDays(today, -4),
      announcedOn: addDays(today, 70),
      today,
    });

    const items = await itemsOf(manager);
    const finding = find(items, `finding:${check.findings[0].id}`);
    expect(finding).toMatchObject({
      deadline: addDays(today, -1),
      href: `/mines/${mine.code}/spot-checks/${check.id}`,
      actionable: true,
    });
    expect(find(items, `finding:${check.findings[1].id}`)).toBeUndefined();
    // The application waits for Datong's initial review (Shanxi's Level 2 row): information, not counted.
    expect(find(items, `myApplication:${app.id}`)).toMatchObject({
      variant: "SUBMITTED",
      actionable: false,
      href: `/applications/${app.id}`,
      values: { body: "PREFECTURE" },
    });
    // The grade ends within 180 days, but an application is running: shown, not counted.
    expect(find(items, `myGrade:${grade.id}`)).toMatchObject({
      variant: "ending",
      deadline: addDays(today, 89),
      actionable: false,
    });
    for (const i of await itemsOf(otherManager)) expect(i.mine.code).not.toBe(mine.code);
    // Regulators never get a manager's kinds.
    for (const i of await itemsOf(u.shanxi))
      expect(["finding", "decision", "myApplication", "myGrade"]).not.toContain(i.kind);
  });

  it("a grade ending without an application is the manager's to act on; a confirmed decision waits until replied to", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const old = await createGrade(db, mine, { level: 1, announcedOn: addMonths(today, -20) });
    const d = await createDecision(db, mine, old, {
      type: "DOWNGRADE",
      reason: "MANAGEMENT_SLIDE",
      status: "CONFIRMED",
      proposedOn: addDays(today, -8),
      toLevel: 2,
      effectiveOn: addDays(today, -5),
    });
    let inbox = await inboxFor(manager, { db, today });
    expect(find(inbox.items, `decision:${d.id}`)).toMatchObject({ href: `/mines/${mine.code}`, actionable: true });
    // The downgrade's grade keeps the old validity (16 months left): information only.
    expect(find(inbox.items, `myGrade:${d.startedGrade!.id}`)).toMatchObject({ variant: "valid", actionable: false });
    expect(inbox.total).toBe(inbox.items.filter((i) => i.actionable).length);
    await addReply(manager, { target: "decision", targetId: d.id, text: "我矿申请复核" }, { db });
    inbox = await inboxFor(manager, { db, today });
    expect(find(inbox.items, `decision:${d.id}`)).toBeUndefined();

    const ending = await createMine(db, { countyCode: "140226" });
    const endingManager = await createUser(db, "MINE_MANAGER", { mine: ending });
    const g = await createGrade(db, ending, {
      level: 3,
      announcedOn: addMonths(today, -34),
      validUntil: addDays(today, 30),
    });
    const mineInbox = await inboxFor(endingManager, { db, today });
    expect(find(mineInbox.items, `myGrade:${g.id}`)).toMatchObject({
      variant: "ending",
      actionable: true,
      href: "/applications/new",
      deadline: addDays(today, 29),
    });
    expect(mineInbox.counts.myGrade).toBe(1);
  });
});

describe("a manager's application turned back", () => {
  it("is listed for 30 days after it was turned back, then no more", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    // Turned back at the initial review five days after submission (the factory's calendar).
    const recent = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "REJECTED",
      submittedOn: addDays(today, -10),
      announcedOn: addDays(today, 35),
      today,
    });
    const old = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "REJECTED",
      submittedOn: addDays(today, -200),
      announcedOn: addDays(today, -155),
      today,
    });
    const items = await itemsOf(manager);
    expect(find(items, `myApplication:${recent.id}`)).toMatchObject({ variant: "REJECTED", actionable: false });
    expect(find(items, `myApplication:${old.id}`)).toBeUndefined();
    await expectOnlyFor(`myApplication:${recent.id}`, [manager], [u.shanxi, u.datong, u.national]);
  });
});

describe("the pages where the users act agree with the inbox", () => {
  it("for each demo regulator, the proposals and applications listed are those its pages let it act on", async () => {
    const demo = await demoCallers(db);
    for (const caller of [demo.nmsa, demo.shanxi, demo.datong]) {
      const items = await itemsOf(caller);
      const decisions = await listDecisions(caller, { status: "PROPOSED", pageSize: 10_000 }, { db });
      expect(
        items
          .filter((i) => i.kind === "proposal")
          .map((i) => i.key)
          .sort(),
        caller.email,
      ).toEqual(
        decisions.items
          .filter((d) => d.canDecide)
          .map((d) => `proposal:${d.id}`)
          .sort(),
      );
      const apps = await listApplications(caller, { state: "open", pageSize: 10_000 }, { db, today });
      const forward = ["PASS_REVIEW", "ASSESS", "START_NOTICE", "ANNOUNCE"];
      expect(
        items
          .filter((i) => i.kind === "application")
          .map((i) => i.key)
          .sort(),
        caller.email,
      ).toEqual(
        apps.items
          .filter((a) => a.acts.some((x) => forward.includes(x)))
          .map((a) => `application:${a.id}`)
          .sort(),
      );
      const objections = apps.items
        .filter((a) => a.acts.includes("RESOLVE_OBJECTION"))
        .reduce((n, a) => n + a.openObjections, 0);
      expect(items.filter((i) => i.kind === "objection").length, caller.email).toBe(objections);
    }
  });
});

describe("roles without anything to act on", () => {
  it("ADMIN and OFFICIAL get an empty inbox that says why, even with work waiting in their scope", async () => {
    for (const c of [u.admin, u.official]) {
      const inbox = await inboxFor(c, { db, today });
      expect(inbox.items).toEqual([]);
      expect(inbox.total).toBe(0);
      expect(inbox.audience).toBe(c.role === "ADMIN" ? "admin" : "official");
    }
    // … while the national regulator, over the same mines, has items.
    expect((await inboxFor(u.national, { db, today })).total).toBeGreaterThan(0);
  });

  it("items are sorted by deadline, then by how long they waited", async () => {
    const items = await itemsOf(u.shanxi);
    const withDeadline = items.filter((i) => i.deadline !== null);
    expect(withDeadline.length).toBeGreaterThan(1);
    const first = items.findIndex((i) => i.deadline === null);
    if (first >= 0) expect(items.slice(first).every((i) => i.deadline === null)).toBe(true);
    for (let k = 1; k < withDeadline.length; k++)
      expect(withDeadline[k - 1].deadline! <= withDeadline[k].deadline!).toBe(true);
  });
});
