// The deterministic national demo seed (product.md "Demo data"): about 5,300 mines at the end of
// 2019 falling to about 4,300, their production, grades, spot-checks, accidents, decisions and
// applications from 2018 to today, reproducing the 2020 national figures. Same inputs (scale,
// today) give byte-identical data: all randomness comes from prng.ts, no clock is read except the
// default of `today`.
import { grantedLevels } from "../../lib/domain/authority-config";
import { AUTHORITY_CONFIG_ROWS } from "../../lib/domain/authority-config-data";
import pg from "pg";
import { todayInChina } from "../../lib/domain/dates";
import { buildAuthorities } from "./authorities";
import { loadCalendar } from "./calendar";
import { day, iso } from "./days";
import { simulateHistory, type YearFigures } from "./history";
import { generateMines, type MineSim } from "./mines";
import { loadGeography } from "./regions";
import { buildReferenceData, datasetVersions } from "./reference";
import { recordVersions } from "./reference-apply";
import { buildRows, type Rows } from "./rows";
import { demoPasswordHash } from "./users";
import { TABLES } from "./tables";
import { insertRows, resetSequences } from "./write";

/** The demo manager's mine (manager@demo.test): 大同示范煤矿 in 左云县, Datong — producing, Level 1, accident-free. */
export const DEMO_MANAGER_MINE_CODE = "1402260001";
/** A Guizhou mine (盘州兴黔煤矿, Panzhou) that is producing and holds a grade (Level 2) throughout. */
export const DEMO_GUIZHOU_MINE_CODE = "5202810001";

export interface SeedOptions {
  /** Mines and events × scale (1 = national scale). */
  scale?: number;
  /** "Today" as YYYY-MM-DD; defaults to today's date in China. */
  today?: string;
  log?: (m: string) => void;
  /** Empty every table first instead of refusing a database that already has mines. */
  force?: boolean;
}

export interface SeedSummary {
  scale: number;
  today: string;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Per year: mines graded during the year, of which spot-checked while graded; confirmed decisions; accidents; deaths. */
  years: YearFigures[];
  managerMine: { id: number; code: string; name: string };
  guizhouMine: { id: number; code: string; name: string };
  elapsedMs: number;
}

/** Insert order (foreign keys first); Grade's links to decisions are set after the decisions. */
const ORDER: (keyof typeof TABLES & keyof Rows)[] = [
  "regions",
  "enterprises",
  "versions",
  "parts",
  "elements",
  "thresholds",
  "vetoes",
  "consequences",
  "basicConditions",
  "sources",
  "authorities",
  "gradingConfig",
  "provinceRules",
  "targets",
  "mines",
  "statusPeriods",
  "users",
  "scoresheets",
  "elementScores",
  "applications",
  "applicationEvents",
  "applicationConditions",
  "objections",
  "grades",
  "decisions",
  "accidents",
  "spotChecks",
  "findings",
  "hiddenDangers",
  "replies",
];

/** Every table the seed writes or clears (the migrations table excepted). */
const ALL_TABLES = [
  "ReferenceDataVersion",
  "AuditLog",
  "LoginAttempt",
  "RevokedSession",
  "Reply",
  "Finding",
  "HiddenDanger",
  "SpotCheck",
  "Accident",
  "Objection",
  "ApplicationEvent",
  "ApplicationCondition",
  "Decision",
  "Grade",
  "GradeApplication",
  "ElementScore",
  "Scoresheet",
  "User",
  "MineStatusPeriod",
  "Mine",
  "SpotCheckTarget",
  "ProvinceGradingConfig",
  "ProvinceRule",
  "Authority",
  "RuleParameterSource",
  "RuleVeto",
  "RuleConsequence",
  "RuleBasicCondition",
  "RuleLevelThreshold",
  "RuleElement",
  "RulePart",
  "RuleVersion",
  "Enterprise",
  "Region",
  "CalendarDay",
  "CalendarYear",
];
const NO_SERIAL = new Set([
  "ElementScore",
  "Region",
  "RevokedSession",
  "ReferenceDataVersion",
  "ProvinceRule",
  "CalendarDay",
  "CalendarYear",
]);
const SERIAL_TABLES = ALL_TABLES.filter((t) => !NO_SERIAL.has(t));

/**
 * Production mode, as lib/server/env.ts defines it (repeated here: the seed runs under tsx, where
 * that server-only module cannot be imported): NODE_ENV=production without DEMO_MODE=1.
 */
