// The mine register kept by regulators (issue 12, item 4): registering a mine, editing it,
// enterprises, and production-status changes, against the real database. The status periods'
// shape is enforced twice: by PostgreSQL (exclusion constraint and deferred contiguity trigger,
// tried here in plain SQL) and by the service (a translated refusal before the database is asked).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import { buildRegisterTemplate } from "@/lib/import/register-template";
import type { Caller } from "@/lib/server/auth/scope";
import { metricsFor } from "@/lib/server/data/metrics";
import { ServiceError } from "@/lib/server/errors";
import { changeMineStatus } from "@/lib/server/services/change-mine-status";
import { createEnterprise } from "@/lib/server/services/create-enterprise";
import { editEnterprise } from "@/lib/server/services/edit-enterprise";
import { editMine } from "@/lib/server/services/edit-mine";
import { importRegister } from "@/lib/server/services/import-register";
import { registerMine } from "@/lib/server/services/register-mine";
import { scanStoppedMines } from "@/lib/server/services/scan-stopped-mines";
import type { ChangeStatusInput, RegisterMineInput } from "@/lib/validation/mine-register";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers, type DemoAccount } from "../support/demo-callers";
import { createGrade, createMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
let callers: Record<DemoAccount, Caller>;
/** A county of Datong (1402) with no mine yet, and one of Shanxi outside Datong. */
let emptyCounty: string;
let otherShanxiCounty: string;

beforeAll(async () => {
  callers = await demoCallers(db);
  const [empty] = await db.$queryRaw<{ code: string }[]>`
    SELECT r.code FROM "Region" r WHERE r.level = 'COUNTY' AND r.code LIKE '1402%'
       AND NOT EXISTS (SELECT 1 FROM "Mine" m WHERE m."countyCode" = r.code) ORDER BY r.code LIMIT 1`;
  const [other] = await db.$queryRaw<{ code: string }[]>`
    SELECT code FROM "Region" WHERE level = 'COUNTY' AND code LIKE '14%' AND code NOT LIKE '1402%' ORDER BY code LIMIT 1`;
  emptyCounty = empty.code;
  otherShanxiCounty = other.code;
});
afterAll(() => db.$disconnect());

function mineInput(over: Partial<RegisterMineInput> = {}): RegisterMineInput {
  return {
    countyCode: emptyCounty,
    sequence: "",
    name: "登记测试煤矿",
    nameEn: "Register Test Mine",
    enterpriseId: null,
    type: "UNDERGROUND",
    capacity: 90,
    gasGrade: "LOW",
    hydroType: "SIMPLE",
    rockBurst: false,
    combustionClass: "II",
    status: "NORMAL_PRODUCTION",
    effectiveOn: "2020-01-01",
    reason: "新建矿井投产",
    documentNo: "晋煤安〔2020〕1号",
    ...over,
  };
}

const change = (mineCode: string, status: ChangeStatusInput["status"], effectiveOn: string): ChangeStatusInput => ({
  mineCode,
  status,
  effectiveOn,
  reason: "test",
  documentNo: null,
});

async function periods(mineCode: string) {
  const rows = await db.$queryRaw<{ status: string; startedOn: string; endedOn: string | null }[]>`
    SELECT p.status::text, p."startedOn"::text AS "startedOn", p."endedOn"::text AS "endedOn"
      FROM "MineStatusPeriod" p JOIN "Mine" m ON m.id = p."mineId" WHERE m.code = ${mineCode} ORDER BY p."startedOn"`;
  return rows.map((r) => [r.status, r.startedOn, r.endedOn]);
}

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

async function producing(caller: Caller, scope: string, asOf = today): Promise<number> {
  const m = await metricsFor(caller, { scope, asOf, year: Number(asOf.slice(0, 4)) }, { db });
  return m.producing;
}

describe("registering a mine", () => {
  it("allocates the county's next free code, takes a typed free one, refuses a taken one", async () => {
    const first = await registerMine(callers.datong, mineInput(), { db, today });
    expect(first.mineCode).toBe(`${emptyCounty}0001`);
    const second = await registerMine(callers.datong, mineInput({ name: "登记测试二矿" }), { db, today });
    expect(second.mineCode).toBe(`${emptyCounty}0002`);
    const typed = await registerMine(callers.shanxi, mineInput({ sequence: "0042" }), { db, today });
    expect(typed.mineCode).toBe(`${emptyCounty}0042`);
    const next = await registerMine(callers.nmsa, mineInput(), { db, today });
    expect(next.mineCode).toBe(`${emptyCounty}0043`);

    const before = await db.mine.count();
    const taken = await refusal(registerMine(callers.datong, mineInput({ sequence: "0042" }), { db, today }));
    expect(taken.fieldErrors).toEqual({ sequence: "mineCodeTaken" });
    expect(await db.mine.count()).toBe(before);

    const mine = await db.mine.findUniqueOrThrow({ where: { code: first.mineCode }, include: { statusPeriods: true } });
    expect(mine).toMatchObject({
      provinceCode: "14",
      prefectureCode: emptyCounty.slice(0, 4),
      status: "NORMAL_PRODUCTION",
      capacity: 90,
    });
    expect(await periods(first.mineCode)).toEqual([["NORMAL_PRODUCTION", "2020-01-01", null]]);
    expect(mine.statusPeriods[0]).toMatchObject({ reason: "新建矿井投产", documentNo: "晋煤安〔2020〕1号" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mine.register", entityId: first.mineCode } });
    expect(audit).toMatchObject({ actorId: callers.datong.id, regionCode: emptyCounty });
  });

  it("registers only in the caller's jurisdiction, and only regulators do", async () => {
    const before = await db.mine.count();
    const outside = await refusal(
      registerMine(callers.datong, mineInput({ countyCode: otherShanxiCounty }), { db, today }),
    );
    expect(outside.fieldErrors).toEqual({ countyCode: "countyNotFound" });
    const notCounty = await refusal(registerMine(callers.shanxi, mineInput({ countyCode: "140200" }), { db, today }));
    expect(notCounty.fieldErrors).toEqual({ countyCode: "countyNotFound" });
    for (const who of ["admin", "official", "manager"] as const) {
      const e = await refusal(registerMine(callers[who], mineInput(), { db, today }));
      expect(e.code).toBe("FORBIDDEN");
    }
    const future = await refusal(registerMine(callers.shanxi, mineInput({ effectiveOn: "2999-01-01" }), { db, today }));
    expect(future.fieldErrors).toEqual({ effectiveOn: "dateInFuture" });
    expect(await db.mine.count()).toBe(before);
    // The provincial regulator reaches the other prefecture.
    const { mineCode } = await registerMine(callers.shanxi, mineInput({ countyCode: otherShanxiCounty }), {
      db,
      today,
    });
    expect(mineCode.startsWith(otherShanxiCounty)).toBe(true);
  });

  it("counts a registered producing mine in the dashboard's producing figure at once", async () => {
    const before = await producing(callers.shanxi, emptyCounty);
    await registerMine(callers.shanxi, mineInput({ name: "看板即时煤矿" }), { db, today });
    expect(await producing(callers.shanxi, emptyCounty)).toBe(before + 1);
  });
});

describe("production-status changes", () => {
  it("a change to stopped shows in the producing count at once, and closure is a change too", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const before = await producing(callers.datong, "140226");
    await changeMineStatus(callers.datong, change(mine.code, "STOPPED", today), { db, today });
    expect(await producing(callers.datong, "140226")).toBe(before - 1);
    expect(await db.mine.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ status: "STOPPED" });
    await changeMineStatus(callers.datong, change(mine.code, "CLOSED", today), { db, today });
    expect(await periods(mine.code)).toEqual([
      ["NORMAL_PRODUCTION", "2015-01-01", today],
      ["CLOSED", today, null],
    ]);
    const audit = await db.auditLog.findMany({
      where: { action: "mine.status", entityId: mine.code },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0].before).toMatchObject({ periods: [{ status: "NORMAL_PRODUCTION", endedOn: null }] });
  });

  it("a back-dated change splits the period covering its date and moves the figures of those dates", async () => {
    const mine = await createMine(db, {
      countyCode: "140226",
      periods: [
        { status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: "2022-01-01" },
        { status: "STOPPED", startedOn: "2022-01-01" },
      ],
    });
    const on2019 = await producing(callers.nmsa, "140226", "2019-06-01");
    const on2020 = await producing(callers.nmsa, "140226", "2020-06-01");
    await changeMineStatus(callers.nmsa, change(mine.code, "STOPPED", "2020-01-01"), { db, today });
    expect(await periods(mine.code)).toEqual([
      ["NORMAL_PRODUCTION", "2015-01-01", "2020-01-01"],
      ["STOPPED", "2020-01-01", "2022-01-01"],
      ["STOPPED", "2022-01-01", null],
    ]);
    expect(await producing(callers.nmsa, "140226", "2020-06-01")).toBe(on2020 - 1);
    expect(await producing(callers.nmsa, "140226", "2019-06-01")).toBe(on2019);
    // On a period's first day the change restates that period.
    await changeMineStatus(callers.nmsa, change(mine.code, "NORMAL_CONSTRUCTION", "2020-01-01"), { db, today });
    expect((await periods(mine.code))[1]).toEqual(["NORMAL_CONSTRUCTION", "2020-01-01", "2022-01-01"]);
  });

  it("refuses, with a message for the field, what would leave the history wrong, and changes nothing", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const before = await periods(mine.code);
    const same = await refusal(changeMineStatus(callers.datong, change(mine.code, "NORMAL_PRODUCTION", today), { db }));
    expect(same.fieldErrors).toEqual({ status: "statusUnchanged" });
    const early = await refusal(changeMineStatus(callers.datong, change(mine.code, "STOPPED", "2010-01-01"), { db }));
    expect(early.fieldErrors).toEqual({ effectiveOn: "statusBeforeHistory" });
    const future = await refusal(changeMineStatus(callers.datong, change(mine.code, "STOPPED", "2999-01-01"), { db }));
    expect(future.fieldErrors).toEqual({ effectiveOn: "dateInFuture" });
    const outside = await createMine(db, { countyCode: otherShanxiCounty });
    const scope = await refusal(changeMineStatus(callers.datong, change(outside.code, "STOPPED", today), { db }));
    expect(scope.code).toBe("NOT_FOUND");
    const admin = await refusal(changeMineStatus(callers.admin, change(mine.code, "STOPPED", today), { db }));
    expect(admin.code).toBe("FORBIDDEN");
    expect(await periods(mine.code)).toEqual(before);
    expect(await periods(outside.code)).toEqual([["NORMAL_PRODUCTION", "2015-01-01", null]]);
  });

  it("PostgreSQL itself refuses overlapping periods and gaps, and accepts a split written in one transaction", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const c = new pg.Client({ connectionString: databaseUrl() });
    await c.connect();
    try {
      await expect(
        c.query(`INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn") VALUES ($1, 'STOPPED', '2020-01-01')`, [
          mine.id,
        ]),
      ).rejects.toThrow(/MineStatusPeriod_no_overlap/);
      // A gap: the open period shortened with nothing after it is fine (a closed last period)...
      await c.query(`UPDATE "MineStatusPeriod" SET "endedOn" = '2020-01-01' WHERE "mineId" = $1`, [mine.id]);
      // ... but a next period that starts later leaves a gap, refused at commit.
      await expect(
        c.query(`INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn") VALUES ($1, 'STOPPED', '2020-03-01')`, [
          mine.id,
        ]),
      ).rejects.toThrow(/gap or overlap/);
      await expect(
        c.query(`UPDATE "MineStatusPeriod" SET "endedOn" = "startedOn" WHERE "mineId" = $1`, [mine.id]),
      ).rejects.toThrow(/MineStatusPeriod_ends_after_start/);
      await c.query("BEGIN");
      await c.query(`UPDATE "MineStatusPeriod" SET "endedOn" = '2019-01-01' WHERE "mineId" = $1`, [mine.id]);
      await c.query(
        `INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn", "endedOn") VALUES ($1, 'STOPPED', '2019-01-01', '2020-01-01'),
                ($1, 'NORMAL_PRODUCTION', '2020-01-01', NULL)`,
        [mine.id],
      );
      await c.query("COMMIT");
    } finally {
      await c.end();
    }
    expect(await periods(mine.code)).toEqual([
      ["NORMAL_PRODUCTION", "2015-01-01", "2019-01-01"],
      ["STOPPED", "2019-01-01", "2020-01-01"],
      ["NORMAL_PRODUCTION", "2020-01-01", null],
    ]);
  });

  it("a back-dated stop of a graded mine fires the stopped-mines trigger of the decisions page's scan", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    await createGrade(db, mine, { level: 2, announcedOn: addMonths(today, -12) });
    await scanStoppedMines(callers.datong, { db, today });
    const none = await db.decision.count({ where: { mineId: mine.id, reason: "PRODUCTION_STOPPED" } });
    expect(none).toBe(0);
    await changeMineStatus(callers.datong, change(mine.code, "STOPPED", addMonths(today, -7)), { db, today });
    await scanStoppedMines(callers.datong, { db, today });
    const decision = await db.decision.findFirstOrThrow({ where: { mineId: mine.id, reason: "PRODUCTION_STOPPED" } });
    expect(decision).toMatchObject({ status: "PROPOSED", type: "REVOCATION", fromLevel: 2 });
  });
});

