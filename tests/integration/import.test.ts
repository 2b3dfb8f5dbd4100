// Bulk import of spot-checks from CSV and XLSX against the real seeded database (issue: "Bulk import
// of spot-checks … if any row is bad, nothing is written … 10,000 rows in one transaction").
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import { addDays } from "@/lib/domain/triggers";
import { templateColumns } from "@/lib/import/spot-check-template";
import type { Caller } from "@/lib/server/auth/scope";
import { allRuleSets } from "@/lib/server/data/rules";
import { importSpotChecks, type ImportResult } from "@/lib/server/services/import-spot-checks";
import { MAX_REPORTED_ERRORS } from "@/lib/validation/import-limits";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};
let ruleSets: RuleSet[] = [];
let columns: string[] = [];
/** Mines a test relies on for its own assertions; the large import leaves them alone. */
const reserved = new Set<number>();

interface MineLite {
  id: number;
  code: string;
  type: MineType;
}

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
  ruleSets = await allRuleSets({ db });
  columns = templateColumns(ruleSets).map((c) => c.name);
});
afterAll(() => db.$disconnect());

function rulesOn(date: string): RuleSet | undefined {
  return [...ruleSets].reverse().find((r) => r.effectiveFrom <= date);
}

/** A row for `mine` with every element of its type under the rules of `date` scored `score`. */
function row(
  mine: { code: string; type: MineType },
  date: string,
  score: number | string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const cells: Record<string, string> = {
    mine_code: mine.code,
    checked_on: date,
    type: "ROUTINE",
    team: "Import test team",
    conclusion: "GRADE_MAINTAINED",
    major_hidden_dangers: "0",
  };
  // A date without rules (or not a date) still gets the columns of today's rules.
  for (const e of elementsFor((rulesOn(date) ?? rulesOn(today))!, mine.type)) cells[e.code] = String(score);
  return { ...cells, ...extra };
}

function csv(rows: Record<string, string>[], header = columns): { name: string; bytes: Uint8Array } {
  const text = Papa.unparse({ fields: header, data: rows.map((r) => header.map((c) => r[c] ?? "")) });
  return { name: "spot-checks.csv", bytes: new TextEncoder().encode(`\uFEFF${text}\r\n`) };
}

async function counts() {
  const [spotChecks, scoresheets, elementScores, hiddenDangers, decisions, audits, imports] = await Promise.all([
    db.spotCheck.count(),
    db.scoresheet.count(),
    db.elementScore.count(),
    db.hiddenDanger.count(),
    db.decision.count(),
    db.auditLog.count(),
    db.auditLog.count({ where: { entity: "SpotCheckImport" } }),
  ]);
  return { spotChecks, scoresheets, elementScores, hiddenDangers, decisions, audits, imports };
}

function failure(result: ImportResult) {
  if (result.ok) throw new Error(`expected the import to fail, it imported ${result.imported}`);
  return result;
}

async function mines(where: object, take: number): Promise<MineLite[]> {
  return db.mine.findMany({
    where: { id: { notIn: [...reserved] }, ...where },
    select: { id: true, code: true, type: true },
    orderBy: { id: "asc" },
    take,
  });
}

