import "server-only";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { addMonths, computeGrade, validateScores, type ElementInput, type GradeResult } from "@/lib/domain/grading";
import type { Level, MineType, RuleSet } from "@/lib/domain/rules";
import {
  hiddenDangerTrigger,
  managementSlideTrigger,
  type CurrentGrade,
  type HiddenDangerFact,
  type ProposedDecision,
} from "@/lib/domain/triggers";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  columnProblems,
  decimalPlaces,
  FIXED_COLUMNS,
  normaliseDate,
  parseScore,
  parseSpotCheckFile,
  type ImportProblem,
  type SheetRow,
} from "@/lib/import/spot-check-file";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import { allRuleSets } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check";
import { saveProposals } from "./save-proposals";

type Tx = Prisma.TransactionClient;

export type ImportRowError = ImportProblem;

export type ImportResult =
  | { ok: true; imported: number; proposals: number }
  /** `omitted`: errors found beyond the MAX_REPORTED_ERRORS listed. */
  | { ok: false; errors: ImportRowError[]; omitted: number };

export const MAX_REPORTED_ERRORS = 500;
/** The same limits as the spot-check form (lib/validation/spot-check.ts). */
const MAX_TEAM_LENGTH = 200;
const MAX_HIDDEN_DANGERS = 200;
/** Rows per INSERT … SELECT FROM unnest(): each statement has one array parameter per column. */
const CHUNK = 5_000;
const SCORE_CHUNK = 50_000;
const HIDDEN_DANGER_TEXT = "重大事故隐患（由抽查批量导入记录） / Major hidden danger (recorded by spot-check import)";

interface MineRow {
  id: number;
  code: string;
  type: MineType;
  countyCode: string;
  provinceCode: string;
}

interface ValidRow {
  row: number;
  mine: MineRow;
  checkedOn: string;
  type: (typeof SPOT_CHECK_TYPES)[number];
  team: string;
  conclusion: (typeof CONCLUSIONS)[number];
  hiddenDangers: number;
  rules: RuleSet;
  scores: Record<string, ElementInput>;
  result: GradeResult;
}

/**
 * Imports spot-checks from a CSV or XLSX file: every row is validated first (the mine exists and
 * lies in the caller's scope, enums, dates, element scores under the rule version in force on the
 * check date) and, if any row is bad, nothing is written and every problem is returned by row and
 * column. Otherwise all rows are written in one transaction with bulk inserts, one audit row for the
 * import, and the decisions the triggers propose (as recordSpotCheck does for a single check).
 */
export async function importSpotChecks(
  caller: Caller,
  file: { name: string; bytes: Uint8Array },
  opts: { db?: Db; today?: string } = {},
): Promise<ImportResult> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "spotCheck.record")) throw forbidden();
  const sheet = await parseSpotCheckFile(file);
  if (!sheet.ok) return failed(sheet.problems);

  return db.$transaction(
    async (tx) => {
      const ruleSets = await allRuleSets({ db: tx });
      const elementCodes = new Set(ruleSets.flatMap((r) => r.elements.map((e) => e.code)));
      const headerProblems = columnProblems(sheet.columns, elementCodes, sheet.headerRow);
      if (headerProblems.length) return failed(headerProblems);

      // Scope is checked here, inside the transaction that writes: a mine outside the caller's
      // jurisdiction is reported exactly like a code that does not exist.
      const codes = [...new Set(sheet.rows.map((r) => r.cells.mine_code).filter((c) => c !== ""))];
      const mines = new Map(
        (
          await tx.mine.findMany({
            where: { AND: [{ code: { in: codes } }, mineScope(caller)] },
            select: { id: true, code: true, type: true, countyCode: true, provinceCode: true },
          })
        ).map((m) => [m.code, m]),
      );

      const context: RowContext = {
        mines,
        ruleSets: [...ruleSets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1)),
        elementColumns: sheet.columns.filter((c) => !(FIXED_COLUMNS as readonly string[]).includes(c)),
        today,
      };
      const problems: ImportProblem[] = [];
      const valid: ValidRow[] = [];
      for (const row of sheet.rows) {
        const checked = validateRow(row, context);
        if ("problems" in checked) problems.push(...checked.problems);
        else valid.push(checked.row);
      }
      if (problems.length) return failed(problems);

      const spotCheckIds = await writeRows(tx, caller, valid);
      const proposals = await proposeDecisions(tx, caller, valid, spotCheckIds);
      const ids = [...spotCheckIds].sort((a, b) => a - b);
      await audit(tx, {
        actorId: caller.id,
        action: "spotCheck.import",
        entity: "SpotCheckImport",
        entityId: `${ids[0]}-${ids[ids.length - 1]}`,
        regionCode: commonRegion(valid.map((v) => v.mine.countyCode)),
        after: {
          fileName: file.name,
          format: sheet.format,
          rows: valid.length,
          spotCheckIds: { first: ids[0], last: ids[ids.length - 1] },
          proposals,
        },
      });
      return { ok: true as const, imported: valid.length, proposals };
    },
    { timeout: 300_000, maxWait: 20_000 },
  );
}

