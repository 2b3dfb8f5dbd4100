// Issue 7, item 2: property-based tests (fast-check) of every server action's input, the spot-check
// import and the API parameters, over HTTP against the production build. Random and hostile input
// (huge strings, wrong types, unicode and NUL, SQL and HTML injection, negative and NaN scores,
// impossible dates, missing or repeated fields) must never cause a 5xx, never write partially
// (row-level counters in the database: a refused input changes no row at all), and always answer
// with a clear error: a FormState whose message keys exist in the English and the Chinese
// catalogues, an import error list of translated messages, or an API 400 with its reasons.
//
// Seeded: FUZZ_SEED=<n> replays a run (the seed is printed). FUZZ_RUNS=<factor> scales the runs.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import bcrypt from "bcryptjs";
import fc from "fast-check";
import Papa from "papaparse";
import pg from "pg";
import { query } from "../support";
import { changedTables, installRowChangeCounters, type RowChanges } from "../support/row-changes";
import { PortalClient, serverActions, type ActionResponse, type ServerAction } from "../support/server-actions";
import { closeFixtures, makeRuleDraft } from "./actions-inventory";
import * as A from "./fuzz-arbitraries";
import { ACCOUNTS, DEMO_PASSWORD, MANAGER_MINE_CODE } from "./roles";

// Chosen once in Playwright's runner process (which loads this file before it starts the workers, and
// passes its environment on), so a worker restarted after a failed test keeps the same seed.
process.env.FUZZ_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
const SEED = Number(process.env.FUZZ_SEED);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const RESULTS = path.join("test-results", "fuzz.json");

type Account = keyof typeof ACCOUNTS;

// ---------------------------------------------------------------------------------------------
// Catalogues: a message key is "clear" when both locales translate it in a namespace the form uses.

type Catalogue = Record<string, unknown>;
function loadCatalogue(locale: "en" | "zh-CN"): Catalogue {
  const dir = path.join("lib", "i18n", "messages", locale);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as unknown]),
  );
}
const CATALOGUES = { en: loadCatalogue("en"), "zh-CN": loadCatalogue("zh-CN") };