describe("a file with bad rows", () => {
  it("writes nothing and reports each bad row with its row number and column", async () => {
    const shanxi = await mines({ provinceCode: "14" }, 40);
    const guizhou = (await mines({ provinceCode: "52" }, 1))[0];
    const underground = shanxi.find((m) => m.type === "UNDERGROUND")!;
    const rows = Array.from({ length: 200 }, (_, i) => row(shanxi[i % shanxi.length], addDays(today, -(i % 90)), 88));
    // Rows are numbered as a spreadsheet shows them: the header is row 1, rows[i] is row i + 2.
    rows.splice(50, 0, row(underground, today, 88, { E07: "120" }));
    rows.splice(120, 0, row(underground, today, 88, { mine_code: "9999999999" }));
    rows.push(row(guizhou, today, 88));
    const before = await counts();
    const result = failure(await importSpotChecks(callers.shanxi, csv(rows), { db, today }));
    expect(result.errors).toEqual([
      // Today's rules: the 2026 measures, in force since 2026-06-27 (rules-evidence.md [B]).
      {
        row: 52,
        column: "E07",
        message: "problems.score_OUT_OF_RANGE",
        params: { ruleVersion: rulesOn(today)?.code, value: "120" },
      },
      { row: 122, column: "mine_code", message: "problems.mineNotFound", params: { value: "9999999999" } },
      // Out of the caller's jurisdiction reads exactly like a code that does not exist.
      { row: 204, column: "mine_code", message: "problems.mineNotFound", params: { value: guizhou.code } },
    ]);
    expect(result.omitted).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("reports every kind of problem in a row, and unknown or missing columns in the header", async () => {
    const [ug] = await mines({ provinceCode: "14", type: "UNDERGROUND" }, 1);
    const rows = [
      row(ug, addDays(today, 1), 90, { type: "SURPRISE", team: "", major_hidden_dangers: "-1", E03: "", P01: "80" }),
      row(ug, "2025-02-30", 90, { conclusion: "", E05: "ninety" }),
      row(ug, "2010-05-01", 90, { mine_code: "", E06: "85.555", E07: "NA", E08: "缺项" }),
    ];
    const result = failure(await importSpotChecks(callers.shanxi, csv(rows), { db, today }));
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "checked_on", "problems.dateInFuture"],
      [2, "type", "problems.enumInvalid"],
      [2, "team", "problems.required"],
      [2, "major_hidden_dangers", "problems.countInvalid"],
      [3, "checked_on", "problems.dateInvalid"],
      [3, "conclusion", "problems.required"],
      [4, "mine_code", "problems.required"],
      [4, "checked_on", "problems.noRuleVersion"],
    ]);
    // With a mine and a date the scores are checked against the rules of that date.
    const scored = failure(
      await importSpotChecks(
        callers.shanxi,
        csv([row(ug, today, 90, { E03: "", P01: "80", E05: "ninety" }), row(ug, today, 90, { E06: "85.555" })]),
        { db, today },
      ),
    );
    expect(scored.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "E03", "problems.score_MISSING"],
      [2, "E05", "problems.score_NOT_A_NUMBER"],
      [2, "P01", "problems.score_UNKNOWN_ELEMENT"],
      [3, "E06", "problems.scoreTooPrecise"],
    ]);
    const header = failure(
      await importSpotChecks(
        callers.shanxi,
        csv([row(ug, today, 90)], [...columns.filter((c) => c !== "team"), "X99"]),
        { db, today },
      ),
    );
    expect(header.errors).toEqual([
      { row: 1, column: "team", message: "problems.columnMissing" },
      { row: 1, column: "X99", message: "problems.columnUnknown" },
    ]);
  });

  it(`lists at most ${MAX_REPORTED_ERRORS} problems and counts the rest`, async () => {
    const rows = Array.from({ length: 600 }, (_, i) => row({ code: `NOPE${i}`, type: "UNDERGROUND" }, today, 90));
    const result = failure(await importSpotChecks(callers.nmsa, csv(rows), { db, today }));
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.omitted).toBe(100);
  });
});