export function demoSeedRefused(vars: Record<string, string | undefined> = process.env): boolean {
  return vars.NODE_ENV === "production" && vars.DEMO_MODE !== "1";
}

export async function seedDemo(connectionString: string, opts: SeedOptions = {}): Promise<SeedSummary> {
  // The demo accounts share a published password: never create them in production.
  if (demoSeedRefused())
    throw new Error(
      "Refusing to seed the demo data and its demo accounts in production mode (NODE_ENV=production); set DEMO_MODE=1 for a demo.",
    );
  const started = performance.now();
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`Scale must be a positive number: ${scale}`);
  const todayIso = opts.today ?? todayInChina();
  const today = day(todayIso);
  if (iso(today) !== todayIso || todayIso < "2019-01-01")
    throw new RangeError(`today must be a date from 2019 on: ${todayIso}`);
  const log = opts.log ?? (() => {});

  const client = new pg.Client({ connectionString });
  await client.connect();
  const counts: Record<string, number> = {};
  let manager: MineSim | undefined;
  let guizhou: MineSim | undefined;
  let years: YearFigures[] = [];
  try {
    // Refuse (or, with force, empty) a database that has data before doing any work.
    const { rows: existing } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Mine"`);
    if (Number(existing[0].n) > 0 && !opts.force) {
      throw new Error(`The database already has ${existing[0].n} mines; seed only an empty database (or force).`);
    }

    const geo = loadGeography();
    const world = generateMines(geo, scale, today);
    manager = world.mines.find((m) => m.code === DEMO_MANAGER_MINE_CODE);
    guizhou = world.mines.find((m) => m.code === DEMO_GUIZHOU_MINE_CODE);
    if (!manager || !guizhou) throw new Error("The demo mines were not generated.");
    log(`${world.mines.length} mines, ${world.enterprises.length} enterprises`);
    const reference = buildReferenceData(geo);
    const auth = buildAuthorities(geo, reference.authorities, AUTHORITY_CONFIG_ROWS);
    const history = simulateHistory(world.mines, auth, scale, today, (provinceCode) => ({
      provinceCode,
      grantedLevels: grantedLevels(AUTHORITY_CONFIG_ROWS, provinceCode),
    }));
    years = history.years;
    log(
      `history: ${history.decisions.length} decisions, ${history.checks.length} spot-checks, ${history.accidents.length} accidents`,
    );
    const rows = buildRows({
      reference,
      mines: world.mines,
      enterprises: world.enterprises,
      auth,
      history,
      today,
      passwordHash: demoPasswordHash(),
      managerMine: manager,
    });
    log(`rows built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    await client.query("BEGIN");
    try {
      if (opts.force) {
        // Re-seeding the demo wipes its audit log too: the one place the TRUNCATE guard is lifted,
        // inside this transaction (demo data only; production mode refuses to seed at all).
        await client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_truncate"`);
        await client.query(`TRUNCATE ${ALL_TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
        await client.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_truncate"`);
      }
      for (const key of ORDER) {
        const spec = TABLES[key];
        counts[spec.table] = await insertRows(client, spec, rows[key]);
      }
      await client.query(
        `UPDATE "Grade" g SET "endedByDecisionId" = u.ended, "fromDecisionId" = u.started
         FROM unnest($1::int[], $2::int[], $3::int[]) AS u(id, ended, started) WHERE g.id = u.id`,
        [rows.gradeLinks.map((r) => r[0]), rows.gradeLinks.map((r) => r[1]), rows.gradeLinks.map((r) => r[2])],
      );
      const calendar = await loadCalendar(client);
      counts.CalendarDay = calendar.days;
      counts.CalendarYear = calendar.years;
      await resetSequences(client, SERIAL_TABLES);
      // The reference data went in as it is: a later `setup` finds it current.
      await recordVersions(client, datasetVersions(reference));
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    }
  } finally {
    await client.end();
  }
  await analyze(connectionString);
  const elapsedMs = performance.now() - started;
  log(`written in ${(elapsedMs / 1000).toFixed(1)} s`);
  return {
    scale,
    today: todayIso,
    counts,
    years,
    managerMine: { id: manager.id, code: manager.code, name: manager.name },
    guizhouMine: { id: guizhou.id, code: guizhou.code, name: guizhou.name },
    elapsedMs,
  };
}

/** Fresh planner statistics, so that the first dashboard queries after a seed are planned well. */
async function analyze(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