function lookup(catalogue: Catalogue, dotted: string): unknown {
  let value: unknown = catalogue;
  for (const part of dotted.split(".")) {
    if (!value || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Whether `key` is translated in English and Chinese in one of `namespaces` (tried in order, as the form does). */
function translated(namespaces: readonly string[], key: unknown): boolean {
  if (typeof key !== "string" || key === "") return false;
  return Object.values(CATALOGUES).every((c) => namespaces.some((ns) => typeof lookup(c, `${ns}.${key}`) === "string"));
}

// ---------------------------------------------------------------------------------------------
// Row changes, read over one connection (two readings per input).

let pgClient: pg.Client;
async function readChanges(): Promise<RowChanges> {
  const { rows } = await pgClient.query<{ tbl: string; n: string }>(`SELECT tbl, n FROM "_test_row_changes"`);
  return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping

interface TargetCount {
  inputs: number;
  serverErrors: number;
  partialWrites: number;
  unclear: number;
  accepted: number;
  refused: number;
}
const counts = new Map<string, TargetCount>();
const problems: string[] = [];

function count(target: string): TargetCount {
  let c = counts.get(target);
  if (!c) {
    c = { inputs: 0, serverErrors: 0, partialWrites: 0, unclear: 0, accepted: 0, refused: 0 };
    counts.set(target, c);
  }
  return c;
}

function problem(target: string, kind: "serverErrors" | "partialWrites" | "unclear", what: string, input: unknown) {
  count(target)[kind]++;
  const line = `${target}: ${what} — input ${A.describe(input)}`;
  problems.push(line);
  console.log(`FUZZ PROBLEM ${line}`);
}

function saveCounts() {
  const previous = fs.existsSync(RESULTS)
    ? (JSON.parse(fs.readFileSync(RESULTS, "utf8")) as { seed: number; targets: Record<string, TargetCount> })
    : null;
  const targets = { ...(previous?.seed === SEED ? previous.targets : {}), ...Object.fromEntries(counts) };
  const total = (k: keyof TargetCount) => Object.values(targets).reduce((s, t) => s + t[k], 0);
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        seed: SEED,
        inputs: total("inputs"),
        targets: targets,
        targetCount: Object.keys(targets).length,
        serverErrors: total("serverErrors"),
        partialWrites: total("partialWrites"),
        unclearAnswers: total("unclear"),
        accepted: total("accepted"),
        refused: total("refused"),
      },
      null,
      2,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Fixture: accounts, ids of things to act on, element codes

const clients = new Map<Account, PortalClient>();
async function as(account: Account): Promise<PortalClient> {
  let c = clients.get(account);
  if (!c) {
    c = new PortalClient();
    expect(await c.signIn(ACCOUNTS[account].email, DEMO_PASSWORD), `${account} signs in`).toBe(true);
    clients.set(account, c);
  }
  return c;
}

interface Fixture {
  today: string;
  mineType: "UNDERGROUND" | "OPEN_PIT";
  /** Element codes of the current rule version, by mine type. */
  elements: Record<"UNDERGROUND" | "OPEN_PIT", string[]>;
  allElementCodes: string[];
  /** The basic conditions (基本条件) of the rule version in force. */
  conditionCodes: string[];
  /** Mines in the local regulator's (Datong's) scope, with their types. */
  datongMines: { code: string; type: "UNDERGROUND" | "OPEN_PIT" }[];
  /** Another province's mine: out of Datong's scope. */
  foreignMine: string;
  spotCheck: { id: number; version: number; findingIds: number[] };
  managerFindingId: number;
  managerDecisionId: number;
  apps: Record<string, number>;
  objection: { id: number; applicationId: number };
  noticeId: number;
  proposal: { id: number; version: number; account: Account };
  proposal2: { id: number; version: number; account: Account };
  currentRuleFrom: string;
  /** Issue 15.5: an evidence photo on a finding of the manager's mine (Datong). */
  evidenceId: number;
}
let fx: Fixture;

// Issue 12: the mine register's fuzz targets act in a county of Datong with no seeded mine (so the
// other specs' targets never change), on a mine and an enterprise made for the fuzz.
interface RegisterFixture {
  county: string;
  mine: { code: string; version: number };
  enterprise: { id: number; version: number };
}
let reg: RegisterFixture;

async function loadRegisterFixture(): Promise<RegisterFixture> {
  const county =
    (
      await one<{ code: string }>(
        `SELECT r.code FROM "Region" r WHERE r.level = 'COUNTY' AND r.code LIKE '1402%'
          AND NOT EXISTS (SELECT 1 FROM "Mine" m WHERE m."countyCode" = r.code) ORDER BY r.code DESC LIMIT 1`,
      )
    )?.code ?? "140226";
  const mine = (await one<{ id: number; code: string; version: number }>(
    `INSERT INTO "Mine" (code, name, "provinceCode", "prefectureCode", "countyCode", type, capacity, "gasGrade",
       "hydroType", "combustionClass", status)
     SELECT $1 || lpad((coalesce(max(substring(code FROM 7)::int), 0) + 1)::text, 4, '0'), 'Fuzz register mine',
            substr($1, 1, 2), substr($1, 1, 4), $1, 'UNDERGROUND', 90, 'LOW', 'SIMPLE', 'II', 'NORMAL_PRODUCTION'
       FROM "Mine" WHERE "countyCode" = $1 AND code ~ '^[0-9]{10}$'
     RETURNING id, code, version`,
    [county],
  ))!;
  await query(
    `INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn") VALUES ($1, 'NORMAL_PRODUCTION', '2015-01-01')`,
    [mine.id],
  );
  const enterprise = (await one<{ id: number; version: number }>(
    `INSERT INTO "Enterprise" (name) VALUES ($1) RETURNING id, version`,
    [`Fuzz enterprise ${Date.now()}`],
  ))!;
  return { county, mine: { code: mine.code, version: mine.version }, enterprise };
}

/** After an accepted edit, the next valid input carries the new version (read back from the database). */
async function refreshRegisterVersions(): Promise<void> {
  reg.mine.version = (await one<{ version: number }>(`SELECT version FROM "Mine" WHERE code = $1`, [
    reg.mine.code,
  ]))!.version;
  reg.enterprise.version = (await one<{ version: number }>(`SELECT version FROM "Enterprise" WHERE id = $1`, [
    reg.enterprise.id,
  ]))!.version;
}

const daysFrom = (iso: string, n: number) =>
  new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

async function one<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await query<T>(sql, params))[0];
}

async function loadFixture(): Promise<Fixture> {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const rule = (await one<{ id: number; from: string }>(
    `SELECT id, to_char("effectiveFrom", 'YYYY-MM-DD') AS "from" FROM "RuleVersion"
      WHERE "effectiveFrom" <= $1::date AND "publishedAt" IS NOT NULL ORDER BY "effectiveFrom" DESC LIMIT 1`,
    [today],
  ))!;
  const els = await query<{ mineType: "UNDERGROUND" | "OPEN_PIT"; code: string }>(
    `SELECT "mineType", code FROM "RuleElement" WHERE "ruleVersionId" = $1 ORDER BY "sortOrder", code`,
    [rule.id],
  );
  const allCodes = await query<{ code: string }>(`SELECT DISTINCT code FROM "RuleElement" ORDER BY code`);
  const conditions = await query<{ code: string }>(
    `SELECT code FROM "RuleBasicCondition" WHERE "ruleVersionId" = $1 ORDER BY "sortOrder"`,
    [rule.id],
  );
  const elements = {
    UNDERGROUND: els.filter((e) => e.mineType === "UNDERGROUND").map((e) => e.code),
    OPEN_PIT: els.filter((e) => e.mineType === "OPEN_PIT").map((e) => e.code),
  };
  const mine = (await one<{ id: number; type: "UNDERGROUND" | "OPEN_PIT" }>(
    `SELECT id, type FROM "Mine" WHERE code = $1`,
    [MANAGER_MINE_CODE],
  ))!;
  const datongMines = await query<{ code: string; type: "UNDERGROUND" | "OPEN_PIT" }>(
    `SELECT code, type FROM "Mine" WHERE "prefectureCode" = '1402' AND status IN ('NORMAL_PRODUCTION', 'STOPPED')
      ORDER BY code LIMIT 6`,
  );
  const foreign = (await one<{ code: string }>(`SELECT code FROM "Mine" WHERE "provinceCode" <> '14' LIMIT 1`))!;
  const sc =
    (await one<{ id: number; version: number }>(
      `SELECT s.id, s.version FROM "SpotCheck" s WHERE s."mineId" = $1
      AND EXISTS (SELECT 1 FROM "Finding" f WHERE f."spotCheckId" = s.id) ORDER BY s.id DESC LIMIT 1`,
      [mine.id],
    )) ??
    (await one<{ id: number; version: number }>(
      `SELECT id, version FROM "SpotCheck" WHERE "mineId" = $1 ORDER BY id DESC LIMIT 1`,
      [mine.id],
    ))!;
  const findingIds = (await query<{ id: number }>(`SELECT id FROM "Finding" WHERE "spotCheckId" = $1`, [sc.id])).map(
    (r) => r.id,
  );
  const managerFinding = await one<{ id: number }>(
    `SELECT f.id FROM "Finding" f JOIN "SpotCheck" s ON s.id = f."spotCheckId" WHERE s."mineId" = $1 LIMIT 1`,
    [mine.id],
  );
  const managerDecision = await one<{ id: number }>(
    `SELECT id FROM "Decision" WHERE "mineId" = $1 AND status = 'CONFIRMED' LIMIT 1`,
    [mine.id],
  );
  const anyApp = (await one<{ id: number }>(`SELECT id FROM "GradeApplication" ORDER BY id LIMIT 1`))!.id;
  const appIn = async (state: string, province = "14") =>
    (
      await one<{ id: number }>(
        `SELECT a.id FROM "GradeApplication" a JOIN "Mine" m ON m.id = a."mineId"
          WHERE a.state = $1 ORDER BY (m."provinceCode" = $2) DESC, a."appliedLevel", a.id DESC LIMIT 1`,
        [state, province],
      )
    )?.id ?? anyApp;
  const apps = {
    SUBMITTED: await appIn("SUBMITTED"),
    INITIAL_REVIEW_PASSED: await appIn("INITIAL_REVIEW_PASSED"),
    ASSESSED: await appIn("ASSESSED"),
    PUBLIC_NOTICE: await appIn("PUBLIC_NOTICE"),
    MANAGER:
      (await one<{ id: number }>(`SELECT id FROM "GradeApplication" WHERE "mineId" = $1 LIMIT 1`, [mine.id]))?.id ??
      anyApp,
  };
  // A public notice open today (the seed's may have ended), with an objection to resolve.
  const noticeId = apps.PUBLIC_NOTICE;
  await query(`UPDATE "GradeApplication" SET "noticeStartsOn" = $2::date, "noticeEndsOn" = $3::date WHERE id = $1`, [
    noticeId,
    daysFrom(today, -1),
    daysFrom(today, 10),
  ]);
  let objection = await one<{ id: number; applicationId: number }>(
    `SELECT id, "applicationId" FROM "Objection" WHERE status = 'OPEN' ORDER BY id LIMIT 1`,
  );
  if (!objection) {
    objection = (await one<{ id: number; applicationId: number }>(
      `INSERT INTO "Objection" ("applicationId", name, contact, text) VALUES ($1, 'Fuzz', 'fuzz@example.test',
        'An objection for the fuzz test to resolve.') RETURNING id, "applicationId"`,
      [noticeId],
    ))!;
  }
  const proposalFor = async (skip: number) => {
    const p = await one<{ id: number; version: number; fromLevel: number; provinceCode: string }>(
      `SELECT d.id, d.version, d."fromLevel", m."provinceCode" FROM "Decision" d JOIN "Mine" m ON m.id = d."mineId"
        WHERE d.status = 'PROPOSED' ORDER BY (m."provinceCode" = '14' AND d."fromLevel" IN (2, 3)) DESC, d.id
        OFFSET $1 LIMIT 1`,
      [skip],
    );
    if (!p) return { id: 1, version: 0, account: "PROVINCIAL_REGULATOR" as Account };
    const account: Account =
      p.fromLevel === 1
        ? "NATIONAL_REGULATOR"
        : p.provinceCode === "14"
          ? "PROVINCIAL_REGULATOR"
          : "NATIONAL_REGULATOR";
    return { id: p.id, version: p.version, account };
  };
  return {
    today,
    mineType: mine.type,
    elements,
    allElementCodes: allCodes.map((r) => r.code),
    conditionCodes: conditions.map((r) => r.code),
    datongMines,
    foreignMine: foreign.code,
    spotCheck: { id: sc.id, version: sc.version, findingIds },
    managerFindingId: managerFinding?.id ?? 1,
    managerDecisionId: managerDecision?.id ?? 1,
    apps,
    objection,
    noticeId,
    proposal: await proposalFor(0),
    proposal2: await proposalFor(1),
    currentRuleFrom: rule.from,
    evidenceId: (await one<{ id: number }>(
      `INSERT INTO "EvidenceFile" ("findingId", filename, "mimeType", size, sha256, bytes, thumbnail)
       VALUES ($1, 'fuzz.jpg', 'image/jpeg', length($2::bytea), encode(sha256($2::bytea), 'hex'), $2::bytea, $2::bytea)
       RETURNING id`,
      [managerFinding!.id, A.PHOTO_JPEG],
    ))!.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Server-action targets

type Args = unknown[];
interface Outcome {
  res: ActionResponse;
  changed: RowChanges;
}
interface ActionTarget {
  file: string;
  name: string;
  /** Who calls it: a role allowed to, so that input reaches validation and the service. */
  account: Account | "PUBLIC";
  page: () => string;
  runs: number;
  /** The arguments of one call, and what to print for it. */
  input: () => fc.Arbitrary<{ args: Args; shown: unknown; headers?: Record<string, string> }>;
  /** Catalogue namespaces the form resolves its keys in, in order. */
  namespaces?: readonly string[];
  /** For actions that return nothing (void): no FormState to check. */
  void?: boolean;
  /** Checks an accepted input wrote completely; returns a problem or null. */
  complete?: (o: Outcome, input: { args: Args; shown: unknown }) => Promise<string | null> | string | null;
  /** Regression examples: inputs that once caused a 500. */
  examples?: () => { args: Args; shown: unknown; headers?: Record<string, string> }[];
  /** A session of its own instead of `account`'s (issue 12: a throwaway account changing its password). */
  client?: () => Promise<PortalClient>;
}

/** A FormData from generated entries. */
function toFormData(entries: A.Entries): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, new File([v.file as BlobPart], v.name, { type: v.type ?? "application/octet-stream" }));
  }
  return fd;
}

/** The arguments of a form action: the previous state and the FormData; now and then wrong types altogether. */
function formArgs(
  plan: fc.Arbitrary<A.FormPlan>,
  extra: (entries: A.Entries) => A.Entries = (e) => e,
): fc.Arbitrary<{ args: Args; shown: unknown }> {
  const form = plan.map((p) => {
    const entries = extra(A.planEntries(p));
    return { args: [{ ok: false }, toFormData(entries)] as Args, shown: { mode: p.mode, entries } as unknown };
  });
  // A hand-made request can send anything as the arguments: no FormData at all, or none.
  const notAForm = fc
    .constantFrom<Args>([null, "x"], [{ ok: false }, { email: "a@b.c" }], [{ ok: false }, 42], [{ ok: false }], [])
    .map((args) => ({ args, shown: { mode: "not a form", args } as unknown }));
  return fc.oneof({ arbitrary: form, weight: 19 }, { arbitrary: notAForm, weight: 1 });
}

/** Issue 15.5: the files a form sends under "files", added to a generated form (a form only). */
function withFiles(
  input: { args: Args; shown: unknown },
  files: { file: string | Uint8Array; name: string; type: string }[],
): { args: Args; shown: unknown } {
  const fd = input.args[1];
  if (!(fd instanceof FormData) || files.length === 0) return input;
  for (const f of files) fd.append("files", new File([f.file as BlobPart], f.name, { type: f.type }));
  const shownFiles = files.map((f) => ({ name: f.name, type: f.type, bytes: f.file.length }));
  return { args: input.args, shown: { form: input.shown, files: shownFiles } };
}

const ids = (n: number) => fc.constant(String(n));
const text = (s: string) => fc.constant(s);
const recentDate = () => fc.integer({ min: 0, max: 200 }).map((d) => daysFrom(fx.today, -d));
const changedSum = (c: RowChanges, t: string) => c[t] ?? 0;

/** Generic completeness: the entity's table and exactly one audit row... at least one (proposals audit too). */
function wrote(...tables: string[]) {
  return (o: Outcome) => {
    const missing = [...tables, "AuditLog"].filter((t) => !changedSum(o.changed, t));
    return missing.length
      ? `accepted but did not write ${missing.join(", ")} (changed: ${A.describe(o.changed)})`
      : null;
  };
}

function scoresCount(scoresJson: unknown): number | null {
  try {
    const v = JSON.parse(String(scoresJson)) as Record<string, unknown>;
    return Object.values(v).filter((x) => x !== "").length;
  } catch {
    return null;
  }
}

function spotCheckTarget(): ActionTarget {
  const codes = () => fx.elements[fx.mineType];
  const finding = () =>
    fc.record({
      elementCode: fc.constantFrom(...codes()),
      text: fc.constantFrom("通风设施不完好", "Ventilation door damaged"),
      severity: fc.constantFrom("MAJOR", "GENERAL"),
      rectifyBy: fc.constantFrom("", daysFrom(fx.today, 30)),
    });
  const payload = () =>
    A.jsonObjectText(
      fc.record({
        mineCode: fc.constant(MANAGER_MINE_CODE),
        checkedOn: recentDate(),
        type: fc.constantFrom("ROUTINE", "RE_REVIEW", "ACCIDENT_TRIGGERED"),
        team: fc.constantFrom("第一检查组", "Fuzz team"),
        findings: fc.array(finding(), { maxLength: 2 }),
        majorHiddenDangers: fc.array(fc.record({ description: fc.constant("瓦斯超限") }), { maxLength: 2 }),
        conclusion: fc.constantFrom("GRADE_MAINTAINED", "RECTIFICATION_ORDERED"),
        notes: fc.constantFrom("", "抽查记录"),
      }),
      {
        mineCode: fc.constantFrom(fx.foreignMine, "1402260001\u0000", " 1402260001 ", "x".repeat(25)),
        checkedOn: A.hostileDateText,
        findings: fc.array(
          fc.record({
            elementCode: A.hostileJson,
            text: A.hostileJson,
            severity: A.hostileJson,
            rectifyBy: A.hostileDateText,
          }),
          { maxLength: 3 },
        ),
        majorHiddenDangers: fc.oneof(
          fc.array(fc.record({ description: A.hostileJson }), { maxLength: 3 }),
          fc.constant(Array.from({ length: 201 }, () => ({ description: "x" }))),
        ),
      },
    );
  return {
    file: "app/(portal)/mines/[code]/spot-checks/new/actions.ts",
    name: "saveSpotCheck",
    account: "LOCAL_REGULATOR",
    page: () => `/mines/${MANAGER_MINE_CODE}/spot-checks/new`,
    runs: runs(80),
    namespaces: ["errors"],
    input: () =>
      fc
        .record({
          payload: payload(),
          scores: A.scoresText(codes()),
          drop: fc.constantFrom<"none" | "payload" | "scores" | "file">(
            "none",
            "none",
            "none",
            "none",
            "none",
            "none",
            "payload",
            "scores",
            "file",
          ),
        })
        .map(({ payload, scores, drop }) => {
          const entries: A.Entries = [];
          if (drop !== "payload")
            entries.push(["payload", drop === "file" ? { file: payload, name: "p.json" } : payload]);
          if (drop !== "scores") entries.push(["scores", scores]);
          return { args: [{ ok: false }, toFormData(entries)], shown: { entries } };
        }),
    complete: async (o, input) => {
      const entries = (input.shown as { entries: A.Entries }).entries;
      const payload = JSON.parse(String(entries.find(([k]) => k === "payload")?.[1])) as {
        findings?: unknown[];
        majorHiddenDangers?: unknown[];
      };
      const expected: RowChanges = {
        SpotCheck: 1,
        Scoresheet: 1,
        ElementScore: scoresCount(entries.find(([k]) => k === "scores")?.[1]) ?? -1,
        Finding: payload.findings?.length ?? 0,
        HiddenDanger: payload.majorHiddenDangers?.length ?? 0,
      };
      const wrong = Object.entries(expected).filter(([t, n]) => changedSum(o.changed, t) !== n);
      if (wrong.length || !changedSum(o.changed, "AuditLog"))
        return `spot-check written partially: expected ${A.describe(expected)} + audit, changed ${A.describe(o.changed)}`;
      // The new spot-check and its audit row, read back.
      const row = await one<{ id: number; n: number; audit: number }>(
        `SELECT s.id, (SELECT count(*)::int FROM "ElementScore" e WHERE e."scoresheetId" = s."scoresheetId") AS n,
           (SELECT count(*)::int FROM "AuditLog" a WHERE a.entity = 'SpotCheck' AND a."entityId" = s.id::text) AS audit
         FROM "SpotCheck" s ORDER BY s.id DESC LIMIT 1`,
      );
      if (!row || row.n !== expected.ElementScore || row.audit < 1)
        return `spot-check ${row?.id} has ${row?.n} scores and ${row?.audit} audit rows`;
      return null;
    },
    examples: () => [
      // Found by this fuzzer: impossible calendar dates made isIsoDate throw (a 500).
      {
        args: [
          { ok: false },
          toFormData([
            [
              "payload",
              JSON.stringify({
                mineCode: MANAGER_MINE_CODE,
                checkedOn: "2026-13-01",
                type: "ROUTINE",
                team: "x",
                conclusion: "GRADE_MAINTAINED",
              }),
            ],
            ["scores", "{}"],
          ]),
        ],
        shown: "checkedOn 2026-13-01",
      },
      // Found by this fuzzer: NUL in a text field reached PostgreSQL (a 500).
      {
        args: [
          { ok: false },
          toFormData([
            [
              "payload",
              JSON.stringify({
                mineCode: MANAGER_MINE_CODE,
                checkedOn: fx.today,
                type: "ROUTINE",
                team: "a\u0000b",
                conclusion: "GRADE_MAINTAINED",
              }),
            ],
            ["scores", JSON.stringify(Object.fromEntries(fx.elements[fx.mineType].map((c) => [c, 90])))],
          ]),
        ],
        shown: "team with NUL",
      },
    ],
  };
}

const FUZZ_DRAFT_EDIT = "FZ-EDIT";
const FUZZ_DRAFT_PUBLISH = "FZ-PUBLISH";

function actionTargets(): ActionTarget[] {
  const scoresFor = () => A.scoresText(fx.elements[fx.mineType]);
  /**
   * The basic conditions' fields (conditions.<code>.met / .evidence): mostly every condition met with
   * evidence, else hostile answers and evidence, a condition left out, or one the rules do not have.
   */
  const conditionsFor = (): fc.Arbitrary<A.Entries> =>
    fc
      .tuple(
        ...fx.conditionCodes.map((code) =>
          fc.tuple(
            fc.constant(code),
            fc.oneof(
              { weight: 8, arbitrary: fc.constant("yes") },
              fc.constantFrom("no", "", "YES", "true"),
              A.hostileValue,
            ),
            fc.oneof({ weight: 8, arbitrary: fc.constant("证照齐全有效") }, A.hostileText),
            fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
          ),
        ),
        fc.option(fc.constantFrom("INVENTED", "__proto__", "a.b", "x".repeat(80)), { freq: 8 }),
      )
      .map((all) => {
        const extra = all.pop() as string | null;
        const entries: A.Entries = [];
        for (const [code, met, evidence, keep] of all as [string, string, string, boolean][])
          if (keep) entries.push([`conditions.${code}.met`, met], [`conditions.${code}.evidence`, evidence]);
        if (extra) entries.push([`conditions.${extra}.met`, "yes"], [`conditions.${extra}.evidence`, "x"]);
        return entries;
      });
  const appStep = (
    name: string,
    account: Account,
    appId: () => number,
    fields: Record<string, fc.Arbitrary<string>>,
    hostile: Record<string, fc.Arbitrary<string>> = {},
    withScores = false,
  ): ActionTarget => ({
    file: "app/(portal)/applications/[id]/actions.ts",
    name,
    account,
    page: () => `/applications/${appId()}`,
    runs: runs(45),
    namespaces: ["applicationErrors", "errors"],
    input: () => {
      const plan = A.formPlan(
        { applicationId: ids(appId()), ...fields },
        { applicationId: A.hostileNumberText, version: A.hostileNumberText, ...hostile },
      );
      if (!withScores) return formArgs(plan);
      return fc.tuple(plan, scoresFor(), fc.boolean()).map(([p, scores, keep]) => {
        const entries: A.Entries = [
          ...A.planEntries(p),
          ...(keep ? [["scores", scores] as [string, A.FieldValue]] : []),
        ];
        return { args: [{ ok: false }, toFormData(entries)], shown: { mode: p.mode, entries } };
      });
    },
    complete: wrote("GradeApplication"),
  });
  const reasonText = fc.constantFrom("材料不全", "Documents incomplete.");

  return [
    spotCheckTarget(),
    {
      file: "app/(portal)/mines/[code]/actions.ts",
      name: "recordAccidentAction",
      account: "LOCAL_REGULATOR",
      page: () => `/mines/${MANAGER_MINE_CODE}/accidents/new`,
      runs: runs(50),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              mineCode: text(MANAGER_MINE_CODE),
              occurredOn: recentDate(),
              deaths: fc.constantFrom("0", "0", "1"),
              injuries: fc.integer({ min: 0, max: 5 }).map(String),
              description: text("顶板冒落 / Roof fall"),
            },
            {
              mineCode: fc.constantFrom(fx.foreignMine, "x".repeat(25), "1402260001\u0000"),
              occurredOn: A.hostileDateText,
              deaths: A.hostileNumberText,
              injuries: A.hostileNumberText,
            },
          ),
        ),
      complete: wrote("Accident"),
      examples: () => [
        {
          args: [
            { ok: false },
            toFormData([
              ["mineCode", MANAGER_MINE_CODE],
              ["occurredOn", "0000-00-00"],
              ["deaths", "0"],
              ["injuries", "0"],
              ["description", "x"],
            ]),
          ],
          shown: "occurredOn 0000-00-00",
        },
      ],
    },
    {
      file: "app/(portal)/mines/[code]/actions.ts",
      name: "reportHiddenDangerAction",
      account: "MINE_MANAGER",
      page: () => `/mines/${MANAGER_MINE_CODE}`,
      runs: runs(40),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            { foundOn: recentDate(), description: text("采空区积水 / Water in old workings") },
            { foundOn: A.hostileDateText },
          ),
        ),
      complete: wrote("HiddenDanger"),
    },
    {
      file: "app/(portal)/mines/[code]/reply-actions.ts",
      name: "addReplyAction",
      account: "MINE_MANAGER",
      page: () => `/mines/${MANAGER_MINE_CODE}`,
      runs: runs(40),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              target: fc.constantFrom("finding", "decision"),
              targetId: fc.constant(0).map(() => ""),
              text: text("已整改 / Rectified."),
            },
            { target: fc.constantFrom("Finding", "spotCheck", "__proto__"), targetId: A.hostileNumberText },
          ).map((p) => ({
            ...p,
            base: {
              ...p.base,
              targetId: String(p.base.target === "finding" ? fx.managerFindingId : fx.managerDecisionId),
            },
          })),
        ),
      complete: wrote("Reply"),
    },
    {
      file: "app/(portal)/applications/new/actions.ts",
      name: "submitApplicationAction",
      account: "MINE_MANAGER",
      page: () => `/applications/new`,
      runs: runs(40),
      namespaces: ["applicationErrors", "errors"],
      input: () =>
        fc
          .tuple(
            A.formPlan(
              {
                kind: fc.constantFrom("GRADING", "GRADING", "DIRECT_EXTENSION", ""),
                appliedLevel: fc.constantFrom("1", "2", "3"),
                note: fc.constantFrom("", "自评"),
              },
              { kind: fc.constantFrom("grading", "EXTENSION", "1", "GRADING\u0000") },
            ),
            scoresFor(),
            fc.boolean(),
            conditionsFor(),
          )
          .map(([p, scores, keep, conditions]) => {
            const entries: A.Entries = [
              ...A.planEntries(p),
              ...(keep ? [["scores", scores] as [string, A.FieldValue]] : []),
              ...conditions,
            ];
            return { args: [{ ok: false }, toFormData(entries)], shown: { mode: p.mode, entries } };
          }),
      complete: wrote("GradeApplication", "Scoresheet", "ApplicationCondition"),
    },
    appStep(
      "reviewAction",
      "PROVINCIAL_REGULATOR",
      () => fx.apps.SUBMITTED,
      { outcome: fc.constantFrom("PASS", "REJECT"), reason: reasonText },
      { outcome: fc.constantFrom("pass", "APPROVE", "") },
    ),
    appStep("assessAction", "NATIONAL_REGULATOR", () => fx.apps.INITIAL_REVIEW_PASSED, { note: text("") }, {}, true),
    appStep("startNoticeAction", "NATIONAL_REGULATOR", () => fx.apps.ASSESSED, {}),
    appStep("rejectAction", "PROVINCIAL_REGULATOR", () => fx.apps.SUBMITTED, { reason: reasonText }),
    appStep("withdrawAction", "MINE_MANAGER", () => fx.apps.MANAGER, { reason: reasonText }),
    appStep("announceAction", "NATIONAL_REGULATOR", () => fx.noticeId, { announcementNo: text("煤安标〔2026〕1号") }),
    appStep(
      "resolveObjectionAction",
      "NATIONAL_REGULATOR",
      () => fx.objection.applicationId,
      {
        objectionId: fc.constant(0).map(() => String(fx.objection.id)),
        outcome: fc.constantFrom("UPHELD", "DISMISSED"),
        reason: reasonText,
      },
      { objectionId: A.hostileNumberText, outcome: fc.constantFrom("upheld", "") },
    ),
    // The working-day calendar (ADMIN). Valid inputs name years the seed does not cover or days it has
    // (a second valid run on the same day or year gets a clear conflict, which is an answer too).
    {
      file: "app/(portal)/admin/calendar/actions.ts",
      name: "saveCalendarDayAction",
      account: "ADMIN",
      page: () => `/admin/calendar`,
      runs: runs(30),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              date: fc.integer({ min: 0, max: 3000 }).map((d) => daysFrom("2031-01-01", d)),
              kind: fc.constantFrom("HOLIDAY", "WORKDAY"),
              nameZh: text("元旦"),
              nameEn: text("New Year's Day"),
              version: text(""),
            },
            {
              date: A.hostileDateText,
              kind: fc.constantFrom("holiday", "", "__proto__"),
              version: A.hostileNumberText,
            },
          ),
        ),
      complete: wrote("CalendarDay"),
    },
    {
      file: "app/(portal)/admin/calendar/actions.ts",
      name: "deleteCalendarDayAction",
      account: "ADMIN",
      page: () => `/admin/calendar`,
      runs: runs(20),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            { date: fc.constantFrom("2004-01-01", "2004-05-01", "2004-10-01"), version: text("0") },
            { date: A.hostileDateText, version: A.hostileNumberText },
          ),
        ),
      complete: wrote("CalendarDay"),
    },
    {
      file: "app/(portal)/admin/calendar/actions.ts",
      name: "coverCalendarYearAction",
      account: "ADMIN",
      page: () => `/admin/calendar`,
      runs: runs(20),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            { year: fc.integer({ min: 2031, max: 2039 }).map(String), source: text("国办发明电〔2030〕1号") },
            { year: A.hostileNumberText },
          ),
        ),
      complete: wrote("CalendarYear"),
    },
    // The scheduled jobs (ADMIN): valid runs name jobs that change no domain data (the e2e server
    // runs them: its worker runs in process, with no schedule).
    {
      file: "app/(portal)/admin/jobs/actions.ts",
      name: "runJobNowAction",
      account: "ADMIN",
      page: () => `/admin/jobs`,
      runs: runs(20),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            { job: fc.constantFrom("housekeeping", "notification-delivery") },
            { job: fc.constantFrom("", "HOUSEKEEPING", "__proto__", "housekeeping ", "../housekeeping") },
          ),
        ),
      complete: wrote(),
    },
    // Rule versions (ADMIN). Valid clones take fresh codes; edits and the publication go to drafts of
    // their own made in beforeAll (a stale version or an already published draft gets a clear answer).
    {
      file: "app/(portal)/admin/rules/actions.ts",
      name: "cloneRuleVersionAction",
      account: "ADMIN",
      page: () => `/admin/rules`,
      runs: runs(20),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              from: fc.constantFrom("2020", "2024", "2026"),
              code: fc.integer({ min: 0, max: 999_999 }).map((n) => `FZ${n}`),
              nameZh: text("副本"),
              nameEn: text("Copy"),
            },
            { from: A.hostileText, code: A.hostileText },
          ),
        ),
      complete: wrote("RuleVersion", "RulePart", "RuleElement", "RuleLevelThreshold", "RuleVeto"),
    },
    {
      file: "app/(portal)/admin/rules/actions.ts",
      name: "saveRuleDraftAction",
      account: "ADMIN",
      page: () => `/admin/rules/${FUZZ_DRAFT_EDIT}`,
      runs: runs(30),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              code: text(FUZZ_DRAFT_EDIT),
              // The first accepted edit moves the draft to version 1; later ones get a clear conflict.
              version: text("0"),
              "threshold:3:TOTAL": fc.integer({ min: 60, max: 79 }).map(String),
              "veto:1:FAILED_ASSESSMENT": fc.integer({ min: 1, max: 36 }).map(String),
              "weight:UNDERGROUND:E07": text("0.14"),
            },
            {
              code: A.hostileText,
              version: A.hostileNumberText,
              "threshold:3:TOTAL": A.hostileNumberText,
              "veto:1:FAILED_ASSESSMENT": A.hostileNumberText,
              "weight:UNDERGROUND:E07": A.hostileNumberText,
            },
          ),
        ),
      complete: wrote("RuleVersion"),
    },
    {
      file: "app/(portal)/admin/rules/actions.ts",
      name: "publishRuleVersionAction",
      account: "ADMIN",
      page: () => `/admin/rules/${FUZZ_DRAFT_PUBLISH}`,
      runs: runs(20),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              code: text(FUZZ_DRAFT_PUBLISH),
              version: text("0"),
              effectiveFrom: fc.integer({ min: 0, max: 3000 }).map((d) => daysFrom("2080-01-01", d)),
            },
            { code: A.hostileText, version: A.hostileNumberText, effectiveFrom: A.hostileDateText },
          ),
        ),
      complete: wrote("RuleVersion"),
    },
    {
      // Issue 15.5: files of every kind and name, honest or not, on a finding the caller may write.
      file: "app/(portal)/evidence-actions.ts",
      name: "attachEvidenceAction",
      account: "LOCAL_REGULATOR",
      page: () => `/mines/${MANAGER_MINE_CODE}/spot-checks/${fx.spotCheck.id}`,
      runs: runs(40),
      namespaces: ["errors"],
      input: () =>
        fc
          .tuple(
            formArgs(
              A.formPlan(
                {
                  ownerKind: fc.constant("finding"),
                  ownerId: fc.constant(0).map(() => String(fx.managerFindingId)),
                },
                {
                  ownerKind: fc.constantFrom("Finding", "objection", "application", "__proto__"),
                  ownerId: A.hostileNumberText,
                },
              ),
            ),
            A.evidenceFiles,
          )
          .map(([input, files]) => withFiles(input, files)),
      // Honest uploads first (a photo; a PDF under a photo's name), so an accepted write is always checked.
      examples: () =>
        [
          [{ file: new Uint8Array(A.PHOTO_JPEG), name: "site.jpg", type: "image/jpeg" }],
          [{ file: A.SMALL_PDF, name: "notice.jpg", type: "image/jpeg" }],
        ].map((files) =>
          withFiles(
            {
              args: [
                { ok: false },
                toFormData([
                  ["ownerKind", "finding"],
                  ["ownerId", String(fx.managerFindingId)],
                ]),
              ],
              shown: "an honest upload",
            },
            files,
          ),
        ),
      complete: wrote("EvidenceFile"),
    },
    {
      file: "app/(public)/notices/[id]/actions.ts",
      name: "lodgeObjectionAction",
      account: "PUBLIC",
      page: () => `/notices/${fx.noticeId}`,
      runs: runs(50),
      namespaces: ["applicationErrors", "errors"],
      input: () =>
        fc
          .tuple(
            formArgs(
              A.formPlan(
                {
                  applicationId: fc.constant(0).map(() => String(fx.noticeId)),
                  name: fc.constantFrom("张三", "A. Resident"),
                  contact: fc.constantFrom("13800000000", "resident@example.test"),
                  text: text("The ventilation records of this mine need checking before the grade."),
                },
                { applicationId: A.hostileNumberText },
              ),
            ),
            fc.integer({ min: 1, max: 250 }),
            fc.integer({ min: 1, max: 250 }),
            A.evidenceFiles,
          )
          // Five objections per address and hour: each run from its own address.
          .map(([input, a, b, files]) => ({
            ...withFiles(input, files),
            headers: { "x-forwarded-for": `203.0.${a}.${b}` },
          })),
      complete: wrote("Objection"),
    },
    {
      file: "app/(portal)/decisions/actions.ts",
      name: "confirmAction",
      account: "PROVINCIAL_REGULATOR",
      page: () => `/decisions`,
      runs: runs(45),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              decisionId: fc.constant(0).map(() => String(fx.proposal.id)),
              version: fc.constant(0).map(() => String(fx.proposal.version)),
              number: text("晋煤安〔2026〕7号"),
              legalBasis: text("《煤矿安全生产标准化管理体系考核定级办法》第二十条"),
              effectiveOn: fc.constant(0).map(() => fx.today),
            },
            { decisionId: A.hostileNumberText, version: A.hostileNumberText, effectiveOn: A.hostileDateText },
          ),
        ),
      complete: wrote("Decision"),
    },
    {
      file: "app/(portal)/decisions/actions.ts",
      name: "withdrawAction",
      account: "PROVINCIAL_REGULATOR",
      page: () => `/decisions`,
      runs: runs(40),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            {
              decisionId: fc.constant(0).map(() => String(fx.proposal2.id)),
              version: fc.constant(0).map(() => String(fx.proposal2.version)),
              reason: reasonText,
            },
            { decisionId: A.hostileNumberText, version: A.hostileNumberText },
          ),
        ),
      complete: wrote("Decision"),
    },
    {
      file: "app/(portal)/decisions/actions.ts",
      name: "scanStoppedAction",
      // The configuration's proposer (by default the prefecture): the province is refused before any work.
      account: "LOCAL_REGULATOR",
      page: () => `/decisions`,
      runs: runs(4),
      void: true,
      input: () => fc.array(A.hostileJson, { maxLength: 2 }).map((args) => ({ args, shown: args })),
    },
    {
      file: "app/(portal)/mines/[code]/spot-checks/[id]/edit/actions.ts",
      name: "amendSpotCheckAction",
      account: "LOCAL_REGULATOR",
      page: () => `/mines/${MANAGER_MINE_CODE}/spot-checks/${fx.spotCheck.id}/edit`,
      runs: runs(45),
      namespaces: ["errors"],
      input: () => {
        const findingFields = Object.fromEntries(
          fx.spotCheck.findingIds.slice(0, 2).map((id) => [`rectifiedOn.${id}`, fc.constantFrom("", fx.today)]),
        );
        return formArgs(
          A.formPlan(
            {
              mineCode: text(MANAGER_MINE_CODE),
              spotCheckId: text(String(fx.spotCheck.id)),
              version: fc.constant(0).map(() => String(fx.spotCheck.version)),
              team: text("第二检查组"),
              notes: fc.constantFrom("", "复核"),
              ...findingFields,
            },
            {
              spotCheckId: A.hostileNumberText,
              version: A.hostileNumberText,
              ...Object.fromEntries(Object.keys(findingFields).map((k) => [k, A.hostileDateText])),
            },
          ),
          // Now and then a rectification date of a finding that is not this spot-check's, or no finding id at all.
          (e) => e,
        );
      },
      complete: wrote("SpotCheck"),
    },
    {
      file: "app/(auth)/login/actions.ts",
      name: "login",
      account: "PUBLIC",
      page: () => `/login`,
      runs: runs(30),
      namespaces: ["login"],
      input: () =>
        fc
          .tuple(
            formArgs(
              A.formPlan(
                { email: fc.constantFrom("nobody@fuzz.test", "someone@fuzz.test"), password: text("not-the-password") },
                { email: fc.constantFrom("a@b", "@", "a@b.c\u0000", " someone@fuzz.test ") },
              ),
            ),
            fc.integer({ min: 1, max: 250 }),
          )
          .map(([input, a]) => ({ ...input, headers: { "x-forwarded-for": `198.18.7.${a}` } })),
    },
    {
      file: "app/actions.ts",
      name: "setLocale",
      account: "PUBLIC",
      page: () => `/register`,
      runs: runs(10),
      void: true,
      input: () =>
        fc
          .oneof(
            fc.constantFrom<unknown>("en", "zh-CN", "fr", "", "en\u0000", "en; Path=/; HttpOnly", "x".repeat(5000)),
            A.hostileJson,
          )
          .map((v) => ({ args: [v], shown: v })),
    },
    // ---- issue 12: administration, user accounts ----
    ...userAccountTargets(),
    // ---- end of issue 12, user accounts ----
    // ---- issue 12: administration, authorities and spot-check targets ----
    ...authorityAndTargetTargets(),
    // ---- end of issue 12, authorities and spot-check targets ----
    {
      file: "app/(portal)/actions.ts",
      name: "signOutAction",
      account: "PUBLIC",
      page: () => `/register`,
      runs: runs(3),
      void: true,
      input: () => fc.array(A.hostileJson, { maxLength: 2 }).map((args) => ({ args, shown: args })),
    },
    // --- Issue 15: notifications (the caller's own) -----------------------------------------
    {
      file: "app/(portal)/notifications/actions.ts",
      name: "markReadAction",
      account: "NATIONAL_REGULATOR",
      page: () => `/notifications`,
      runs: runs(30),
      namespaces: ["errors"],
      input: () =>
        formArgs(
          A.formPlan(
            { notificationId: fc.integer({ min: 1, max: 5000 }).map(String) },
            { notificationId: A.hostileNumberText },
          ),
        ),
    },
    {
      file: "app/(portal)/notifications/actions.ts",
      name: "markAllReadAction",
      account: "MINE_MANAGER",
      page: () => `/notifications`,
      runs: runs(10),
      namespaces: ["errors"],
      // It reads no field: whatever a form sends is ignored.
      input: () => formArgs(A.formPlan({ note: text("") })),
    },
    {
      file: "app/(portal)/notifications/actions.ts",
      name: "savePreferencesAction",
      account: "LOCAL_REGULATOR",
      page: () => `/notifications/preferences`,
      runs: runs(30),
      namespaces: ["errors"],
      input: () => {
        const kinds = [
          "DECISION_PROPOSED",
          "DECISION_CONFIRMED",
          "DECISION_WITHDRAWN",
          "SPOT_CHECK_FINDINGS",
          "APPLICATION_STATE",
          "REPLY_POSTED",
          "GRADE_EXPIRING",
          "FINDING_OVERDUE",
        ];
        const channel = fc.constantFrom("IN_APP", "IN_APP_AND_EMAIL");
        const badChannel = fc.constantFrom("EMAIL", "in_app", "", "IN_APP\u0000");
        return formArgs(
          A.formPlan(
            { ...Object.fromEntries(kinds.map((k) => [k, channel])), emailLocale: fc.constantFrom("zh-CN", "en") },
            { ...Object.fromEntries(kinds.map((k) => [k, badChannel])), emailLocale: fc.constantFrom("fr", "EN", "") },
          ),
        );
      },
    },
    // --- Issue 12: the mine register -------------------------------------------------------
    ...registerTargets(),
  ];
}