function failed(problems: ImportProblem[]): ImportResult {
  const errors = problems.slice(0, MAX_REPORTED_ERRORS);
  return { ok: false, errors, omitted: problems.length - errors.length };
}

// ---------------------------------------------------------------------------------------------
// Validation

interface RowContext {
  mines: Map<string, MineRow>;
  /** Newest first. */
  ruleSets: RuleSet[];
  elementColumns: string[];
  today: string;
}

/** A cell as a message parameter: short enough for a table cell. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function validateRow(r: SheetRow, ctx: RowContext): { row: ValidRow } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const c = r.cells;
  const problem = (column: string, message: string, params?: ImportProblem["params"]) =>
    problems.push({ row: r.row, column, message, ...(params ? { params } : {}) });

  const mine = c.mine_code ? ctx.mines.get(c.mine_code) : undefined;
  if (!c.mine_code) problem("mine_code", "problems.required");
  else if (!mine) problem("mine_code", "problems.mineNotFound", { value: shown(c.mine_code) });

  let rules: RuleSet | undefined;
  const checkedOn = c.checked_on ? normaliseDate(c.checked_on) : null;
  if (!c.checked_on) problem("checked_on", "problems.required");
  else if (!checkedOn) problem("checked_on", "problems.dateInvalid", { value: shown(c.checked_on) });
  else if (checkedOn > ctx.today) problem("checked_on", "problems.dateInFuture", { value: checkedOn });
  else {
    rules = ctx.ruleSets.find((s) => s.effectiveFrom <= checkedOn);
    if (!rules) problem("checked_on", "problems.noRuleVersion", { value: checkedOn });
  }

  const type = c.type.toUpperCase();
  if (!c.type) problem("type", "problems.required");
  else if (!(SPOT_CHECK_TYPES as readonly string[]).includes(type)) {
    problem("type", "problems.enumInvalid", { value: shown(c.type), allowed: SPOT_CHECK_TYPES.join(", ") });
  }
  const conclusion = c.conclusion.toUpperCase();
  if (!c.conclusion) problem("conclusion", "problems.required");
  else if (!(CONCLUSIONS as readonly string[]).includes(conclusion)) {
    problem("conclusion", "problems.enumInvalid", { value: shown(c.conclusion), allowed: CONCLUSIONS.join(", ") });
  }
  if (!c.team) problem("team", "problems.required");
  else if (c.team.length > MAX_TEAM_LENGTH) problem("team", "problems.tooLong", { max: MAX_TEAM_LENGTH });

  let hiddenDangers = 0;
  if (c.major_hidden_dangers !== "") {
    if (!/^\d+$/.test(c.major_hidden_dangers)) {
      problem("major_hidden_dangers", "problems.countInvalid", { value: shown(c.major_hidden_dangers) });
    } else if (Number(c.major_hidden_dangers) > MAX_HIDDEN_DANGERS) {
      problem("major_hidden_dangers", "problems.countTooLarge", { max: MAX_HIDDEN_DANGERS });
    } else hiddenDangers = Number(c.major_hidden_dangers);
  }

  // Scores can only be checked against a known mine type and a rule version.
  const scores: Record<string, ElementInput> = {};
  for (const code of ctx.elementColumns) {
    const value = parseScore(c[code]);
    if (value !== undefined) scores[code] = value;
  }
  if (mine && rules) {
    const issues = validateScores(rules, mine.type, scores);
    for (const issue of issues) {
      const params: Record<string, string> = { ruleVersion: rules.code };
      if (issue.problem !== "MISSING") params.value = shown(c[issue.elementCode] ?? "");
      problem(issue.elementCode, `problems.score_${issue.problem}`, params);
    }
    if (issues.length === 0) {
      for (const [code, score] of Object.entries(scores)) {
        if (score !== null && decimalPlaces(c[code]) > 2) {
          problem(code, "problems.scoreTooPrecise", { value: shown(c[code]) });
        }
      }
    }
  }

  if (problems.length || !mine || !rules || !checkedOn) return { problems };
  return {
    row: {
      row: r.row,
      mine,
      checkedOn,
      type: type as ValidRow["type"],
      team: c.team,
      conclusion: conclusion as ValidRow["conclusion"],
      hiddenDangers,
      rules,
      scores,
      // As recordSpotCheck: the sheet is graded on its scores alone, under the rules of its date.
      result: computeGrade({ rules, mineType: mine.type, scores, asOf: checkedOn }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Ids for `n` new rows of `table`, taken from its serial sequence, so that rows can refer to each other before insertion. */