describe("editing a mine and enterprises", () => {
  it("edits attributes version-checked, audits before and after, and a move of enterprise", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const { enterpriseId } = await createEnterprise(
      callers.datong,
      { name: `测试集团${mine.code}`, nameEn: null },
      { db },
    );
    const row = await db.mine.findUniqueOrThrow({ where: { id: mine.id } });
    const input = {
      mineCode: mine.code,
      version: row.version,
      name: "改名煤矿",
      nameEn: "Renamed Mine",
      enterpriseId,
      type: "UNDERGROUND" as const,
      capacity: 150,
      gasGrade: "HIGH" as const,
      hydroType: "COMPLEX" as const,
      rockBurst: true,
      combustionClass: "I" as const,
    };
    await editMine(callers.datong, input, { db });
    expect(await db.mine.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({
      name: "改名煤矿",
      capacity: 150,
      enterpriseId,
      rockBurst: true,
      version: row.version + 1,
    });
    const stale = await refusal(editMine(callers.datong, { ...input, name: "再改" }, { db }));
    expect(stale).toMatchObject({ code: "CONFLICT", messageKey: "mineChanged" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mine.edit", entityId: mine.code } });
    expect(audit.before).toMatchObject({ name: row.name, capacity: 120, enterpriseId: null });
    expect(audit.after).toMatchObject({ name: "改名煤矿", capacity: 150, enterpriseId });
    const moved = await db.auditLog.findFirstOrThrow({ where: { action: "mine.moveEnterprise", entityId: mine.code } });
    expect(moved.after).toEqual({ enterpriseId });
    const outside = await createMine(db, { countyCode: otherShanxiCounty });
    const out = await refusal(editMine(callers.datong, { ...input, mineCode: outside.code, version: 0 }, { db }));
    expect(out.code).toBe("NOT_FOUND");
  });

  it("creates enterprises with unique names; renames only those whose mines all lie in scope", async () => {
    const name = `山西测试能源${Date.now()}`;
    const { enterpriseId } = await createEnterprise(callers.datong, { name, nameEn: null }, { db });
    const dup = await refusal(createEnterprise(callers.shanxi, { name, nameEn: null }, { db }));
    expect(dup.fieldErrors).toEqual({ name: "enterpriseNameTaken" });
    await editEnterprise(
      callers.datong,
      { enterpriseId, version: 0, name: `${name}集团`, nameEn: "Test Energy" },
      { db },
    );
    const stale = await refusal(
      editEnterprise(callers.datong, { enterpriseId, version: 0, name, nameEn: null }, { db }),
    );
    expect(stale.messageKey).toBe("enterpriseChanged");
    // A mine outside Datong joins it: Datong may no longer rename it; Shanxi may.
    const outside = await createMine(db, { countyCode: otherShanxiCounty });
    await db.mine.update({ where: { id: outside.id }, data: { enterpriseId } });
    const out = await refusal(editEnterprise(callers.datong, { enterpriseId, version: 1, name, nameEn: null }, { db }));
    expect(out.code).toBe("NOT_FOUND");
    await editEnterprise(callers.shanxi, { enterpriseId, version: 1, name, nameEn: null }, { db });
    const admin = await refusal(createEnterprise(callers.admin, { name: `${name}X`, nameEn: null }, { db }));
    expect(admin.code).toBe("FORBIDDEN");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "enterprise.edit", entityId: String(enterpriseId) },
    });
    expect(audit.before).toEqual({ name, nameEn: null });
  });
});