/** Issue 12: the register's form actions, as the local regulator of Datong. */
function registerTargets(): ActionTarget[] {
  const namespaces = ["mineRegister.errors", "errors"] as const;
  const attributes = {
    name: fc.constantFrom("模糊测试煤矿", "Fuzz Mine"),
    nameEn: fc.constantFrom("", "Fuzz Mine"),
    enterpriseId: fc.constantFrom("", String(reg.enterprise.id)),
    type: fc.constantFrom("UNDERGROUND", "OPEN_PIT"),
    capacity: fc.integer({ min: 1, max: 500 }).map(String),
    gasGrade: fc.constantFrom("LOW", "HIGH", "OUTBURST"),
    hydroType: fc.constantFrom("SIMPLE", "COMPLEX"),
    rockBurst: fc.constantFrom("false", "true", ""),
    combustionClass: fc.constantFrom("I", "II", "III"),
  };
  const hostileAttributes = {
    enterpriseId: fc.constantFrom("0", "-1", "2147483648", "1e3", "１", "999999999"),
    capacity: A.hostileNumberText,
    type: fc.constantFrom("underground", "SHAFT", "UNDERGROUND\u0000"),
    rockBurst: fc.constantFrom("maybe", "TRUE ", "2"),
  };
  const change = {
    status: fc.constantFrom("NORMAL_PRODUCTION", "STOPPED", "NORMAL_CONSTRUCTION", "ANNOUNCED_CLOSURE", "CLOSED"),
    effectiveOn: recentDate(),
    reason: fc.constantFrom("", "停产整顿", "Resumed"),
    documentNo: fc.constantFrom("", "晋煤〔2026〕1号"),
  };
  const hostileChange = { status: fc.constantFrom("stopped", "OPEN", ""), effectiveOn: A.hostileDateText };
  const refresh = (check: (o: Outcome) => string | null) => async (o: Outcome) => {
    await refreshRegisterVersions();
    return check(o);
  };
  return [
    {
      file: "app/(portal)/mines/new/actions.ts",
      name: "registerMineAction",
      account: "LOCAL_REGULATOR",
      page: () => "/mines/new",
      runs: runs(40),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              countyCode: fc.constant(reg.county),
              sequence: fc.constantFrom("", "", "", "0002"),
              ...attributes,
              ...change,
            },
            {
              countyCode: fc.constantFrom("140300", "110101", "1402", "14022６", "000000"),
              sequence: fc.constantFrom("0000", "12345", "abcd", "-001"),
              ...hostileAttributes,
              ...hostileChange,
            },
          ),
        ),
      complete: wrote("Mine", "MineStatusPeriod"),
    },
    {
      file: "app/(portal)/mines/[code]/edit/actions.ts",
      name: "editMineAction",
      account: "LOCAL_REGULATOR",
      page: () => `/mines/${reg.mine.code}/edit`,
      runs: runs(30),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              mineCode: fc.constant(null).map(() => reg.mine.code),
              version: fc.constant(null).map(() => String(reg.mine.version)),
              ...attributes,
            },
            {
              mineCode: fc.constantFrom(fx.foreignMine, "x".repeat(25), `${reg.mine.code}\u0000`),
              version: fc.constantFrom("-1", "1e9", "9999999999", "abc"),
              ...hostileAttributes,
            },
          ),
        ),
      complete: refresh(wrote("Mine")),
    },
    {
      file: "app/(portal)/mines/[code]/status/actions.ts",
      name: "changeStatusAction",
      account: "LOCAL_REGULATOR",
      page: () => `/mines/${reg.mine.code}/status`,
      runs: runs(40),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            { mineCode: fc.constant(null).map(() => reg.mine.code), ...change },
            { mineCode: fc.constantFrom(fx.foreignMine, "1402260001\u0000", ""), ...hostileChange },
          ),
        ),
      complete: refresh(wrote("MineStatusPeriod")),
    },
    {
      file: "app/(portal)/enterprises/actions.ts",
      name: "createEnterpriseAction",
      account: "LOCAL_REGULATOR",
      page: () => "/enterprises",
      runs: runs(20),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              name: fc.integer({ min: 1, max: 1e9 }).map((n) => `模糊企业${n}`),
              nameEn: fc.constantFrom("", "Fuzz Co."),
            },
            {},
          ),
        ),
      complete: wrote("Enterprise"),
    },
    {
      file: "app/(portal)/enterprises/[id]/edit/actions.ts",
      name: "editEnterpriseAction",
      account: "LOCAL_REGULATOR",
      page: () => `/enterprises/${reg.enterprise.id}/edit`,
      runs: runs(20),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              enterpriseId: fc.constant(String(reg.enterprise.id)),
              version: fc.constant(null).map(() => String(reg.enterprise.version)),
              name: fc.integer({ min: 1, max: 1e9 }).map((n) => `模糊企业改名${n}`),
              nameEn: fc.constantFrom("", "Fuzz Renamed Co."),
            },
            { enterpriseId: fc.constantFrom("0", "-5", "2147483648", "x"), version: fc.constantFrom("-1", "x", "") },
          ),
        ),
      complete: refresh(wrote("Enterprise")),
    },
  ];
}