async function nextIds(tx: Tx, table: "Scoresheet" | "SpotCheck", n: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT nextval(pg_get_serial_sequence(${`"${table}"`}, 'id'))::int AS id FROM generate_series(1, ${n}::int)`;
  return rows.map((r) => r.id);
}

/**
 * Inserts the score sheets, element scores, spot-checks and hidden dangers; returns the spot-check ids
 * in row order. Prisma's createMany spends about 0.25 ms of JavaScript per row (measured: 38 s for the
 * 150,000 element scores of 10,000 rows, 5–9 s each for 10,000 sheets and spot-checks), so the rows go
 * in as INSERT … SELECT FROM unnest(), one array parameter per column, as the seed writes them: the
 * whole write takes a few seconds. Ids come from the tables' sequences first, so nothing depends on
 * the order in which RETURNING gives rows back. tests/integration/import.test.ts checks every column.
 */
async function writeRows(tx: Tx, caller: Caller, rows: ValidRow[]): Promise<number[]> {
  const authority = await authorityOf(tx, caller);
  const ruleVersionIds = new Map(
    (await tx.ruleVersion.findMany({ select: { id: true, code: true } })).map((v) => [v.code, v.id]),
  );
  const scoresheetIds = await nextIds(tx, "Scoresheet", rows.length);
  const spotCheckIds = await nextIds(tx, "SpotCheck", rows.length);
  const indexed = rows.map((v, i) => ({ v, scoresheetId: scoresheetIds[i], spotCheckId: spotCheckIds[i] }));

  for (const chunk of chunks(indexed, CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "Scoresheet" ("id", "mineId", "ruleVersionId", "kind", "mineType", "total", "level")
      SELECT id, mine, rv, 'SPOT_CHECK', type::"MineType", total, level
      FROM unnest(
        ${chunk.map((c) => c.scoresheetId)}::int[],
        ${chunk.map((c) => c.v.mine.id)}::int[],
        ${chunk.map((c) => ruleVersionIds.get(c.v.rules.code)!)}::int[],
        ${chunk.map((c) => c.v.mine.type)}::text[],
        ${chunk.map((c) => c.v.result.total ?? 0)}::numeric[],
        ${chunk.map((c) => c.v.result.level)}::int[]
      ) AS t(id, mine, rv, type, total, level)`;
  }

  const scores = indexed.flatMap(({ v, scoresheetId }) =>
    Object.entries(v.scores).map(([elementCode, score]) => ({ scoresheetId, elementCode, score })),
  );
  for (const chunk of chunks(scores, SCORE_CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "ElementScore" ("scoresheetId", "elementCode", "score", "notApplicable")
      SELECT * FROM unnest(
        ${chunk.map((s) => s.scoresheetId)}::int[],
        ${chunk.map((s) => s.elementCode)}::text[],
        ${chunk.map((s) => s.score)}::numeric[],
        ${chunk.map((s) => s.score === null)}::bool[]
      )`;
  }

  for (const chunk of chunks(indexed, CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "SpotCheck"
        ("id", "mineId", "checkedOn", "type", "status", "authorityId", "team", "scoresheetId", "conclusion", "createdById")
      SELECT id, mine, checked, type::"SpotCheckType", 'COMPLETED', ${authority.id}::int, team, sheet,
        conclusion::"SpotCheckConclusion", ${caller.id}::int
      FROM unnest(
        ${chunk.map((c) => c.spotCheckId)}::int[],
        ${chunk.map((c) => c.v.mine.id)}::int[],
        ${chunk.map((c) => c.v.checkedOn)}::date[],
        ${chunk.map((c) => c.v.type)}::text[],
        ${chunk.map((c) => c.v.team)}::text[],
        ${chunk.map((c) => c.scoresheetId)}::int[],
        ${chunk.map((c) => c.v.conclusion)}::text[]
      ) AS t(id, mine, checked, type, team, sheet, conclusion)`;
  }

  const dangers = indexed.flatMap(({ v, spotCheckId }) =>
    Array.from({ length: v.hiddenDangers }, () => ({ mineId: v.mine.id, foundOn: v.checkedOn, spotCheckId })),
  );
  for (const chunk of chunks(dangers, SCORE_CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "HiddenDanger" ("mineId", "source", "foundOn", "description", "spotCheckId", "reportedById")
      SELECT mine, 'REGULATOR', found, ${HIDDEN_DANGER_TEXT}, check_id, ${caller.id}::int
      FROM unnest(
        ${chunk.map((d) => d.mineId)}::int[],
        ${chunk.map((d) => d.foundOn)}::date[],
        ${chunk.map((d) => d.spotCheckId)}::int[]
      ) AS t(mine, found, check_id)`;
  }
  return spotCheckIds;
}

// ---------------------------------------------------------------------------------------------
// Triggers

function inForceOn(g: { announcedOn: Date; validUntil: Date; endedOn: Date | null }, date: string): boolean {
  const d = dateValue(date);
  return g.announcedOn <= d && g.validUntil > d && (g.endedOn === null || g.endedOn > d);
}

/**
 * The triggers recordSpotCheck runs, per row, against the grade in force on the check date: the
 * management slide and the hidden-danger comparison (which sees the imported dangers, as the single
 * form does). Grades and hidden dangers are loaded for all mines at once; saveProposals is idempotent.
 */
async function proposeDecisions(tx: Tx, caller: Caller, rows: ValidRow[], spotCheckIds: number[]): Promise<number> {
  const mineIds = [...new Set(rows.map((v) => v.mine.id))];
  const dates = rows.map((v) => v.checkedOn).sort();
  const [first, last] = [dates[0], dates[dates.length - 1]];
  const grades = await tx.grade.findMany({
    where: { mineId: { in: mineIds }, announcedOn: { lte: dateValue(last) }, validUntil: { gt: dateValue(first) } },
    orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
    select: { id: true, mineId: true, level: true, announcedOn: true, validUntil: true, endedOn: true },
  });
  const gradesByMine = new Map<number, typeof grades>();
  for (const g of grades) {
    const list = gradesByMine.get(g.mineId) ?? [];
    list.push(g);
    gradesByMine.set(g.mineId, list);
  }

  const window = Math.max(...rows.map((v) => v.rules.hiddenDangerWindowMonths));
  const dangers = await tx.hiddenDanger.findMany({
    where: {
      mineId: { in: [...gradesByMine.keys()] },
      foundOn: { gte: dateValue(addMonths(first, -window)), lte: dateValue(last) },
    },
    select: { mineId: true, foundOn: true, source: true },
  });
  const dangersByMine = new Map<number, HiddenDangerFact[]>();
  for (const d of dangers) {
    const list = dangersByMine.get(d.mineId) ?? [];
    list.push({ foundOn: isoDate(d.foundOn), source: d.source });
    dangersByMine.set(d.mineId, list);
  }

  // Proposals by mine and grade (saveProposals stores those of one grade), each trigger key once.
  const groups = new Map<string, { mine: MineRow; gradeId: number; fired: Map<string, ProposedDecision> }>();
  rows.forEach((v, i) => {
    const g = gradesByMine.get(v.mine.id)?.find((x) => inForceOn(x, v.checkedOn));
    if (!g) return;
    const grade: CurrentGrade = {
      id: g.id,
      level: g.level as Level,
      announcedOn: isoDate(g.announcedOn),
      validUntil: isoDate(g.validUntil),
    };
    const fired = [
      managementSlideTrigger(grade, { id: spotCheckIds[i], checkedOn: v.checkedOn }, v.result),
      hiddenDangerTrigger(v.rules, grade, dangersByMine.get(v.mine.id) ?? [], v.checkedOn),
    ];
    for (const p of fired) {
      if (!p) continue;
      const key = `${v.mine.id}:${g.id}`;
      const group = groups.get(key) ?? { mine: v.mine, gradeId: g.id, fired: new Map() };
      group.fired.set(p.triggerKey, p);
      groups.set(key, group);
    }
  });

  // Most keys of a re-run trigger exist already: skip those groups without a round trip each.
  const keys = [...groups.values()].flatMap((g) => [...g.fired.keys()]);
  const existing = new Set<string>();
  for (const chunk of chunks(keys, 5_000)) {
    const found = await tx.decision.findMany({ where: { triggerKey: { in: chunk } }, select: { triggerKey: true } });
    for (const d of found) if (d.triggerKey) existing.add(d.triggerKey);
  }
  let proposed = 0;
  for (const group of groups.values()) {
    const fresh = [...group.fired.values()].filter((p) => !existing.has(p.triggerKey));
    if (fresh.length) proposed += (await saveProposals(tx, group.mine, group.gradeId, fresh, caller.id)).length;
  }
  return proposed;
}

/** The region all the imported mines lie in (a province, prefecture or county code; "" for several provinces). */
function commonRegion(countyCodes: string[]): string {
  for (const length of [6, 4, 2]) {
    const prefix = countyCodes[0].slice(0, length);
    if (countyCodes.every((c) => c.startsWith(prefix))) return prefix;
  }
  return "";
}