describe("the register's bulk import", () => {
  const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
  const MINE_HEADER =
    "county_code,sequence,name,name_en,enterprise,type,capacity,gas_grade,hydro_type,rock_burst,combustion_class,status,effective_on,reason,document_no";

  it("registers every mine of a file, or none, with each problem at its row and column", async () => {
    const before = await db.mine.count();
    const bad = [
      MINE_HEADER,
      `${emptyCounty},,导入一矿,,,UNDERGROUND,90,LOW,SIMPLE,false,II,NORMAL_PRODUCTION,2021-03-01,,`,
      `${otherShanxiCounty},,导入二矿,,,SHAFT,90,LOW,SIMPLE,,II,STOPPED,2021/3/1,,`,
      `${emptyCounty},,,,不存在的企业,OPEN_PIT,0,LOW,SIMPLE,,II,STOPPED,2021-13-01,,`,
    ].join("\n");
    const refused = await importRegister(callers.datong, "mines", file("mines.csv", bad), { db, today });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "type", message: "problems.enumInvalid" }),
        expect.objectContaining({ row: 4, column: "name", message: "problems.required" }),
        expect.objectContaining({ row: 4, column: "capacity", message: "problems.capacityInvalid" }),
        expect.objectContaining({ row: 4, column: "effective_on", message: "problems.dateInvalid" }),
      ]),
    );
    // Rows the schema accepts are then refused by the register's own checks, still writing nothing.
    const scoped = [
      MINE_HEADER,
      `${emptyCounty},,导入一矿,,,UNDERGROUND,90,LOW,SIMPLE,false,II,NORMAL_PRODUCTION,2021-03-01,,`,
      `${otherShanxiCounty},,导入二矿,,,UNDERGROUND,90,LOW,SIMPLE,,II,STOPPED,2021/3/1,,`,
      `${emptyCounty},,导入三矿,,不存在的企业,OPEN_PIT,60,LOW,SIMPLE,,II,STOPPED,2021-03-01,,`,
    ].join("\n");
    const outOfScope = await importRegister(callers.datong, "mines", file("mines.csv", scoped), { db, today });
    expect(outOfScope).toEqual({
      ok: false,
      omitted: 0,
      errors: [
        { row: 3, column: "county_code", message: "problems.countyNotFound", params: { value: otherShanxiCounty } },
        { row: 4, column: "enterprise", message: "problems.enterpriseNotFound", params: { value: "不存在的企业" } },
      ],
    });
    expect(await db.mine.count()).toBe(before);

    const good = [
      MINE_HEADER,
      `${emptyCounty},,导入一矿,Import One,,UNDERGROUND,90,LOW,SIMPLE,false,II,NORMAL_PRODUCTION,2021-03-01,,`,
      `${emptyCounty},0500,导入二矿,,,open_pit,60,high,simple,true,I,STOPPED,2021/3/1,停产,文号1`,
    ].join("\n");
    const done = await importRegister(callers.datong, "mines", file("mines.csv", good), { db, today });
    expect(done).toEqual({ ok: true, imported: 2 });
    expect(await db.mine.count()).toBe(before + 2);
    expect(await periods(`${emptyCounty}0500`)).toEqual([["STOPPED", "2021-03-01", null]]);
    expect(await db.auditLog.count({ where: { action: "register.import.mines" } })).toBe(1);
  });

  it("records status changes in row order, all or nothing, and they show in the producing count", async () => {
    const a = await createMine(db, { countyCode: "140226" });
    const b = await createMine(db, { countyCode: "140226" });
    const producingBefore = await producing(callers.datong, "140226");
    const header = "mine_code,status,effective_on,reason,document_no";
    const bad = [header, `${a.code},STOPPED,${today},,`, `${b.code},NORMAL_PRODUCTION,${today},,`].join("\n");
    const refused = await importRegister(callers.datong, "statuses", file("s.csv", bad), { db, today });
    expect(refused).toEqual({
      ok: false,
      omitted: 0,
      errors: [{ row: 3, column: "status", message: "problems.statusUnchanged", params: { value: today } }],
    });
    expect(await periods(a.code)).toEqual([["NORMAL_PRODUCTION", "2015-01-01", null]]);
    expect(await producing(callers.datong, "140226")).toBe(producingBefore);

    const good = [
      header,
      `${a.code},STOPPED,2020-01-01,,`,
      `${a.code},NORMAL_PRODUCTION,2021-01-01,,`,
      `${b.code},CLOSED,${today},关闭,`,
    ].join("\n");
    expect(await importRegister(callers.datong, "statuses", file("s.csv", good), { db, today })).toEqual({
      ok: true,
      imported: 3,
    });
    expect(await periods(a.code)).toEqual([
      ["NORMAL_PRODUCTION", "2015-01-01", "2020-01-01"],
      ["STOPPED", "2020-01-01", "2021-01-01"],
      ["NORMAL_PRODUCTION", "2021-01-01", null],
    ]);
    expect(await producing(callers.datong, "140226")).toBe(producingBefore - 1);
    const foreign = await createMine(db, { countyCode: otherShanxiCounty });
    const scope = await importRegister(
      callers.datong,
      "statuses",
      file("s.csv", `${header}\n${foreign.code},STOPPED,${today},,`),
      {
        db,
        today,
      },
    );
    expect(scope).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: "mine_code", message: "problems.mineNotFound" }],
    });
    const admin = await refusal(importRegister(callers.admin, "statuses", file("s.csv", good), { db, today }));
    expect(admin.code).toBe("FORBIDDEN");
  });

  it("offers templates whose unchanged example imports nothing, with formula-safe text", async () => {
    for (const kind of ["mines", "statuses"] as const) {
      const csv = await buildRegisterTemplate(kind, "csv", today);
      const result = await importRegister(callers.nmsa, kind, { name: "t.csv", bytes: csv }, { db, today });
      expect(result.ok).toBe(false);
      const xlsx = await buildRegisterTemplate(kind, "xlsx", today);
      const fromXlsx = await importRegister(callers.nmsa, kind, { name: "t.xlsx", bytes: xlsx }, { db, today });
      expect(fromXlsx).toMatchObject({ ok: false, errors: [{ row: 2 }] });
    }
  });
});