/**
 * Invokes an action and reads which tables it changed; a failed request or a 5xx is recorded as a
 * server error and answers null, so the caller checks only answers worth checking.
 */
async function invokeCounted(
  key: string,
  client: PortalClient,
  action: ServerAction,
  page: string,
  args: Args,
  shown: unknown,
): Promise<{ res: ActionResponse; changed: RowChanges } | null> {
  const before = await readChanges();
  let res: ActionResponse;
  try {
    res = await client.action(action, page, args);
  } catch (e) {
    problem(key, "serverErrors", `request failed: ${e instanceof Error ? e.message : String(e)}`, shown);
    return null;
  }
  const changed = changedTables(before, await readChanges());
  if (res.status >= 500) {
    problem(key, "serverErrors", `HTTP ${res.status}`, shown);
    return null;
  }
  return { res, changed };
}

async function runActionTarget(t: ActionTarget, action: ServerAction) {
  const key = `${t.file}#${t.name}`;
  const c = count(key);
  const client = t.client ? await t.client() : t.account === "PUBLIC" ? null : await as(t.account);
  const check = async (input: { args: Args; shown: unknown; headers?: Record<string, string> }) => {
    c.inputs++;
    const caller = client ?? new PortalClient(undefined, input.headers ?? {});
    const call = await invokeCounted(key, caller, action, t.page(), input.args, input.shown);
    if (!call) return true;
    const { res, changed } = call;
    if (t.void) {
      c.accepted++;
      return true;
    }
    const state = res.result as { ok?: unknown; formError?: unknown; fieldErrors?: unknown } | undefined;
    const accepted = res.redirect !== null || (state && state.ok === true);
    if (accepted) {
      c.accepted++;
      // Signing in writes only LoginAttempt, which the counters leave out.
      const incomplete = t.complete ? await t.complete({ res, changed }, input) : null;
      if (incomplete) problem(key, "partialWrites", incomplete, input.shown);
      return true;
    }
    c.refused++;
    if (!state || typeof state !== "object" || state.ok !== false) {
      problem(key, "unclear", `HTTP ${res.status}, not a FormState: ${A.describe(state)}`, input.shown);
    } else {
      const fieldErrors = (state.fieldErrors ?? {}) as Record<string, unknown>;
      const keys = [state.formError, ...Object.values(fieldErrors)].filter((k) => k !== undefined);
      const untranslated = keys.filter((k) => !translated(t.namespaces ?? ["errors"], k));
      if (keys.length === 0) problem(key, "unclear", "refused without a message", input.shown);
      else if (untranslated.length)
        problem(key, "unclear", `untranslated keys ${A.describe(untranslated)} in ${t.namespaces}`, input.shown);
    }
    if (Object.keys(changed).length)
      problem(key, "partialWrites", `refused but changed ${A.describe(changed)}`, input.shown);
    return true;
  };
  for (const example of t.examples?.() ?? []) await check(example);
  await fc.assert(
    fc.asyncProperty(t.input(), (input) => check(input)),
    { seed: SEED, numRuns: t.runs, endOnFailure: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Issue 12: administration (user accounts)

interface AdminFixture {
  /** A mine manager's account (Datong) the ADMIN's account operations act on. */
  account: { id: number; version: number };
  /** A mine of that county, to link it to. */
  mineId: number;
  /** A throwaway account, signed in, that tries to change its own password. */
  self: { email: string; password: string };
  /** An authority the ADMIN edits, and a target of Shanxi the provincial regulator edits. */
  authority: { id: number; regionCode: string };
  targetId: number;
}
let adminFx: AdminFixture;
let selfClient: PortalClient | null = null;

async function loadAdminFixture(): Promise<AdminFixture> {
  const stamp = Date.now();
  const mine = (await one<{ id: number }>(`SELECT id FROM "Mine" WHERE "countyCode" = '140226' ORDER BY id LIMIT 1`))!;
  const account = (await one<{ id: number; version: number }>(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction) VALUES ($1, 'Fuzz account', 'not-a-login',
      'MINE_MANAGER', '140226') RETURNING id, version`,
    [`fuzz-account-${stamp}@fuzz.test`],
  ))!;
  const self = { email: `fuzz-self-${stamp}@fuzz.test`, password: "Fuzz-Self-Password-2026" };
  await query(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction) VALUES ($1, 'Fuzz self', $2, 'OFFICIAL', '14')`,
    [self.email, await bcrypt.hash(self.password, 10)],
  );
  // Setup ships an authority for every county: the fuzz edits the first one that nothing refers to.
  const authority = (await one<{ id: number; regionCode: string }>(
    `UPDATE "Authority" SET "nameZh" = '模糊测试局', "nameEn" = 'Fuzz Bureau' WHERE id = (
       SELECT a.id FROM "Authority" a WHERE a.kind = 'COUNTY'
          AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "SpotCheck" s WHERE s."authorityId" = a.id)
        ORDER BY a."regionCode" LIMIT 1)
     RETURNING id, "regionCode"`,
  ))!;
  // A worker restarted after a failed test loads the fixture again: the target is then reset, not added twice.
  const target = (await one<{ id: number }>(
    `INSERT INTO "SpotCheckTarget" (year, "regionCode", level, ratio) VALUES (2099, '14', 3, 0.2)
     ON CONFLICT (year, "regionCode", level) DO UPDATE SET ratio = EXCLUDED.ratio RETURNING id`,
  ))!;
  return { account, mineId: mine.id, self, authority, targetId: target.id };
}

function userAccountTargets(): ActionTarget[] {
  const usersFile = "app/(portal)/admin/users/[id]/actions.ts";
  const namespaces = ["adminErrors", "errors"] as const;
  const roles = fc.constantFrom("MINE_MANAGER", "LOCAL_REGULATOR", "OFFICIAL", "PROVINCIAL_REGULATOR", "ADMIN");
  const places = fc.constantFrom("", "14", "1402", "140226", "9999", "15");
  // The account's version as it is when the input is made (accepted inputs before moved it on), or a stale one.
  const ref = () => ({
    userId: ids(adminFx.account.id),
    version: fc
      .constantFrom("current", "current", "0", "1")
      .map((v) => (v === "current" ? String(adminFx.account.version) : v)),
  });
  const completeAndSync = async (o: Outcome) => {
    const problem = wrote("User")(o);
    const row = await one<{ version: number }>(`SELECT version FROM "User" WHERE id = $1`, [adminFx.account.id]);
    adminFx.account.version = row!.version;
    return problem;
  };
  const refHostile = { userId: A.hostileNumberText, version: A.hostileNumberText };
  const operation = (name: string, more: Record<string, fc.Arbitrary<string>> = {}, hostile = {}): ActionTarget => ({
    file: usersFile,
    name,
    account: "ADMIN",
    page: () => `/admin/users/${adminFx.account.id}`,
    runs: runs(20),
    namespaces,
    input: () => formArgs(A.formPlan({ ...ref(), ...more }, { ...refHostile, ...hostile })),
    complete: completeAndSync,
  });
  return [
    {
      file: "app/(portal)/admin/users/new/actions.ts",
      name: "createUserAction",
      account: "ADMIN",
      page: () => "/admin/users/new",
      runs: runs(40),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              email: fc.integer({ min: 1, max: 1e9 }).map((n) => `fuzz-new-${n}@fuzz.test`),
              name: fc.constantFrom("新用户", "New user"),
              role: roles,
              jurisdiction: places,
            },
            { email: A.hostileText, role: A.hostileText, jurisdiction: A.hostileNumberText },
          ),
        ),
      complete: wrote("User"),
    },
    operation(
      "updateUserAction",
      { name: fc.constantFrom("改名", "Renamed"), role: roles, jurisdiction: places },
      { role: A.hostileText, jurisdiction: A.hostileNumberText },
    ),
    operation("disableUserAction"),
    operation("enableUserAction"),
    operation("resetPasswordAction"),
    operation("liftLockoutAction"),
    operation("endSessionsAction"),
    operation(
      "linkMineAction",
      { mineId: fc.constantFrom(String(adminFx?.mineId ?? 1), "") },
      { mineId: A.hostileNumberText },
    ),
    {
      file: "app/(auth)/password/actions.ts",
      name: "changePasswordAction",
      account: "PUBLIC",
      client: async () => {
        if (!selfClient) {
          selfClient = new PortalClient();
          expect(
            await selfClient.signIn(adminFx.self.email, adminFx.self.password),
            "the throwaway account signs in",
          ).toBe(true);
        }
        return selfClient;
      },
      page: () => "/password",
      runs: runs(30),
      namespaces,
      // The right current password with a new one the policy refuses: every layer runs, nothing is changed
      // (a success would end the session the other inputs need).
      input: () =>
        formArgs(
          A.formPlan(
            { current: text(adminFx.self.password), password: text("short1"), confirm: text("short1") },
            { current: A.hostileText, password: A.hostileText, confirm: A.hostileText },
          ),
        ),
    },
  ];
}