describe("authorization", () => {
  it("refuses roles without spotCheck.record and writes nothing", async () => {
    const [m] = await mines({ provinceCode: "14" }, 1);
    const before = await counts();
    for (const who of ["official", "manager"]) {
      await expect(importSpotChecks(callers[who], csv([row(m, today, 90)]), { db, today })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe("a good file", () => {
  it("a row below the mine's level proposes a MANAGEMENT_SLIDE decision", async () => {
    const mine = await createMine(db);
    await createGrade(db, mine, { level: 1, announcedOn: addDays(today, -200) });
    reserved.add(mine.id);
    const result = await importSpotChecks(callers.shanxi, csv([row(mine, today, 82)]), { db, today });
    expect(result).toMatchObject({ ok: true, imported: 1 });
    expect(result.ok && result.proposals).toBeGreaterThanOrEqual(1);
    const spotCheck = await db.spotCheck.findFirstOrThrow({
      where: { mineId: mine.id },
      orderBy: { id: "desc" },
      include: { scoresheet: true },
    });
    expect(spotCheck.scoresheet.level).toBe(2);
    const decision = await db.decision.findUniqueOrThrow({ where: { triggerKey: `SPOT_CHECK:${spotCheck.id}` } });
    expect(decision).toMatchObject({
      mineId: mine.id,
      status: "PROPOSED",
      reason: "MANAGEMENT_SLIDE",
      type: "DOWNGRADE",
      fromLevel: 1,
      toLevel: 2,
      proposedById: callers.shanxi.id,
    });
  });

  it("imports an XLSX file, with Excel date cells and NA / 缺项", async () => {
    const ug = await createMine(db);
    const op = await createMine(db, { type: "OPEN_PIT" });
    reserved.add(ug.id).add(op.id);
    const checkedOn = addDays(today, -3);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("data");
    ws.addRow(columns);
    const values = (r: Record<string, string>) =>
      columns.map((c) => {
        const v = r[c] ?? "";
        if (c === "checked_on") return new Date(`${v}T00:00:00Z`);
        if (c === "major_hidden_dangers" || /^\d+$/.test(v)) return Number(v);
        return v === "" ? null : v;
      });
    ws.addRow(values(row(ug, checkedOn, 91, { E14: "缺项", major_hidden_dangers: "2" })));
    ws.getCell("B2").numFmt = "yyyy-mm-dd";
    ws.addRow(values(row(op, checkedOn, 93, { P08: "NA", type: "re_review" })));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const before = await counts();
    const result = await importSpotChecks(callers.shanxi, { name: "checks.xlsx", bytes }, { db, today });
    expect(result).toMatchObject({ ok: true, imported: 2 });
    const after = await counts();
    expect(after.spotChecks - before.spotChecks).toBe(2);
    expect(after.hiddenDangers - before.hiddenDangers).toBe(2);
    expect(after.imports - before.imports).toBe(1);

    const stored = await db.spotCheck.findFirstOrThrow({
      where: { mineId: ug.id },
      orderBy: { id: "desc" },
      include: {
        scoresheet: { include: { scores: true, ruleVersion: true } },
        hiddenDangers: true,
        authority: true,
      },
    });
    // Every column the bulk insert writes, as recordSpotCheck would have written it.
    expect(stored).toMatchObject({
      type: "ROUTINE",
      status: "COMPLETED",
      team: "Import test team",
      conclusion: "GRADE_MAINTAINED",
      notes: null,
      createdById: callers.shanxi.id,
    });
    expect(stored.authority).toMatchObject({ kind: "PROVINCIAL", regionCode: "14" });
    expect(stored.scoresheet).toMatchObject({ mineId: ug.id, kind: "SPOT_CHECK", mineType: "UNDERGROUND", level: 1 });
    expect(stored.scoresheet.ruleVersion.code).toBe(rulesOn(checkedOn)!.code);
    expect(stored.hiddenDangers).toHaveLength(2);
    expect(stored.hiddenDangers[0]).toMatchObject({
      mineId: ug.id,
      source: "REGULATOR",
      reportedById: callers.shanxi.id,
    });
    expect(stored.hiddenDangers[0].foundOn.toISOString().slice(0, 10)).toBe(checkedOn);
    expect(stored.checkedOn.toISOString().slice(0, 10)).toBe(checkedOn);
    expect(stored.scoresheet.scores).toHaveLength(elementsFor(rulesOn(checkedOn)!, "UNDERGROUND").length);
    expect(stored.scoresheet.scores.find((s) => s.elementCode === "E14")).toMatchObject({
      score: null,
      notApplicable: true,
    });
    expect(Number(stored.scoresheet.total)).toBe(91);
    const openPit = await db.spotCheck.findFirstOrThrow({
      where: { mineId: op.id },
      orderBy: { id: "desc" },
      include: { scoresheet: { include: { scores: true } } },
    });
    expect(openPit.type).toBe("RE_REVIEW");
    expect(openPit.scoresheet.mineType).toBe("OPEN_PIT");
    expect(openPit.scoresheet.scores.find((s) => s.elementCode === "P08")).toMatchObject({ notApplicable: true });
    expect(Number(openPit.scoresheet.scores.find((s) => s.elementCode === "P01")?.score)).toBe(93);
  });

  it("imports 10,000 rows in one transaction", async () => {
    const pool = await mines({}, 3000);
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const mine = pool[(i * 7) % pool.length];
      // Most rows reach Level 1; every tenth only Level 3, so the management-slide trigger fires too.
      return row(mine, addDays(today, -(i % 300)), i % 10 === 0 ? 78 : 95, {
        major_hidden_dangers: i % 100 === 0 ? "1" : "0",
        team: `第${(i % 12) + 1}检查组`,
      });
    });
    const expectedScores = rows.reduce((n, r) => n + Object.keys(r).filter((k) => /^[EP]\d\d$/.test(k)).length, 0);
    const file = csv(rows);
    const before = await counts();
    const started = performance.now();
    const result = await importSpotChecks(callers.nmsa, file, { db, today });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `10,000-row import (${(file.bytes.length / 1e6).toFixed(1)} MB CSV): ${seconds.toFixed(1)} s, ` +
        `${result.ok ? result.proposals : 0} decisions proposed`,
    );
    expect(result).toMatchObject({ ok: true, imported: 10_000 });
    const after = await counts();
    expect(after.spotChecks - before.spotChecks).toBe(10_000);
    expect(after.scoresheets - before.scoresheets).toBe(10_000);
    expect(after.elementScores - before.elementScores).toBe(expectedScores);
    expect(after.hiddenDangers - before.hiddenDangers).toBe(100);
    expect(after.imports - before.imports).toBe(1);
    expect(after.decisions - before.decisions).toBe(result.ok ? result.proposals : -1);
    // One audit row for the import, one per proposed decision, none per spot-check.
    expect(after.audits - before.audits).toBe(1 + after.decisions - before.decisions);

    const log = await db.auditLog.findFirstOrThrow({ where: { entity: "SpotCheckImport" }, orderBy: { id: "desc" } });
    expect(log).toMatchObject({ actorId: callers.nmsa.id, action: "spotCheck.import" });
    const info = log.after as { fileName: string; rows: number; spotCheckIds: { first: number; last: number } };
    expect(info).toMatchObject({ fileName: "spot-checks.csv", rows: 10_000 });
    const imported = await db.spotCheck.count({
      where: { id: { gte: info.spotCheckIds.first, lte: info.spotCheckIds.last }, createdById: callers.nmsa.id },
    });
    expect(imported).toBe(10_000);
  }, 300_000);
});
