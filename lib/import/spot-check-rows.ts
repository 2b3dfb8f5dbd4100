// Validation of the rows of a parsed import file against the mines the caller may see and the rule
// versions: pure, so the service can run it inside its transaction and the tests without one.
import { computeGrade, validateScores, type ElementInput, type GradeResult } from "@/lib/domain/grading";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import { MAX_HIDDEN_DANGERS, MAX_TEAM_LENGTH } from "@/lib/validation/import-limits";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check";
import {
  decimalPlaces,
  isFixedColumn,
  normaliseDate,
  parseScore,
  type ImportProblem,
  type SheetRow,
} from "./spot-check-file";

export interface MineRow {
  id: number;
  code: string;
  type: MineType;
  countyCode: string;
  provinceCode: string;
}

/** A row that passed every check, graded under the rules of its date. */
export interface ValidRow {
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

export interface RowContext {
  /** By code: only the mines in the caller's scope, so that another mine reads as not found. */
  mines: ReadonlyMap<string, MineRow>;
  ruleSets: readonly RuleSet[];
  columns: readonly string[];
  today: string;
}

/** Every row checked: the valid ones, or every problem of every row. */
export function validateRows(
  rows: readonly SheetRow[],
  ctx: RowContext,
): { ok: true; rows: ValidRow[] } | { ok: false; problems: ImportProblem[] } {
  const checking: RowChecks = {
    mines: ctx.mines,
    ruleSets: [...ctx.ruleSets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1)),
    elementColumns: ctx.columns.filter((c) => !isFixedColumn(c)),
    today: ctx.today,
  };
  const problems: ImportProblem[] = [];
  const valid: ValidRow[] = [];
  for (const row of rows) {
    const checked = validateRow(row, checking);
    if ("problems" in checked) problems.push(...checked.problems);
    else valid.push(checked.row);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows: valid };
}

interface RowChecks {
  mines: ReadonlyMap<string, MineRow>;
  /** Newest first. */
  ruleSets: RuleSet[];
  elementColumns: string[];
  today: string;
}

/** A cell as a message parameter: short enough for a table cell. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function validateRow(r: SheetRow, ctx: RowChecks): { row: ValidRow } | { problems: ImportProblem[] } {
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