function authorityAndTargetTargets(): ActionTarget[] {
  const namespaces = ["adminErrors", "errors"] as const;
  const kinds = fc.constantFrom("NATIONAL", "PROVINCIAL", "PREFECTURE", "COUNTY");
  const regions = fc.constantFrom("", "14", "1402", "140226", "9999", "15");
  const names = {
    nameZh: fc.constantFrom("测试局", "某某县应急管理局"),
    nameEn: fc.constantFrom("Bureau", "Test Bureau"),
  };
  const percents = fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), fc.constantFrom("12.5", "0", "100", "33.33"));
  return [
    {
      file: "app/(portal)/admin/authorities/actions.ts",
      name: "createAuthorityAction",
      account: "ADMIN",
      page: () => "/admin/authorities/new",
      runs: runs(30),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            { ...names, kind: kinds, regionCode: regions },
            { kind: A.hostileText, regionCode: A.hostileNumberText, nameZh: A.hostileText, nameEn: A.hostileText },
          ),
        ),
      complete: wrote("Authority"),
    },
    {
      file: "app/(portal)/admin/authorities/actions.ts",
      name: "updateAuthorityAction",
      account: "ADMIN",
      page: () => `/admin/authorities/${adminFx.authority.id}`,
      runs: runs(30),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              authorityId: ids(adminFx.authority.id),
              version: fc.constantFrom("0", "1", "2"),
              ...names,
              kind: fc.constant("COUNTY"),
              regionCode: fc.constant(adminFx.authority.regionCode),
            },
            {
              authorityId: A.hostileNumberText,
              version: A.hostileNumberText,
              kind: A.hostileText,
              regionCode: A.hostileNumberText,
            },
          ),
        ),
      complete: wrote("Authority"),
    },
    {
      file: "app/(portal)/admin/targets/actions.ts",
      name: "createTargetAction",
      account: "PROVINCIAL_REGULATOR",
      page: () => "/admin/targets",
      runs: runs(40),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            {
              year: fc.integer({ min: 2000, max: 2039 }).map(String),
              regionCode: fc.constantFrom("14", "1402", "", "15"),
              level: fc.constantFrom("", "1", "2", "3"),
              ratio: percents,
            },
            {
              year: A.hostileNumberText,
              regionCode: A.hostileNumberText,
              level: A.hostileNumberText,
              ratio: A.hostileNumberText,
            },
          ),
        ),
      complete: wrote("SpotCheckTarget"),
    },
    {
      file: "app/(portal)/admin/targets/actions.ts",
      name: "updateTargetAction",
      account: "PROVINCIAL_REGULATOR",
      page: () => "/admin/targets",
      runs: runs(30),
      namespaces,
      input: () =>
        formArgs(
          A.formPlan(
            { targetId: ids(adminFx.targetId), version: fc.constantFrom("0", "1", "2"), ratio: percents },
            { targetId: A.hostileNumberText, version: A.hostileNumberText, ratio: A.hostileNumberText },
          ),
        ),
      complete: wrote("SpotCheckTarget"),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The import

interface CsvPlan {
  header: string[];
  rows: string[][];
  bom: boolean;
  eol: "\n" | "\r\n";
  quoteAll: boolean;
  trailingEol: boolean;
  name: string;
}

function csvCell(v: string, quoteAll: boolean): string {
  return quoteAll || /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvText(p: CsvPlan): string {
  const lines = [p.header, ...p.rows].map((r) => r.map((v) => csvCell(v, p.quoteAll)).join(","));
  return (p.bom ? "\uFEFF" : "") + lines.join(p.eol) + (p.trailingEol ? p.eol : "");
}

const FIXED = ["mine_code", "checked_on", "type", "team", "conclusion", "major_hidden_dangers"];

function importRow(mine: { code: string; type: "UNDERGROUND" | "OPEN_PIT" }, header: string[]) {
  const own = new Set(fx.elements[mine.type]);
  return fc
    .record({
      checked: fc.integer({ min: 0, max: 300 }),
      type: fc.constantFrom("ROUTINE", "re_review", "ACCIDENT_TRIGGERED"),
      team: fc.constantFrom("第一检查组", "Team 2"),
      conclusion: fc.constantFrom("GRADE_MAINTAINED", "RECTIFICATION_ORDERED"),
      dangers: fc.constantFrom("", "0", "1"),
      scores: fc.array(
        fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: 85, max: 100 }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom("NA", "缺项") },
        ),
        {
          minLength: header.length,
          maxLength: header.length,
        },
      ),
    })
    .map((r) =>
      header.map((col, i) => {
        if (col === "mine_code") return mine.code;
        if (col === "checked_on") return daysFrom(fx.today, -r.checked);
        if (col === "type") return r.type;
        if (col === "team") return r.team;
        if (col === "conclusion") return r.conclusion;
        if (col === "major_hidden_dangers") return r.dangers;
        return own.has(col) ? r.scores[i] : "";
      }),
    );
}

function csvPlan(): fc.Arbitrary<CsvPlan> {
  const header = [...FIXED, ...fx.allElementCodes];
  const rows = fc.array(
    fc.constantFrom(...fx.datongMines).chain((m) => importRow(m, header)),
    { minLength: 0, maxLength: 4 },
  );
  type Edit = (p: CsvPlan) => CsvPlan;
  const cellEdit: fc.Arbitrary<Edit> = fc
    .tuple(fc.nat(), fc.nat(), fc.oneof(A.hostileValue, A.hostileScoreToken, A.hostileDateText))
    .map(([r, col, v]) => (p) => {
      if (!p.rows.length) return p;
      const ri = r % p.rows.length;
      const ci = col % p.header.length;
      return { ...p, rows: p.rows.map((row, i) => (i === ri ? row.map((x, j) => (j === ci ? v : x)) : row)) };
    });
  const headerEdit: fc.Arbitrary<Edit> = fc.oneof(
    fc.nat().map((i) => (p: CsvPlan) => {
      const ci = i % p.header.length;
      return {
        ...p,
        header: p.header.filter((_, j) => j !== ci),
        rows: p.rows.map((r) => r.filter((_, j) => j !== ci)),
      };
    }),
    fc.nat().map((i) => (p: CsvPlan) => ({
      ...p,
      header: [...p.header, p.header[i % p.header.length]],
      rows: p.rows.map((r) => [...r, ""]),
    })),
    A.hostileText.map((name) => (p: CsvPlan) => ({
      ...p,
      header: [...p.header, name],
      rows: p.rows.map((r) => [...r, ""]),
    })),
    fc.constant((p: CsvPlan) => ({ ...p, rows: p.rows.map((r) => [...r, "stray"]) })),
    fc.constant((p: CsvPlan) => ({ ...p, header: p.header.map((h) => h.toUpperCase()) })),
  );
  const base: fc.Arbitrary<CsvPlan> = fc.record({
    header: fc.constant(header),
    rows,
    bom: fc.boolean(),
    eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
    quoteAll: fc.boolean(),
    trailingEol: fc.boolean(),
    name: fc.oneof(
      { weight: 8, arbitrary: fc.constant("fuzz.csv") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "FUZZ.CSV",
          "../../etc/passwd.csv",
          "\u202Evsc.xlsx",
          "a.csv.exe",
          "noext",
          " .csv",
          "😀.csv",
        ),
      },
    ),
  });
  return fc
    .tuple(
      base,
      fc.oneof(
        { weight: 2, arbitrary: fc.constant([] as Edit[]) },
        { weight: 5, arbitrary: fc.array(cellEdit, { minLength: 1, maxLength: 2 }) },
        { weight: 2, arbitrary: fc.array(headerEdit, { minLength: 1, maxLength: 2 }) },
      ),
    )
    .map(([p, edits]) => edits.reduce((acc, e) => e(acc), p));
}

interface ImportInput {
  name: string;
  bytes: Uint8Array;
  /** Element score cells of the rows, when the file is a generated CSV (for the completeness check). */
  scoreCells?: number;
  shown: unknown;
}

function csvInput(): fc.Arbitrary<ImportInput> {
  const structured = csvPlan().map((p): ImportInput => {
    const fixed = new Set(FIXED);
    const scoreCells = p.rows.reduce(
      (s, r) => s + r.filter((v, i) => p.header[i] && !fixed.has(p.header[i].toLowerCase()) && v.trim() !== "").length,
      0,
    );
    return { name: p.name, bytes: new TextEncoder().encode(csvText(p)), scoreCells, shown: { ...p, kind: "csv" } };
  });
  const raw = fc.oneof(
    fc
      .uint8Array({ maxLength: 2000 })
      .map((b): ImportInput => ({ name: "random.csv", bytes: b, shown: { kind: "random bytes", length: b.length } })),
    fc
      .constantFrom(
        "",
        "\uFEFF",
        FIXED.join(","),
        `${FIXED.join(",")}\r\n`,
        '"unclosed,quote\n1,2',
        'mine_code,"che"cked_on"\n',
        "a,b\n\u0000,\u0000",
        `${FIXED.join(",")}\n${"x,".repeat(10_000)}`,
        `${FIXED.join(";")}\n1402260001;2024-01-01;ROUTINE;t;GRADE_MAINTAINED;0`,
      )
      .map((s): ImportInput => ({
        name: "edge.csv",
        bytes: new TextEncoder().encode(s),
        shown: { kind: "edge", text: s },
      })),
    A.hugeString.map((s): ImportInput => ({
      name: "huge.csv",
      bytes: new TextEncoder().encode(`${FIXED.join(",")}\n${s}`),
      shown: { kind: "huge cell" },
    })),
  );
  return fc.oneof({ weight: 8, arbitrary: structured }, { weight: 2, arbitrary: raw });
}

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("spot-checks");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function xlsxInputs(): Promise<ImportInput[]> {
  const header = [...FIXED, ...fx.allElementCodes];
  const mine = fx.datongMines[0];
  const own = new Set(fx.elements[mine.type]);
  const valid = header.map((c) =>
    c === "mine_code"
      ? mine.code
      : c === "checked_on"
        ? fx.today
        : c === "type"
          ? "ROUTINE"
          : c === "team"
            ? "XLSX"
            : c === "conclusion"
              ? "GRADE_MAINTAINED"
              : c === "major_hidden_dangers"
                ? 0
                : own.has(c)
                  ? 90
                  : null,
  );
  const col = (name: string) => header.indexOf(name);
  const variant = (name: string, value: unknown) => valid.map((v, i) => (i === col(name) ? value : v));
  const firstScore = fx.elements[mine.type][0];
  const rows: [string, unknown[][]][] = [
    ["valid", [header, valid]],
    ["date as Date", [header, variant("checked_on", new Date(`${fx.today}T00:00:00Z`))]],
    ["date as serial 0", [header, variant("checked_on", 0)]],
    ["date as serial 1e9", [header, variant("checked_on", 1e9)]],
    ["date NaN", [header, variant("checked_on", Number.NaN)]],
    ["score -1", [header, variant(firstScore, -1)]],
    ["score 1e308", [header, variant(firstScore, 1e308)]],
    ["score string", [header, variant(firstScore, "85abc")]],
    ["score boolean", [header, variant(firstScore, true)]],
    ["team huge", [header, variant("team", "煤".repeat(32_000))]],
    ["team script", [header, variant("team", '"><img src=x onerror=alert(1)>')]],
    ["formula", [header, variant(firstScore, { formula: "1/0", result: { error: "#DIV/0!" } })]],
    ["hyperlink", [header, variant("mine_code", { text: mine.code, hyperlink: "javascript:alert(1)" })]],
    ["header only", [header]],
    ["empty sheet", []],
  ];
  const out: ImportInput[] = [];
  for (const [label, r] of rows)
    out.push({ name: "fuzz.xlsx", bytes: await xlsxBytes(r), shown: { kind: "xlsx", label } });
  const good = await xlsxBytes([header, valid]);
  out.push({
    name: "truncated.xlsx",
    bytes: good.slice(0, Math.floor(good.length / 2)),
    shown: { kind: "truncated xlsx" },
  });
  out.push({ name: "text.xlsx", bytes: new TextEncoder().encode(FIXED.join(",")), shown: { kind: "csv named xlsx" } });
  const random = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4000 }), { seed: SEED, numRuns: 3 });
  for (const b of random)
    out.push({ name: "random.xlsx", bytes: b, shown: { kind: "random bytes xlsx", length: b.length } });
  // A ZIP signature followed by junk.
  out.push({
    name: "zip.xlsx",
    bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(0xff)]),
    shown: { kind: "bad zip" },
  });
  return out;
}

async function runImport() {
  const action = serverActions().find((a) => a.file === "app/(portal)/spot-checks/import/actions.ts")!;
  const key = `${action.file}#${action.name}`;
  const c = count(key);
  const client = await as("LOCAL_REGULATOR");
  const check = async (input: ImportInput) => {
    c.inputs++;
    const fd = new FormData();
    fd.append("file", new File([input.bytes as Uint8Array<ArrayBuffer>], input.name));
    const call = await invokeCounted(key, client, action, "/spot-checks/import", [{ status: "idle" }, fd], input.shown);
    if (!call) return true;
    const { res, changed } = call;
    const state = res.result as
      | { status: "done"; imported: number; proposals: number }
      | { status: "failed"; errors: { row: unknown; column: unknown; message: unknown }[]; omitted: number }
      | undefined;
    if (state?.status === "done") {
      c.accepted++;
      const expected: RowChanges = { SpotCheck: state.imported, Scoresheet: state.imported };
      if (input.scoreCells !== undefined) expected.ElementScore = input.scoreCells;
      const wrong = Object.entries(expected).filter(([t, n]) => changedSum(changed, t) !== n);
      if (state.imported < 1 || wrong.length || !changedSum(changed, "AuditLog"))
        problem(key, "partialWrites", `import of ${state.imported} rows wrote ${A.describe(changed)}`, input.shown);
      return true;
    }
    c.refused++;
    if (state?.status !== "failed" || !Array.isArray(state.errors) || state.errors.length === 0) {
      problem(key, "unclear", `not an error list: ${A.describe(state)}`, input.shown);
    } else {
      const bad = state.errors.filter(
        (e) => typeof e.row !== "number" || typeof e.column !== "string" || !translated(["importForm"], e.message),
      );
      if (bad.length) problem(key, "unclear", `unclear errors ${A.describe(bad.slice(0, 3))}`, input.shown);
    }
    if (Object.keys(changed).length)
      problem(key, "partialWrites", `refused but changed ${A.describe(changed)}`, input.shown);
    return true;
  };
  // Found by this fuzzer: an impossible date (isIsoDate threw) and NUL bytes (PostgreSQL refused them) were 500s.
  const examples: ImportInput[] = [
    {
      name: "regression.csv",
      bytes: new TextEncoder().encode(
        `${FIXED.join(",")}\n${fx.datongMines[0].code},2024/13/05,ROUTINE,t,GRADE_MAINTAINED,0`,
      ),
      shown: "checked_on 2024/13/05",
    },
    {
      name: "regression.csv",
      bytes: new TextEncoder().encode(
        `${FIXED.join(",")}\n${fx.datongMines[0].code},0000-00-00,ROUTINE,t,GRADE_MAINTAINED,0`,
      ),
      shown: "checked_on 0000-00-00",
    },
    {
      name: "regression.csv",
      bytes: new TextEncoder().encode(
        `${FIXED.join(",")}\n${fx.datongMines[0].code}\u0000,${fx.today},ROUTINE,t\u0000,GRADE_MAINTAINED,0`,
      ),
      shown: "NUL in mine_code and team",
    },
  ];
  for (const e of examples) await check(e);
  // A hand-made request whose arguments are not a form at all.
  for (const args of [[{ status: "idle" }, 42], [null, "x"], [{ status: "idle" }, { file: "x.csv" }], []]) {
    c.inputs++;
    c.refused++;
    const before = await readChanges();
    const res = await client.action(action, "/spot-checks/import", args);
    const state = res.result as { status?: string; errors?: { message: unknown }[] } | undefined;
    const changed = changedTables(before, await readChanges());
    if (res.status >= 500) problem(key, "serverErrors", `HTTP ${res.status}`, { args });
    else if (state?.status !== "failed" || !state.errors?.every((e) => translated(["importForm"], e.message)))
      problem(key, "unclear", `not an error list: ${A.describe(state)}`, { args });
    if (Object.keys(changed).length) problem(key, "partialWrites", `changed ${A.describe(changed)}`, { args });
  }
  for (const x of await xlsxInputs()) await check(x);
  await fc.assert(
    fc.asyncProperty(csvInput(), (input) => check(input)),
    {
      seed: SEED,
      numRuns: runs(50),
      endOnFailure: true,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The API and the exports

interface HttpTarget {
  key: string;
  account: Account | "PUBLIC";
  runs: number;
  url: () => fc.Arbitrary<string>;
  /** Checks a response; returns a problem or null. */
  check: (status: number, headers: Headers, body: Uint8Array, url: string) => string | null;
}

function jsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

/** The API's answers: 200 with the expected JSON, 400 with reasons, and the statuses the route documents. */
function apiCheck(ok: (json: Record<string, unknown>) => boolean, allowed: number[] = []) {
  return (status: number, headers: Headers, body: Uint8Array): string | null => {
    const json = jsonBody(body) as Record<string, unknown> | undefined;
    if (status === 200) return json && ok(json) ? null : `200 without the expected JSON: ${A.describe(json)}`;
    if (status === 400) {
      const issues = json?.issues;
      return json &&
        typeof json.error === "string" &&
        typeof json.message === "string" &&
        Array.isArray(issues) &&
        issues.length
        ? null
        : `400 without a JSON reason: ${A.describe(json)}`;
    }
    if (allowed.includes(status))
      return json && typeof json.error === "string" ? null : `${status} without a JSON reason`;
    return `unexpected HTTP ${status}`;
  };
}

function csvCheck(status: number, headers: Headers, body: Uint8Array): string | null {
  if (status !== 200) return `unexpected HTTP ${status}`;
  if (!(headers.get("content-type") ?? "").includes("text/csv")) return `content-type ${headers.get("content-type")}`;
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(body).replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  if (parsed.errors.some((e) => e.type === "Quotes")) return "CSV with broken quoting";
  const widths = new Set(parsed.data.map((r) => r.length));
  return parsed.data.length >= 1 && widths.size === 1 ? null : `CSV rows of widths ${[...widths]}`;
}

// Issue 15.4: the official documents' fixtures (a confirmed decision, an announcement, the demo
// manager's spot-check and another mine's).
let docFx: { decisionId: number; announcementNo: string; ownCheck: number; otherCheck: number; otherCode: string };

async function loadDocumentFixture() {
  const decision = (await one<{ id: number }>(`SELECT id FROM "Decision" WHERE status = 'CONFIRMED' LIMIT 1`))!;
  const grade = (await one<{ no: string }>(
    `SELECT "announcementNo" AS no FROM "Grade" WHERE "announcedOn" <= $1::date ORDER BY id LIMIT 1`,
    [fx.today],
  ))!;
  const own = (await one<{ id: number }>(
    `SELECT s.id FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId" WHERE m.code = $1 AND s.status = 'COMPLETED' LIMIT 1`,
    [MANAGER_MINE_CODE],
  ))!;
  const other = (await one<{ id: number; code: string }>(
    `SELECT s.id, m.code FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId" WHERE m.code <> $1 LIMIT 1`,
    [MANAGER_MINE_CODE],
  ))!;
  return {
    decisionId: decision.id,
    announcementNo: grade.no,
    ownCheck: own.id,
    otherCheck: other.id,
    otherCode: other.code,
  };
}

/** A document's answer: the page (HTML) or the PDF, or a 404 (no such document, or not the reader's). */
/**
 * A path Next.js normalizes with a redirect before any route runs: an empty segment ("//", or a
 * trailing slash: an empty last segment) or a dot segment ("/.", "/..", percent-encoded too). The query is not looked at.
 */
function normalizedByNext(url: string): boolean {
  return /\/\/|\/\.\.?(\/|\.pdf$|$)|%2e|\/$/i.test(url.split("?")[0]);
}

function documentCheck(status: number, headers: Headers, body: Uint8Array, url: string): string | null {
  if (status === 404) return null;
  // A segment that is not valid percent-encoding is refused by proxy.ts before the route (a 400).
  if (status === 400 && /%(?![0-9a-f]{2})/i.test(url)) return null;
  if ((status === 307 || status === 308) && normalizedByNext(url)) return null;
  if (status !== 200) return `unexpected HTTP ${status}`;
  const type = headers.get("content-type") ?? "";
  if (/\.pdf(\?|$)/.test(url)) {
    if (!type.includes("application/pdf")) return `content-type ${type} for a PDF`;
    return new TextDecoder().decode(body.slice(0, 5)) === "%PDF-" ? null : "a PDF that does not start with %PDF-";
  }
  return type.includes("text/html") ? null : `content-type ${type} for a page`;
}

/** An id in a URL: a real one, or a hostile segment (percent-encoded). */
function idSegment(real: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real.map(String)) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom("0", "-1", "1.5", "1e3", "99999999999", "2147483648", "0x10", " 1", "١٢", "%", "..", "%00"),
          A.hostileText,
        )
        .map((v) => (v === "%" || v === "%00" ? v : encodeURIComponent(v))),
    },
  );
}

function documentTargets(): HttpTarget[] {
  return [
    {
      key: "GET /decisions/[id]/letter(.pdf)",
      account: "PUBLIC",
      runs: runs(20),
      url: () =>
        fc
          .tuple(idSegment([docFx.decisionId]), fc.constantFrom("letter", "letter.pdf"))
          .map(([id, doc]) => `/decisions/${id}/${doc}`),
      check: documentCheck,
    },
    {
      key: "GET /register/announcements/[number](.pdf)",
      account: "PUBLIC",
      runs: runs(20),
      url: () =>
        fc
          .tuple(
            fc.oneof(
              { weight: 2, arbitrary: fc.constant(docFx.announcementNo) },
              { weight: 3, arbitrary: fc.oneof(A.hostileText, fc.constantFrom("..", ".pdf", "x.pdf.pdf", "〔2020〕")) },
            ),
            fc.constantFrom("", ".pdf"),
          )
          .map(([n, suffix]) => `/register/announcements/${encodeURIComponent(n)}${suffix}`),
      check: documentCheck,
    },
    {
      key: "GET /mines/[code]/spot-checks/[id]/report(.pdf)",
      account: "MINE_MANAGER",
      runs: runs(20),
      url: () =>
        fc
          .tuple(
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(MANAGER_MINE_CODE, docFx.otherCode) },
              { weight: 1, arbitrary: A.hostileText.map((v) => encodeURIComponent(v)) },
            ),
            idSegment([docFx.ownCheck, docFx.otherCheck]),
            fc.constantFrom("report", "report.pdf"),
          )
          .map(([code, id, doc]) => `/mines/${code}/spot-checks/${id}/${doc}`),
      check: (status, headers, body, url) => {
        // The manager reads its own mine's spot-checks only: the other mine's is a 404.
        if (status === 200 && !url.startsWith(`/mines/${MANAGER_MINE_CODE}/`))
          return "another mine's report was served";
        return documentCheck(status, headers, body, url);
      },
    },
  ];
}

function httpTargets(): HttpTarget[] {
  const year = Number(fx.today.slice(0, 4));
  return [
    ...documentTargets(),
    {
      // Issue 15.5: a file and its thumbnail by id; any other id, or a hostile one, is a plain 404.
      key: "GET /files/[id] and /files/[id]/thumb",
      account: "LOCAL_REGULATOR",
      runs: runs(40),
      url: () =>
        fc
          .tuple(
            fc.oneof(
              { weight: 2, arbitrary: fc.constant(0).map(() => String(fx.evidenceId)) },
              { weight: 1, arbitrary: fc.integer({ min: -5, max: 2 ** 31 + 5 }).map(String) },
              { weight: 3, arbitrary: A.hostileNumberText },
              { weight: 2, arbitrary: A.hostileText },
            ),
            fc.constantFrom("", "/thumb"),
          )
          .map(([id, suffix]) => `/files/${encodeURIComponent(id)}${suffix}`),
      check: (status, headers, _body, url) => {
        if (status === 200) {
          const type = headers.get("content-type") ?? "";
          if (!/^(image\/(jpeg|png|webp)|application\/pdf)$/.test(type)) return `200 with content-type ${type}`;
          if (headers.get("x-content-type-options") !== "nosniff") return "200 without nosniff";
          return null;
        }
        if (status === 404 || status === 400) return null;
        // Next normalizes some paths (a trailing slash, "..") with a redirect.
        if ((status === 307 || status === 308) && (normalizedByNext(url) || /^\/files\/.*(%2e|\.|%2f)/i.test(url)))
          return null;
        return `status ${status}`;
      },
    },
    {
      key: "GET /api/public/v1/grades",
      account: "PUBLIC",
      runs: runs(80),
      url: () =>
        A.queryString(
          {
            province: fc.constantFrom("14", "1402", "140226", "11", "65"),
            level: fc.constantFrom("1", "2", "3"),
            q: fc.constantFrom("煤", "大同", "1402", "矿"),
            page: fc.integer({ min: 1, max: 3 }).map(String),
            pageSize: fc.integer({ min: 1, max: 200 }).map(String),
          },
          { level: A.hostileNumberText, page: A.hostileNumberText, pageSize: A.hostileNumberText },
        ).map((q) => `/api/public/v1/grades?${q}`),
      check: apiCheck((j) => Array.isArray(j.items) && typeof j.total === "number"),
    },
    {
      key: "GET /api/v1/metrics",
      account: "NATIONAL_REGULATOR",
      runs: runs(50),
      url: () =>
        A.queryString(
          {
            scope: fc.constantFrom("", "14", "1402", "140226", "65"),
            asOf: fc.integer({ min: 0, max: 2000 }).map((d) => daysFrom(fx.today, -d)),
            year: fc.integer({ min: 2018, max: year }).map(String),
          },
          { asOf: A.hostileDateText, year: A.hostileNumberText },
        ).map((q) => `/api/v1/metrics?${q}`),
      check: apiCheck((j) => typeof j === "object" && j !== null, [403]),
    },
    {
      key: "GET /api/v1/metrics (local regulator)",
      account: "LOCAL_REGULATOR",
      runs: runs(15),
      url: () =>
        A.queryString(
          { scope: fc.constantFrom("", "14", "1402", "140226", "65") },
          { scope: fc.constantFrom("1402\u0000", "14020", "1403") },
        ).map((q) => `/api/v1/metrics?${q}`),
      check: apiCheck((j) => typeof j === "object" && j !== null, [403]),
    },
    {
      key: "GET /dashboard/export/[view]",
      account: "NATIONAL_REGULATOR",
      runs: runs(30),
      url: () =>
        fc
          .tuple(
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom("headline", "share", "coverage", "decisions", "regions", "all") },
              {
                weight: 1,
                arbitrary: fc.constantFrom("..", "%2e%2e", "__proto__", "HEADLINE", "x".repeat(300), "%00"),
              },
            ),
            A.queryString(
              {
                format: fc.constantFrom("csv", "xlsx"),
                scope: fc.constantFrom("", "14", "1402"),
                year: fc.integer({ min: 2018, max: year }).map(String),
                asOf: fc.integer({ min: 0, max: 900 }).map((d) => daysFrom(fx.today, -d)),
              },
              { asOf: A.hostileDateText, year: A.hostileNumberText },
            ),
          )
          .map(([view, q]) => `/dashboard/export/${view}?${q}`),
      check: (status, headers, body, url) => {
        // A malformed query is a 400 with its reasons; an unknown view or a scope out of reach a 404.
        if (status === 400) return apiCheck(() => true)(status, headers, body);
        if (status === 404) return null;
        // A view of ".." is normalised by the router, which redirects.
        if ((status === 307 || status === 308) && /^\/dashboard\/export\/(\.\.|%2e%2e)/i.test(url)) return null;
        if (status !== 200) return `unexpected HTTP ${status}`;
        const type = headers.get("content-type") ?? "";
        if (type.includes("spreadsheetml"))
          return body[0] === 0x50 && body[1] === 0x4b ? null : "XLSX that is not a ZIP";
        return csvCheck(status, headers, body);
      },
    },
    // Issue 16: the field pack; a mine named among the recent ones outside the caller's scope is left out.
    {
      key: "GET /api/field/pack",
      account: "LOCAL_REGULATOR",
      runs: runs(40),
      url: () =>
        A.queryString(
          {
            recent: fc
              .subarray([...fx.datongMines.map((m) => m.code), fx.foreignMine, "nope"], { maxLength: 8 })
              .map((codes) => codes.join(",")),
          },
          {
            recent: fc.oneof(
              A.hostileText,
              fc.constantFrom(",,,", " , ", "a,".repeat(30), `${fx.foreignMine}\u0000`, "x".repeat(600)),
            ),
          },
        ).map((q) => `/api/field/pack?${q}`),
      check: apiCheck((j) => Array.isArray(j.mines) && !JSON.stringify(j.mines).includes(`"code":"${fx.foreignMine}"`)),
    },
    {
      key: "GET /api/field/uploads/[key]/[fileKey]",
      account: "LOCAL_REGULATOR",
      runs: runs(30),
      url: () =>
        fc.tuple(fieldKeySegment(), fieldKeySegment()).map(([key, fileKey]) => `/api/field/uploads/${key}/${fileKey}`),
      check: (status, headers, body, url) => {
        if (status === 404 || status === 405) return null;
        if (status === 400 && /%(?![0-9a-f]{2})/i.test(url)) return null;
        if ((status === 307 || status === 308) && normalizedByNext(url)) return null;
        if (status === 200) {
          const j = jsonBody(body) as Record<string, unknown> | undefined;
          return j && typeof j.received === "number" ? null : "200 without an UploadStatus";
        }
        return `unexpected HTTP ${status}`;
      },
    },
    // Issue 15.1: the inbox's kind filter; an unknown kind shows every kind, never an error.
    ...(["NATIONAL_REGULATOR", "MINE_MANAGER"] as const).map((account): HttpTarget => ({
      key: `GET /inbox (${account})`,
      account,
      runs: runs(10),
      url: () =>
        A.queryString(
          { kind: fc.constantFrom("proposal", "application", "gradeEnding", "finding", "myGrade") },
          { kind: fc.constantFrom("", "__proto__", "constructor", "x".repeat(300), "%00", "proposal\u0000") },
        ).map((q) => `/inbox?${q}`),
      check: (status, headers) =>
        status === 200 && (headers.get("content-type") ?? "").includes("text/html")
          ? null
          : `unexpected HTTP ${status}`,
    })),
    ...(["grades", "decisions"] as const).map((which): HttpTarget => ({
      key: `GET /register/export/${which}`,
      account: "PUBLIC",
      runs: runs(12),
      url: () =>
        A.queryString({
          province: fc.constantFrom("14", "11", "65"),
          level: fc.constantFrom("1", "2", "3"),
          q: fc.constantFrom("煤", "大同"),
          page: fc.constantFrom("1", "2"),
        }).map((q) => `/register/export/${which}?${q}`),
      check: csvCheck,
    })),
  ];
}

async function runHttpTarget(t: HttpTarget) {
  const c = count(t.key);
  const client = t.account === "PUBLIC" ? new PortalClient() : await as(t.account);
  const check = async (url: string) => {
    c.inputs++;
    const before = await readChanges();
    let res: Response;
    try {
      res = await client.fetch(url);
    } catch (e) {
      problem(t.key, "serverErrors", `request failed: ${e instanceof Error ? e.message : String(e)}`, url);
      return true;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status >= 500) problem(t.key, "serverErrors", `HTTP ${res.status}`, url);
    // Node's HTTP server refuses a request line over its header limit (16 KB) before the portal sees it.
    else if (res.status === 431 || res.status === 414) c.refused++;
    else {
      const wrong = t.check(res.status, res.headers, body, url);
      if (wrong) problem(t.key, "unclear", wrong, url);
      else if (res.status === 200) c.accepted++;
      else c.refused++;
    }
    const changed = changedTables(before, await readChanges());
    if (Object.keys(changed).length) problem(t.key, "partialWrites", `a read changed ${A.describe(changed)}`, url);
    return true;
  };
  await fc.assert(
    fc.asyncProperty(t.url(), (url) => check(url)),
    { seed: SEED, numRuns: t.runs, endOnFailure: true },
  );
}

// ---------------------------------------------------------------------------------------------

test.beforeAll(async () => {
  console.log(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  await installRowChangeCounters();
  pgClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await pgClient.connect();
  fx = await loadFixture();
  adminFx = await loadAdminFixture();
  reg = await loadRegisterFixture();
  docFx = await loadDocumentFixture();
  // Drafts of their own for the rule-version targets (a second run of the file replaces them).
  for (const code of [FUZZ_DRAFT_EDIT, FUZZ_DRAFT_PUBLISH]) {
    await pgClient.query(`DELETE FROM "RuleVersion" WHERE code = $1`, [code]);
    await makeRuleDraft(code);
  }
});

test.afterAll(async () => {
  await pgClient?.end();
  await closeFixtures();
});

test("every server action has a fuzz target", () => {
  const covered = new Set([
    ...actionTargets().map((t) => `${t.file}#${t.name}`),
    "app/(portal)/spot-checks/import/actions.ts#importSpotChecksAction",
    "app/(portal)/mines/import/actions.ts#importRegisterAction",
  ]);
  const missing = serverActions()
    .map((a) => `${a.file}#${a.name}`)
    .filter((k) => !covered.has(k));
  expect(missing, "server actions without a fuzz target").toEqual([]);
});

test("server actions: hostile form input never 500s, never writes partially, always answers a translated error", async () => {
  test.setTimeout(300_000);
  const all = serverActions();
  for (const t of actionTargets()) {
    const action = all.find((a) => a.file === t.file && a.name === t.name);
    expect(action, `${t.file}#${t.name} in the build`).toBeTruthy();
    const started = Date.now();
    await runActionTarget(t, action!);
    const c = count(`${t.file}#${t.name}`);
    console.log(
      `fuzz: ${t.file}#${t.name}: ${c.inputs} inputs (${c.accepted} accepted, ${c.refused} refused) in ${Date.now() - started} ms`,
    );
  }
  saveCounts();
  expect(problems).toEqual([]);
});

test("the import: hostile CSV and XLSX files never 500, import all or nothing, with translated errors", async () => {
  test.setTimeout(180_000);
  const started = Date.now();
  await runImport();
  const c = count("app/(portal)/spot-checks/import/actions.ts#importSpotChecksAction");
  console.log(
    `fuzz: import: ${c.inputs} inputs (${c.accepted} imported, ${c.refused} refused) in ${Date.now() - started} ms`,
  );
  saveCounts();
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Issue 12: the register's import (mines; status changes), through the same reader as the
// spot-check import: hostile files never 500, import all or nothing, errors translated.

const REGISTER_MINE_HEADER = [
  "county_code",
  "sequence",
  "name",
  "name_en",
  "enterprise",
  "type",
  "capacity",
  "gas_grade",
  "hydro_type",
  "rock_burst",
  "combustion_class",
  "status",
  "effective_on",
  "reason",
  "document_no",
];
const REGISTER_STATUS_HEADER = ["mine_code", "status", "effective_on", "reason", "document_no"];

interface RegisterImportInput extends ImportInput {
  kind: string;
}

function registerCsvInput(): fc.Arbitrary<RegisterImportInput> {
  const mineRow = fc
    .record({
      // Valid rows, mostly: the hostile cells come from the plan's edit (and the out-of-scope county).
      county: fc.constantFrom(reg.county, reg.county, reg.county, "110101"),
      sequence: fc.constantFrom("", "", "", "0003"),
      type: fc.constantFrom("UNDERGROUND", "open_pit"),
      capacity: fc.constantFrom("90", "1200"),
      status: fc.constantFrom("NORMAL_PRODUCTION", "stopped", "CLOSED"),
      days: fc.integer({ min: 0, max: 400 }),
    })
    .map((r) => [
      r.county,
      r.sequence,
      "模糊导入煤矿",
      "",
      "",
      r.type,
      r.capacity,
      "LOW",
      "SIMPLE",
      "false",
      "II",
      r.status,
      daysFrom(fx.today, -r.days),
      "",
      "",
    ]);
  const statusRow = fc
    .record({
      mine: fc.constantFrom(reg.mine.code, reg.mine.code, reg.mine.code, fx.foreignMine, "0000000000"),
      status: fc.constantFrom("NORMAL_PRODUCTION", "STOPPED", "closed", "NORMAL_CONSTRUCTION"),
      days: fc.integer({ min: 0, max: 400 }),
    })
    .map((r) => [r.mine, r.status, daysFrom(fx.today, -r.days), "fuzz", ""]);
  const plan = (kind: string, header: string[], row: fc.Arbitrary<string[]>) =>
    fc
      .record({
        rows: fc.array(row, { minLength: 0, maxLength: 3 }), // none: "no rows"
        // Half the files have a hostile cell; one in eight misses a column.
        edit: fc.oneof(
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.oneof(A.hostileValue, A.hostileDateText)) },
        ),
        dropColumn: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
        bom: fc.boolean(),
      })
      .map(({ rows, edit, dropColumn, bom }): RegisterImportInput => {
        let h = header;
        let rs = rows;
        if (edit && rs.length) {
          const [ri, ci, v] = edit;
          rs = rs.map((r, i) => (i === ri % rs.length ? r.map((x, j) => (j === ci % h.length ? v : x)) : r));
        }
        if (dropColumn !== null) {
          const ci = dropColumn % h.length;
          h = h.filter((_, j) => j !== ci);
          rs = rs.map((r) => r.filter((_, j) => j !== ci));
        }
        const text = csvText({
          header: h,
          rows: rs,
          bom,
          eol: "\n",
          quoteAll: false,
          trailingEol: true,
          name: "r.csv",
        });
        return {
          kind,
          name: "register.csv",
          bytes: new TextEncoder().encode(text),
          shown: { kind, header: h, rows: rs },
        };
      });
  const raw = fc
    .tuple(
      fc.constantFrom("mines", "statuses", "", "spot-checks", "mines\u0000"),
      fc.oneof(
        fc.uint8Array({ maxLength: 1000 }),
        fc
          .constantFrom("", REGISTER_MINE_HEADER.join(","), '"unclosed\n1', "a,b\n\u0000,\u0000")
          .map((t) => new TextEncoder().encode(t)),
      ),
    )
    .map(([kind, bytes]): RegisterImportInput => ({
      kind,
      name: "edge.csv",
      bytes,
      shown: { kind, length: bytes.length },
    }));
  return fc.oneof(
    { weight: 4, arbitrary: plan("mines", REGISTER_MINE_HEADER, mineRow) },
    { weight: 4, arbitrary: plan("statuses", REGISTER_STATUS_HEADER, statusRow) },
    { weight: 2, arbitrary: raw },
  );
}

async function runRegisterImport() {
  const action = serverActions().find((a) => a.file === "app/(portal)/mines/import/actions.ts")!;
  const key = `${action.file}#${action.name}`;
  const c = count(key);
  const client = await as("LOCAL_REGULATOR");
  const check = async (input: RegisterImportInput) => {
    c.inputs++;
    const fd = new FormData();
    fd.append("kind", input.kind);
    fd.append("file", new File([input.bytes as Uint8Array<ArrayBuffer>], input.name));
    const call = await invokeCounted(key, client, action, "/mines/import", [{ status: "idle" }, fd], input.shown);
    if (!call) return true;
    const { res, changed } = call;
    const state = res.result as
      | { status: "done"; imported: number }
      | { status: "failed"; errors: { row: unknown; column: unknown; message: unknown }[] }
      | undefined;
    if (state?.status === "done") {
      c.accepted++;
      const table = input.kind === "mines" ? "Mine" : "MineStatusPeriod";
      if (state.imported < 1 || changedSum(changed, table) < state.imported || !changedSum(changed, "AuditLog"))
        problem(key, "partialWrites", `import of ${state.imported} rows wrote ${A.describe(changed)}`, input.shown);
      return true;
    }
    c.refused++;
    if (state?.status !== "failed" || !Array.isArray(state.errors) || state.errors.length === 0) {
      problem(key, "unclear", `not an error list: ${A.describe(state)}`, input.shown);
    } else {
      const bad = state.errors.filter(
        (e) => typeof e.row !== "number" || typeof e.column !== "string" || !translated(["importForm"], e.message),
      );
      if (bad.length) problem(key, "unclear", `unclear errors ${A.describe(bad.slice(0, 3))}`, input.shown);
    }
    if (Object.keys(changed).length)
      problem(key, "partialWrites", `refused but changed ${A.describe(changed)}`, input.shown);
    return true;
  };
  for (const kind of ["mines", "statuses"]) {
    const header = kind === "mines" ? REGISTER_MINE_HEADER : REGISTER_STATUS_HEADER;
    const valid =
      kind === "mines"
        ? [
            reg.county,
            "",
            "XLSX煤矿",
            "",
            "",
            "UNDERGROUND",
            90,
            "LOW",
            "SIMPLE",
            false,
            "II",
            "STOPPED",
            new Date(`${fx.today}T00:00:00Z`),
            "",
            "",
          ]
        : [reg.mine.code, "CLOSED", 45000, "", ""];
    for (const rows of [
      [header, valid],
      [header],
      [],
      [header, header.map(() => ({ formula: "1/0", result: { error: "#DIV/0!" } }))],
    ])
      await check({ kind, name: "fuzz.xlsx", bytes: await xlsxBytes(rows), shown: { kind, xlsx: rows.length } });
  }
  await fc.assert(
    fc.asyncProperty(registerCsvInput(), (input) => check(input)),
    { seed: SEED, numRuns: runs(60), endOnFailure: true },
  );
}

test("the register's import: hostile CSV and XLSX files never 500, import all or nothing, with translated errors", async () => {
  test.setTimeout(180_000);
  const started = Date.now();
  await runRegisterImport();
  const c = count("app/(portal)/mines/import/actions.ts#importRegisterAction");
  console.log(
    `fuzz: register import: ${c.inputs} inputs (${c.accepted} imported, ${c.refused} refused) in ${Date.now() - started} ms`,
  );
  saveCounts();
  expect(problems).toEqual([]);
});

test("the API and the exports: hostile query parameters never 500 and are answered with reasons", async () => {
  test.setTimeout(180_000);
  for (const t of httpTargets()) {
    const started = Date.now();
    await runHttpTarget(t);
    const c = count(t.key);
    console.log(
      `fuzz: ${t.key}: ${c.inputs} inputs (${c.accepted} 200, ${c.refused} refused) in ${Date.now() - started} ms`,
    );
  }
  saveCounts();
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Issue 16: the field app's writes (app/api/field): the idempotent submission (POST, JSON) and the
// chunked photo upload (PUT, bytes). Hostile bodies, ids and queries never 500; a refusal writes no
// row; an accepted submission writes its spot-check, an accepted chunk its staged photo, nothing else.

/** A key segment of an upload's URL: a UUID, or a hostile segment (percent-encoded). */
function fieldKeySegment(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom("0", "..", "%", "%00", "00000000-0000-0000-0000-00000000000g", "{}", "x".repeat(300)),
          fc.uuid().map((u) => u.toUpperCase()),
          fc.uuid().map((u) => ` ${u}`),
          A.hostileText,
        )
        .map((v) => (v === "%" || v === "%00" ? v : encodeURIComponent(v))),
    },
  );
}

const SYNC_STATUSES = ["recorded", "conflict", "missingFiles", "invalid", "refused"];

async function fieldSyncFixture() {
  const local = (await one<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [
    ACCOUNTS.LOCAL_REGULATOR.email,
  ]))!;
  const rule = (await one<{ code: string }>(
    `SELECT code FROM "RuleVersion" WHERE "effectiveFrom" <= $1::date AND "publishedAt" IS NOT NULL
      ORDER BY "effectiveFrom" DESC LIMIT 1`,
    [fx.today],
  ))!;
  const mines = [];
  for (const m of fx.datongMines) {
    const g = await one<{ id: number; level: number }>(
      `SELECT g.id, g.level FROM "Grade" g JOIN "Mine" m ON m.id = g."mineId" WHERE m.code = $1
         AND g."announcedOn" <= $2::date AND g."validUntil" > $2::date AND (g."endedOn" IS NULL OR g."endedOn" > $2::date)
       ORDER BY g."announcedOn" DESC, g.id DESC LIMIT 1`,
      [m.code, fx.today],
    );
    mines.push({ ...m, grade: g ?? null });
  }
  return { userId: local.id, ruleCode: rule.code, mines };
}

function syncBodies(sync: Awaited<ReturnType<typeof fieldSyncFixture>>): fc.Arbitrary<string> {
  const sheet = (m: (typeof sync.mines)[number]) =>
    fc.record({
      mineCode: fc.oneof(
        { weight: 5, arbitrary: fc.constant(m.code) },
        { weight: 1, arbitrary: fc.constant(fx.foreignMine) },
      ),
      checkedOn: recentDate(),
      type: fc.constantFrom("ROUTINE", "RE_REVIEW"),
      team: fc.constantFrom("第一检查组", "Fuzz field team"),
      scores: fc.constant(Object.fromEntries(fx.elements[m.type].map((c) => [c, 95]))),
      findings: fc.array(
        fc.record({
          elementCode: fc.constantFrom(...fx.elements[m.type]),
          text: fc.constantFrom("通风设施不完好", "Guard missing"),
          severity: fc.constantFrom("MAJOR", "GENERAL"),
        }),
        { maxLength: 2 },
      ),
      majorHiddenDangers: fc.constant([]),
      conclusion: fc.constantFrom("GRADE_MAINTAINED", "RECTIFY_AND_RECHECK"),
    });
  const valid = fc.constantFrom(...sync.mines).chain((m) =>
    fc.record({
      key: fc.uuid(),
      userId: fc.constant(sync.userId),
      basis: fc.constant({
        gradeId: m.grade?.id ?? null,
        gradeLevel: m.grade?.level ?? null,
        ruleVersionCode: sync.ruleCode,
        jurisdiction: ACCOUNTS.LOCAL_REGULATOR.jurisdiction,
      }),
      confirm: fc.boolean(),
      spotCheck: sheet(m),
      files: fc.oneof(
        fc.constant([]),
        fc.array(
          fc.record({
            fileKey: fc.uuid(),
            owner: fc.record({
              kind: fc.constantFrom("finding", "hiddenDanger"),
              index: fc.integer({ min: 0, max: 2 }),
            }),
            filename: fc.constantFrom("p.jpg", "../../etc/passwd", "a\u0000b"),
            size: fc.integer({ min: 1, max: 5000 }),
            sha256: fc.constantFrom("a".repeat(64), "nothex"),
          }),
          { maxLength: 2 },
        ),
      ),
    }),
  );
  // The envelope mutated, or the spot-check inside it (its text spliced in, so it may not even be JSON).
  const inner = valid.chain((o) =>
    A.jsonObjectText(fc.constant(o.spotCheck as Record<string, unknown>), {
      scores: fc.oneof(A.hostileJson, fc.constant({ __proto__: 1, E99: 5 })),
      findings: fc.constantFrom([{}], [{ elementCode: "X", text: "", severity: "NONE" }], "x"),
    }).map((sc) => JSON.stringify({ ...o, spotCheck: "@@SC@@" }).replace('"@@SC@@"', sc)),
  );
  const envelope = A.jsonObjectText(valid as fc.Arbitrary<Record<string, unknown>>, {
    key: A.hostileText,
    userId: A.hostileJson,
    basis: fc.constantFrom(null, {}, { gradeId: "1" }, { ruleVersionCode: "\u0000" }),
    files: fc.constantFrom("x", [null], [{ fileKey: "../x" }], Array(50).fill({})),
  });
  return fc.oneof(
    { weight: 2, arbitrary: envelope },
    { weight: 2, arbitrary: inner },
    { weight: 1, arbitrary: valid.map((v) => JSON.stringify(v)) },
  );
}

async function runFieldSync() {
  const sync = await fieldSyncFixture();
  const client = await as("LOCAL_REGULATOR");
  const origin = { origin: client.baseUrl };

  const submit = "POST /api/field/spot-checks";
  const sc = count(submit);
  await fc.assert(
    fc.asyncProperty(syncBodies(sync), async (body) => {
      sc.inputs++;
      const before = await readChanges();
      const res = await client.fetch("/api/field/spot-checks", {
        method: "POST",
        headers: { "content-type": "application/json", ...origin },
        body,
      });
      const json = jsonBody(new Uint8Array(await res.arrayBuffer())) as Record<string, unknown> | undefined;
      const changed = changedTables(before, await readChanges());
      if (res.status >= 500) problem(submit, "serverErrors", `HTTP ${res.status}`, body);
      else if (res.status === 201) {
        sc.accepted++;
        if (
          json?.status !== "recorded" ||
          changedSum(changed, "SpotCheck") !== 1 ||
          changedSum(changed, "Scoresheet") !== 1
        )
          problem(submit, "partialWrites", `201 that changed ${A.describe(changed)}`, body);
      } else {
        sc.refused++;
        if (Object.keys(changed).length)
          problem(submit, "partialWrites", `HTTP ${res.status} changed ${A.describe(changed)}`, body);
        if (res.status === 400 || res.status === 413) {
          if (typeof json?.error !== "string") problem(submit, "unclear", `${res.status} without a JSON reason`, body);
        } else if (!json || !SYNC_STATUSES.includes(json.status as string))
          problem(submit, "unclear", `HTTP ${res.status} without a SyncResponse`, body);
        else if (json.status === "invalid") {
          const keys = Object.values((json.fieldErrors ?? {}) as Record<string, unknown>);
          if (!keys.length || !keys.every((k) => translated(["errors"], k)))
            problem(
              submit,
              "unclear",
              `invalid without translated field errors: ${A.describe(json.fieldErrors)}`,
              body,
            );
        } else if (JSON.stringify(json).includes(fx.foreignMine))
          problem(submit, "unclear", "an answer that names a mine outside the scope", body);
      }
      return true;
    }),
    { seed: SEED, numRuns: runs(120), endOnFailure: true },
  );

  const upload = "PUT /api/field/uploads/[key]/[fileKey]";
  const uc = count(upload);
  const chunk = fc.oneof(
    { weight: 2, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 3000 }) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(A.PHOTO_JPEG)) },
  );
  const plan = fc.record({
    key: fieldKeySegment(),
    fileKey: fieldKeySegment(),
    bytes: chunk,
    honest: fc.boolean(),
    query: A.queryString(
      {
        offset: fc.constantFrom("0", "1", "10"),
        length: fc.constantFrom("1", "100", "3000", String(10 * 1024 * 1024)),
        sha256: fc.constantFrom("a".repeat(64), "0".repeat(64)),
        name: fc.constantFrom("p.jpg", "照片.jpg", "..%2F..%2Fx"),
      },
      { offset: A.hostileNumberText, length: A.hostileNumberText, sha256: A.hostileText, name: A.hostileText },
    ),
    type: fc.constantFrom("application/octet-stream", "application/octet-stream", "image/jpeg", "application/json"),
  });
  await fc.assert(
    fc.asyncProperty(plan, async (p) => {
      uc.inputs++;
      // Half the plans declare the body honestly (offset 0, its length and checksum).
      const digest = createHash("sha256").update(p.bytes).digest("hex");
      const query = p.honest ? `offset=0&length=${p.bytes.length}&sha256=${digest}&name=p.jpg` : p.query;
      const url = `/api/field/uploads/${p.key}/${p.fileKey}?${query}`;
      const before = await readChanges();
      let res: Response;
      try {
        res = await client.fetch(url, { method: "PUT", headers: { "content-type": p.type, ...origin }, body: p.bytes });
      } catch (e) {
        problem(upload, "serverErrors", `request failed: ${e instanceof Error ? e.message : String(e)}`, url);
        return true;
      }
      const json = jsonBody(new Uint8Array(await res.arrayBuffer())) as Record<string, unknown> | undefined;
      const changed = changedTables(before, await readChanges());
      const tables = Object.keys(changed);
      if (res.status >= 500) problem(upload, "serverErrors", `HTTP ${res.status}`, url);
      else if (res.status === 200) {
        uc.accepted++;
        if (typeof json?.received !== "number") problem(upload, "unclear", "200 without an UploadStatus", url);
        if (tables.some((t) => t !== "FieldUpload"))
          problem(upload, "partialWrites", `changed ${A.describe(changed)}`, url);
      } else {
        uc.refused++;
        if (tables.length) problem(upload, "partialWrites", `HTTP ${res.status} changed ${A.describe(changed)}`, url);
        // Before the route: Next.js normalizes empty and dot segments (a redirect, or a 404 once resolved),
        // proxy.ts refuses bad percent-encoding (400), Node refuses a request line over its limit (431, 414).
        const path = url.split("?")[0];
        const beforeRoute =
          normalizedByNext(path) ||
          (res.status === 400 && /%(?![0-9a-f]{2})/i.test(url)) ||
          res.status === 431 ||
          res.status === 414;
        if (!beforeRoute && typeof json?.error !== "string")
          problem(upload, "unclear", `HTTP ${res.status} without a JSON reason`, url);
      }
      return true;
    }),
    { seed: SEED, numRuns: runs(120), endOnFailure: true },
  );
}

test("the field sync: hostile submissions and chunks never 500 and never write partially", async () => {
  test.setTimeout(180_000);
  const started = Date.now();
  await runFieldSync();
  for (const key of ["POST /api/field/spot-checks", "PUT /api/field/uploads/[key]/[fileKey]"]) {
    const c = count(key);
    console.log(`fuzz: ${key}: ${c.inputs} inputs (${c.accepted} accepted, ${c.refused} refused)`);
  }
  console.log(`fuzz: field sync in ${Date.now() - started} ms`);
  saveCounts();
  expect(problems).toEqual([]);
});

test("summary", () => {
  saveCounts();
  const summary = JSON.parse(fs.readFileSync(RESULTS, "utf8")) as {
    inputs: number;
    targetCount: number;
    serverErrors: number;
    partialWrites: number;
  };
  console.log(
    `fuzz: ${summary.inputs} inputs over ${summary.targetCount} targets (seed ${SEED}): ${summary.serverErrors} server errors, ${summary.partialWrites} partial writes`,
  );
  expect(summary.serverErrors + summary.partialWrites).toBe(0);
});
