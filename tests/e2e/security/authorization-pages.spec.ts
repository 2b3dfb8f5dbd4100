// Issue 7, item 1 (pages and route handlers): the authorization matrix. Every page and route handler
// (endpoints.ts, checked against the files under app/) × every role of product.md (roles.ts) × a mine
// in the role's scope and the nearest mine outside it (+ a child record of another mine under an
// in-scope parent), requested over HTTP with that role's session. Each case asserts allowed or denied
// exactly as product.md says; every denied or out-of-scope response is searched for the out-of-scope
// mine's identifying fields (body and <title>); lists are searched for the out-of-scope mine's rows
// and their totals compared with the database. Nothing the matrix requests may change a row.
// The count of cases is printed and written to test-results/authz-pages.json.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { query } from "../support";
import { installRowChangeCounters, rowChanges, changedTables, type RowChanges } from "../support/row-changes";
import { PortalClient, type HttpResponse } from "../support/server-actions";
import {
  ENDPOINTS,
  endpointName,
  routeFilesOnDisk,
  type Endpoint,
  type Expect,
  type Globals,
  type MineTarget,
} from "./endpoints";
import { ACCOUNTS, DEMO_PASSWORD, MANAGER_MINE_CODE, ROLES, inScope, may, type Role } from "./roles";

// Not serial: a role's failures must not keep the other roles from running (the one worker runs the
// tests in order; after a failure a new worker signs in again).
test.describe.configure({ mode: "default" });

type Scope = "in" | "out" | "child-mismatch";
type Outcome = "allowed" | "denied" | "skipped";

interface CaseRecord {
  endpoint: string;
  role: Role;
  scope: Scope;
  url: string | null;
  expected: Outcome;
  expectedStatus?: number;
  status?: number;
  ms?: number;
  skipReason?: string;
  problems: string[];
  /** Problems that are known issues (KNOWN_ISSUES): reported, not failing. */
  known?: string[];
}

/**
 * Problems found in files this spec's author may not change, reported to the lead: counted and
 * printed, not failing. An entry that no longer matches anything fails, so that it is removed.
 */
const KNOWN_ISSUES: { endpoint: string; roles: Role[]; scopes: Scope[]; problem: RegExp; note: string }[] = [];

interface RoleTargets {
  in: MineTarget;
  /** The nearest mine outside the role's scope; null for national roles. */
  out: MineTarget | null;
  outReason?: string;
  /** A mine other than `in` whose child records are put under `in`'s URL. */
  other: MineTarget;
}

const CONCURRENCY = 4;
const CASES_FILE = path.join("test-results", "authz-pages.cases.jsonl");
const cases: CaseRecord[] = [];
const clients = new Map<Role, PortalClient>();
const targets = new Map<Role, RoleTargets>();
let globals: Globals;
let rowsBefore: RowChanges = {};
/** Per role and list: the count the list must show (rows of the role's scope, from the database). */
let appStates: { state: string; code: string }[] = [];
let decisionStatuses: { status: string; code: string }[] = [];

// ------------------------------------------------------------------------------------------------
// Targets from the database

const MINE_SQL = `
  SELECT m.id, m.code, m.name, m."nameEn", m."countyCode", m."prefectureCode", m."provinceCode",
         e.name AS enterprise, e."nameEn" AS "enterpriseEn",
         (SELECT count(*) FROM "SpotCheck" s WHERE s."mineId" = m.id AND s.status = 'COMPLETED')::int AS sc,
         (SELECT count(*) FROM "Decision" d WHERE d."mineId" = m.id)::int AS dc,
         (SELECT count(*) FROM "GradeApplication" a WHERE a."mineId" = m.id AND a.state <> 'DRAFT')::int AS ac
    FROM "Mine" m LEFT JOIN "Enterprise" e ON e.id = m."enterpriseId"`;

/** A mine as the query reads it: the target's own fields and how many child records of each kind it has. */
type MineRow = Omit<MineTarget, "spotCheck" | "application" | "decision"> & { sc: number; dc: number; ac: number };

/** The mine matching `where` with the most kinds of child records (spot-check, decision, application). */
async function pickMine(where: string, params: unknown[], nearTo?: string): Promise<MineTarget | null> {
  const order = nearTo
    ? `abs(m."provinceCode"::int - ${Number(nearTo.slice(0, 2))}), m."prefectureCode", m.code`
    : "m.code";
  const rows = await query<MineRow>(
    `SELECT * FROM (${MINE_SQL} WHERE ${where}) m
      ORDER BY (m.sc > 0)::int + (m.dc > 0)::int + (m.ac > 0)::int DESC, ${order} LIMIT 1`,
    params,
  );
  return rows[0] ? withChildren(rows[0]) : null;
}

async function mineByCode(code: string): Promise<MineTarget> {
  const rows = await query<MineRow>(`${MINE_SQL} WHERE m.code = $1`, [code]);
  if (!rows[0]) throw new Error(`no mine ${code} in the seed`);
  return withChildren(rows[0]);
}

async function withChildren(m: MineRow): Promise<MineTarget> {
  const [sc] = await query<{ id: number; team: string; notes: string | null }>(
    `SELECT id, team, notes FROM "SpotCheck" WHERE "mineId" = $1 AND status = 'COMPLETED' ORDER BY "checkedOn" DESC, id DESC LIMIT 1`,
    [m.id],
  );
  const [app] = await query<{ id: number; state: string }>(
    `SELECT id, state::text FROM "GradeApplication" WHERE "mineId" = $1 AND state <> 'DRAFT' ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
    [m.id],
  );
  const [dec] = await query<{ id: number; status: string; number: string | null }>(
    `SELECT id, status::text, number FROM "Decision" WHERE "mineId" = $1 ORDER BY "proposedAt" DESC, id DESC LIMIT 1`,
    [m.id],
  );
  // Issue 15.4: the documents of this mine (a confirmed decision's letter, an announcement listing it).
  const [confirmed] = await query<{ id: number; number: string | null }>(
    `SELECT id, number FROM "Decision" WHERE "mineId" = $1 AND status = 'CONFIRMED' ORDER BY id DESC LIMIT 1`,
    [m.id],
  );
  const [unconfirmed] = await query<{ id: number }>(
    `SELECT id FROM "Decision" WHERE "mineId" = $1 AND status <> 'CONFIRMED' ORDER BY id DESC LIMIT 1`,
    [m.id],
  );
  const [announced] = await query<{ no: string }>(
    `SELECT "announcementNo" AS no FROM "Grade" WHERE "mineId" = $1
      AND "announcedOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date ORDER BY "announcedOn" DESC, id DESC LIMIT 1`,
    [m.id],
  );
  // Issue 12: which mines share its enterprise (see MineTarget.enterpriseMineCodes).
  const siblings = await query<{ code: string }>(
    `SELECT x.code FROM "Mine" x JOIN "Mine" m ON m."enterpriseId" = x."enterpriseId" WHERE m.id = $1`,
    [m.id],
  );
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    nameEn: m.nameEn,
    enterpriseMineCodes: siblings.map((r) => r.code),
    countyCode: m.countyCode,
    prefectureCode: m.prefectureCode,
    provinceCode: m.provinceCode,
    enterprise: m.enterprise,
    enterpriseEn: m.enterpriseEn,
    spotCheck: sc ?? null,
    application: app ?? null,
    decision: dec ?? null,
    confirmedDecision: confirmed ?? null,
    unconfirmedDecisionId: unconfirmed?.id ?? null,
    announcementNo: announced?.no ?? null,
  };
}

async function findTargets(): Promise<void> {
  const national = await pickMine("true", []);
  const local = await pickMine(`m."prefectureCode" = '1402'`, []);
  // LOCAL_REGULATOR (1402): the nearest mine outside is a Shanxi mine in another prefecture.
  const localOut = await pickMine(`m."provinceCode" = '14' AND m."prefectureCode" <> '1402'`, []);
  const province = await pickMine(`m."provinceCode" = '14'`, []);
  // PROVINCIAL_REGULATOR (14): a mine outside Shanxi, from the nearest province code that has one.
  const provinceOut = await pickMine(`m."provinceCode" <> '14'`, [], "14");
  const manager = await mineByCode(MANAGER_MINE_CODE);
  // MINE_MANAGER: another mine in the same county if any, else in the same prefecture.
  const managerOut =
    (await pickMine(`m."countyCode" = $1 AND m.code <> $2`, [manager.countyCode, manager.code])) ??
    (await pickMine(`m."prefectureCode" = $1 AND m.code <> $2`, [manager.prefectureCode, manager.code]));
  if (!national || !local || !localOut || !province || !provinceOut || !managerOut) {
    throw new Error("the seed lacks a mine the matrix needs");
  }
  const nationalReason = "national jurisdiction: no mine lies outside its scope";
  const otherThan = (m: MineTarget) => (m.code === provinceOut.code ? localOut : provinceOut);
  targets.set("ADMIN", { in: national, out: null, outReason: nationalReason, other: otherThan(national) });
  targets.set("NATIONAL_REGULATOR", { in: national, out: null, outReason: nationalReason, other: otherThan(national) });
  targets.set("OFFICIAL", { in: national, out: null, outReason: nationalReason, other: otherThan(national) });
  targets.set("PROVINCIAL_REGULATOR", { in: province, out: provinceOut, other: provinceOut });
  targets.set("LOCAL_REGULATOR", { in: local, out: localOut, other: localOut });
  targets.set("MINE_MANAGER", { in: manager, out: managerOut, other: managerOut });
  // The public has no scope: it is asked for the local regulator's pair (a mine and one outside it).
  targets.set("PUBLIC", { in: local, out: localOut, other: localOut });

  for (const [role, t] of targets) {
    if (role === "PUBLIC") continue;
    expect(inScope(role, t.in.code), `${role}: in-scope target ${t.in.code}`).toBe(true);
    if (t.out) expect(inScope(role, t.out.code), `${role}: out-of-scope target ${t.out.code}`).toBe(false);
  }
}

// A 64×48 JPEG (a red square), stored as an evidence photo and as its own thumbnail.
const PHOTO = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAwAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUG/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AnQE9rwAAAAAAAAAAAAAAAAAAAAAH/9k=",
  "base64",
);

/**
 * Issue 15.5: one evidence photo per target mine, on a finding of its completed spot-check (written for
 * the matrix when it has none), else on an accident of the mine; found again when a new worker starts.
 */
async function writeEvidenceFixtures(): Promise<void> {
  // One mine may be several target objects (a role's "in" and another's "out"): each gets the file.
  const byCode = new Map<string, MineTarget[]>();
  for (const t of targets.values())
    for (const m of [t.in, t.out, t.other]) if (m) byCode.set(m.code, [...(byCode.get(m.code) ?? []), m]);
  for (const [first, ...same] of byCode.values()) {
    await writeEvidenceFixture(first);
    for (const m of same) m.evidence = first.evidence;
  }
}

async function writeEvidenceFixture(m: MineTarget): Promise<void> {
  // On a finding of its completed spot-check; a mine without one gets it on an accident instead.
  const [existing] = await query<{ id: number }>(
    `SELECT e.id FROM "EvidenceFile" e
         LEFT JOIN "Finding" f ON f.id = e."findingId" LEFT JOIN "SpotCheck" s ON s.id = f."spotCheckId"
         LEFT JOIN "Accident" a ON a.id = e."accidentId"
        WHERE (s."mineId" = $1 AND s.status = 'COMPLETED') OR a."mineId" = $1 ORDER BY e.id LIMIT 1`,
    [m.id],
  );
  if (existing) {
    m.evidence = existing;
    return;
  }
  let owner: { column: "findingId" | "accidentId"; id: number };
  if (m.spotCheck) {
    let [finding] = await query<{ id: number }>(
      `SELECT id FROM "Finding" WHERE "spotCheckId" = $1 ORDER BY id LIMIT 1`,
      [m.spotCheck.id],
    );
    finding ??= (
      await query<{ id: number }>(
        `INSERT INTO "Finding" ("spotCheckId", "elementCode", text, severity) VALUES ($1, 'E01', 'Authorization matrix finding', 'GENERAL') RETURNING id`,
        [m.spotCheck.id],
      )
    )[0];
    owner = { column: "findingId", id: finding.id };
  } else {
    let [accident] = await query<{ id: number }>(`SELECT id FROM "Accident" WHERE "mineId" = $1 ORDER BY id LIMIT 1`, [
      m.id,
    ]);
    accident ??= (
      await query<{ id: number }>(
        `INSERT INTO "Accident" ("mineId", "occurredOn", deaths, injuries, description)
           VALUES ($1, DATE '2024-03-01', 0, 1, 'Authorization matrix accident') RETURNING id`,
        [m.id],
      )
    )[0];
    owner = { column: "accidentId", id: accident.id };
  }
  const [file] = await query<{ id: number }>(
    `INSERT INTO "EvidenceFile" ("${owner.column}", filename, "mimeType", size, sha256, bytes, thumbnail)
       VALUES ($1, 'matrix.jpg', 'image/jpeg', length($2::bytea), encode(sha256($2::bytea), 'hex'), $2::bytea, $2::bytea)
       RETURNING id`,
    [owner.id, PHOTO],
  );
  m.evidence = file;
}

/** Writes one audit row per target mine (the audit list is searched for them by action). */
async function writeAuditFixtures(action: string): Promise<void> {
  const mines = new Map<string, MineTarget>();
  for (const t of targets.values()) for (const m of [t.in, t.out, t.other]) if (m) mines.set(m.code, m);
  for (const m of mines.values()) {
    await query(
      `INSERT INTO "AuditLog" (action, entity, "entityId", "regionCode", after) VALUES ($1, 'Mine', $2, $3, $4)`,
      [action, `authz-${m.code}`, m.countyCode, JSON.stringify({ marker: "authorization matrix" })],
    );
  }
}

// ------------------------------------------------------------------------------------------------
// What a response may not contain

function titles(html: string): string {
  return [...html.matchAll(/<title[^>]*>([\s\S]*?)<\/title>/gi)].map((m) => m[1]).join(" | ");
}

/** The text a reader sees: without scripts (the RSC payload echoes the URL's parameters), styles and tags. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

interface Marker {
  label: string;
  /** Searched in the whole body (scripts included), or only in the visible text and the title. */
  where: "raw" | "visible";
  test: string | RegExp;
}

/** Text that appears in another mine's seed data too cannot identify this one. */
const uniqueText = new Map<string, boolean>();

/** The out-of-scope mine's identifying fields (and its child records' text). */
function markersOf(m: MineTarget, besides: MineTarget, role: Role): Marker[] {
  const out: Marker[] = [];
  const add = (label: string, where: Marker["where"], v: string | null | undefined, shared: (string | null)[] = []) => {
    if (v && v.trim().length >= 2 && !shared.includes(v)) out.push({ label, where, test: v });
  };
  add("mine name", "raw", m.name);
  add("mine English name", "raw", m.nameEn);
  // The mine code is in the URL asked for, and so in the RSC payload of any answer: searched in what is shown.
  add("mine code", "visible", m.code);
  // An enterprise may own mines on both sides of the scope line: only an enterprise none of whose
  // mines the role may see identifies this one (issue 12: the register lists the enterprises a role sees).
  const enterpriseSeen = (m.enterpriseMineCodes ?? []).some((code) => role !== "PUBLIC" && inScope(role, code));
  if (!enterpriseSeen) {
    add("enterprise", "raw", m.enterprise, [besides.enterprise]);
    add("enterprise English name", "raw", m.enterpriseEn, [besides.enterpriseEn]);
  }
  if (m.spotCheck) {
    if (uniqueText.get(`team:${m.spotCheck.team}`)) add("spot-check team", "raw", m.spotCheck.team);
    if (m.spotCheck.notes && uniqueText.get(`notes:${m.spotCheck.notes}`))
      add("spot-check notes", "raw", m.spotCheck.notes);
  }
  if (m.application) {
    out.push({
      label: "application number",
      where: "visible",
      test: new RegExp(`(Application|申报) ${m.application.id}(?!\\d)`),
    });
  }
  if (m.decision?.number) add("decision number", "raw", m.decision.number);
  return out;
}

async function markUniqueTexts(ms: MineTarget[]): Promise<void> {
  for (const m of ms) {
    if (!m.spotCheck) continue;
    const [{ team }] = await query<{ team: number }>(`SELECT count(*)::int AS team FROM "SpotCheck" WHERE team = $1`, [
      m.spotCheck.team,
    ]);
    uniqueText.set(`team:${m.spotCheck.team}`, team === 1);
    if (m.spotCheck.notes) {
      const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "SpotCheck" WHERE notes = $1`, [
        m.spotCheck.notes,
      ]);
      uniqueText.set(`notes:${m.spotCheck.notes}`, n === 1);
    }
  }
}

function leaks(res: HttpResponse, markers: Marker[]): string[] {
  const type = res.headers.get("content-type") ?? "";
  const raw = res.text;
  const shown = type.includes("html") ? `${titles(raw)} ${visibleText(raw)}` : raw;
  const found: string[] = [];
  for (const m of markers) {
    const hay = m.where === "raw" ? raw : shown;
    const hit = typeof m.test === "string" ? hay.includes(m.test) : m.test.test(hay);
    if (hit) found.push(`${m.label} ${String(m.test)} in the ${m.where === "raw" ? "body" : "page text or title"}`);
  }
  const title = titles(raw);
  for (const m of markers) {
    const hit = typeof m.test === "string" ? title.includes(m.test) : m.test.test(title);
    if (hit) found.push(`${m.label} in the <title> "${title}"`);
  }
  return [...new Set(found)];
}

// ------------------------------------------------------------------------------------------------
// The expectation of a case

function permitted(ep: Endpoint, role: Role): boolean {
  if (ep.requires === "anyone") return true;
  if (ep.requires === "signedIn") return role !== "PUBLIC";
  return may(role, ep.requires);
}

function expectationFor(ep: Endpoint, role: Role, scope: Scope): { outcome: Outcome; expect: Expect } {
  if (
    role === "PUBLIC" &&
    ep.requires !== "anyone" &&
    ep.requires !== "read.public" &&
    ep.requires !== "write.objection"
  )
    return { outcome: "denied", expect: ep.anonymous };
  if (!permitted(ep, role)) return { outcome: "denied", expect: ep.noCapability };
  if (scope === "child-mismatch") return { outcome: "denied", expect: ep.outOfScope ?? { status: 404 } };
  if (scope === "out" && ep.outOfScope && role !== "PUBLIC") return { outcome: "denied", expect: ep.outOfScope };
  const allowed = typeof ep.allowed === "function" ? ep.allowed(role) : ep.allowed;
  return { outcome: "allowed", expect: allowed };
}

function checkExpect(res: HttpResponse, want: Expect): string[] {
  const problems: string[] = [];
  if (res.status !== want.status) problems.push(`status ${res.status}, expected ${want.status}`);
  if (want.location) {
    const loc = res.headers.get("location") ?? "";
    if (!want.location.test(loc)) problems.push(`location "${loc}", expected ${want.location}`);
  }
  if (want.contentType && res.status === want.status) {
    const type = res.headers.get("content-type") ?? "";
    if (!want.contentType.test(type)) problems.push(`content-type "${type}", expected ${want.contentType}`);
  }
  return problems;
}

/** The number a list shows as its total (English catalogue: the clients ask for en). */
function shownTotal(ep: Endpoint, html: string): number | null {
  if (ep.pattern === "/applications") {
    const m = /data-testid="application-count"[^>]*data-total="(\d+)"/.exec(html);
    return m ? Number(m[1]) : null;
  }
  if (ep.pattern === "/decisions") {
    const m = /data-testid="decision-count"[^>]*>([^<]*)</.exec(html);
    if (!m) return null;
    if (/No decisions/.test(m[1])) return 0;
    const n = /([\d,]+)/.exec(m[1]);
    return n ? Number(n[1].replace(/,/g, "")) : null;
  }
  return null;
}

/** The total a list must show the role: the rows of mines in its scope, counted in the database. */
function scopeTotal(ep: Endpoint, role: Role, url: string): number | null {
  const params = new URL(url, "http://x").searchParams;
  if (ep.pattern === "/applications") {
    const state = params.get("state") ?? "";
    return appStates.filter((a) => (state === "" || a.state === state) && inScope(role, a.code)).length;
  }
  if (ep.pattern === "/decisions") {
    const status = params.get("status") ?? "PROPOSED";
    return decisionStatuses.filter((d) => d.status === status && inScope(role, d.code)).length;
  }
  return null;
}

// ------------------------------------------------------------------------------------------------
// Running the cases

async function runCase(role: Role, ep: Endpoint, scope: Scope, t: RoleTargets): Promise<CaseRecord> {
  const name = endpointName(ep);
  const target = scope === "out" ? t.out : t.in;
  if (scope === "out" && !target) {
    return { endpoint: name, role, scope, url: null, expected: "skipped", skipReason: t.outReason, problems: [] };
  }
  const url = scope === "child-mismatch" ? (ep.childMismatch?.(t.in, t.other) ?? null) : ep.url(target!, globals);
  if (!url) {
    const reason =
      scope === "child-mismatch"
        ? `no child record of another mine (${t.other.code})`
        : `the target mine ${target!.code} has no record this URL needs`;
    return { endpoint: name, role, scope, url, expected: "skipped", skipReason: reason, problems: [] };
  }
  const { outcome, expect: want } = expectationFor(ep, role, scope);
  const client = clients.get(role)!;
  const started = Date.now();
  const res = await client.get(url);
  const record: CaseRecord = {
    endpoint: name,
    role,
    scope,
    url,
    expected: outcome,
    expectedStatus: want.status,
    status: res.status,
    ms: Date.now() - started,
    problems: checkExpect(res, want),
  };
  // Whose fields must not show: the out-of-scope mine, or for a child of another mine, that mine.
  const foreign = scope === "out" ? t.out : scope === "child-mismatch" ? t.other : null;
  const mustNotShow = outcome === "denied" || foreign !== null;
  if (mustNotShow && !(ep.publicData && outcome === "allowed")) {
    // The public has no scope: a denial names no mine at all. (A signed-in role's denial in scope may
    // show what the role may read anyway, e.g. a manager's own mine in the header.)
    const whose = foreign ?? (role === "PUBLIC" ? target : null);
    if (whose) {
      const besides = whose === t.in ? t.other : t.in;
      const found = leaks(res, markersOf(whose, besides, role));
      record.problems.push(...found.map((f) => `LEAK: ${f}`));
    }
  }
  // Lists: in scope the row is there; the list's total is exactly the rows of the caller's scope.
  if (ep.scoping === "list" && outcome === "allowed" && res.status === 200) {
    const markers = ep.rowMarkers?.(target!) ?? [];
    if (scope === "in" && (ep.pattern === "/mines" || ep.pattern === "/audit")) {
      for (const m of markers)
        if (!res.text.includes(m)) record.problems.push(`in-scope row ${m} missing from the list`);
    }
    if (scope === "out") {
      for (const m of markers) if (res.text.includes(m)) record.problems.push(`LEAK: out-of-scope row ${m} listed`);
    }
    const want = scopeTotal(ep, role, url);
    if (want !== null) {
      const shown = shownTotal(ep, res.text);
      if (shown !== want) record.problems.push(`list total ${shown}, expected ${want} (rows in scope)`);
    }
  }
  applyKnownIssues(record);
  return record;
}

function applyKnownIssues(record: CaseRecord): void {
  for (const issue of KNOWN_ISSUES) {
    if (issue.endpoint !== record.endpoint || !issue.roles.includes(record.role)) continue;
    if (!issue.scopes.includes(record.scope) || record.expected === "skipped") continue;
    const matched = record.problems.filter((p) => issue.problem.test(p));
    if (matched.length === 0) {
      record.problems.push(`known issue no longer occurs (remove it from KNOWN_ISSUES): ${issue.note}`);
    }
    record.problems = record.problems.filter((p) => !matched.includes(p));
    record.known = [...(record.known ?? []), ...matched.map((m) => `${m} (known: ${issue.note})`)];
  }
}

async function pool<T>(jobs: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

// ------------------------------------------------------------------------------------------------

test("the inventory lists every page and route handler under app/", () => {
  const onDisk = routeFilesOnDisk();
  const listed = new Set(ENDPOINTS.map((e) => e.file));
  const missing = onDisk.filter((f) => !listed.has(f));
  const stale = [...listed].filter((f) => !onDisk.includes(f));
  expect(missing, "pages or route handlers missing from tests/e2e/security/endpoints.ts").toEqual([]);
  expect(stale, "endpoints.ts lists files that no longer exist").toEqual([]);
});

test.describe("authorization matrix: pages and route handlers", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await findTargets();
    const all = [...targets.values()].flatMap((t) => [t.in, t.out, t.other]).filter((m): m is MineTarget => !!m);
    await markUniqueTexts(all);
    const [notice] = await query<{ id: number }>(
      `SELECT id FROM "GradeApplication" WHERE state = 'PUBLIC_NOTICE' AND "noticeStartsOn" IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const [manager] = await query<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [
      ACCOUNTS.MINE_MANAGER.email,
    ]);
    const [authority] = await query<{ id: number }>(`SELECT id FROM "Authority" ORDER BY id LIMIT 1`);
    // Issue 12: an enterprise without mines, for the enterprise edit page.
    const [enterprise] = await query<{ id: number }>(`INSERT INTO "Enterprise" (name) VALUES ($1) RETURNING id`, [
      `authz matrix enterprise ${Date.now()}`,
    ]);
    const [unconfirmed] = await query<{ id: number }>(
      `SELECT id FROM "Decision" WHERE status <> 'CONFIRMED' ORDER BY id LIMIT 1`,
    );
    globals = {
      unconfirmedDecisionId: unconfirmed?.id ?? null,
      noticeId: notice?.id ?? null,
      auditAction: `authz.matrix.${Date.now()}`,
      managerUserId: manager.id,
      authorityId: authority.id,
      enterpriseId: enterprise.id,
    };
    await writeAuditFixtures(globals.auditAction);
    await writeEvidenceFixtures();
    appStates = await query(
      `SELECT a.state::text AS state, m.code FROM "GradeApplication" a JOIN "Mine" m ON m.id = a."mineId"`,
    );
    decisionStatuses = await query(
      `SELECT d.status::text AS status, m.code FROM "Decision" d JOIN "Mine" m ON m.id = d."mineId"`,
    );
    let n = 0;
    for (const role of ROLES) {
      // Each role from its own address, so sign-in rate limits per address never interfere.
      const client = new PortalClient(undefined, { "x-forwarded-for": `10.77.0.${++n}` });
      client.setCookie("NEXT_LOCALE", "en");
      if (role !== "PUBLIC") {
        const ok = await client.signIn(ACCOUNTS[role].email, DEMO_PASSWORD);
        expect(ok, `${role} signs in`).toBe(true);
      }
      clients.set(role, client);
    }
    await installRowChangeCounters();
    rowsBefore = await rowChanges();
  });

  for (const role of ROLES) {
    test(`${role}: every page and route handler, in and out of scope`, async () => {
      const t = targets.get(role)!;
      const jobs: (() => Promise<CaseRecord>)[] = [];
      for (const ep of ENDPOINTS) {
        for (const scope of ["in", "out"] as const) jobs.push(() => runCase(role, ep, scope, t));
        if (ep.childMismatch) jobs.push(() => runCase(role, ep, "child-mismatch", t));
      }
      const results = await pool(jobs, CONCURRENCY);
      cases.push(...results);
      // Kept on disk too: after a failing role a new worker runs the rest, and the summary covers all.
      fs.mkdirSync("test-results", { recursive: true });
      fs.appendFileSync(CASES_FILE, results.map((r) => JSON.stringify(r)).join("\n") + "\n");
      const failures = results
        .filter((c) => c.problems.length > 0)
        .map((c) => `${c.endpoint} × ${c.role} × ${c.scope} (GET ${c.url}): ${c.problems.join("; ")}`);
      expect(failures, `${role}: ${failures.length} failing case(s)`).toEqual([]);
    });
  }

  test("no request of the matrix changed a row", async () => {
    const changed = changedTables(rowsBefore, await rowChanges());
    expect(changed).toEqual({});
  });

  test.afterAll(() => {
    // Every case of this run (Playwright empties test-results/ when a run starts), from every worker.
    const cases: CaseRecord[] = fs.existsSync(CASES_FILE)
      ? fs
          .readFileSync(CASES_FILE, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as CaseRecord)
      : [];
    const ran = cases.filter((c) => c.expected !== "skipped");
    const allowed = ran.filter((c) => c.expected === "allowed").length;
    const denied = ran.filter((c) => c.expected === "denied").length;
    const skipped = cases.filter((c) => c.expected === "skipped");
    const reasons = new Map<string, number>();
    for (const c of skipped) reasons.set(c.skipReason ?? "?", (reasons.get(c.skipReason ?? "?") ?? 0) + 1);
    const leakCount = cases.filter((c) => c.problems.some((p) => p.startsWith("LEAK"))).length;
    const failed = cases.filter((c) => c.problems.length > 0).length;
    const known = cases.filter((c) => (c.known ?? []).length > 0);
    for (const c of known) console.log(`known issue: ${c.endpoint} × ${c.role} × ${c.scope}: ${c.known!.join("; ")}`);
    const reasonText = [...reasons].map(([r, n]) => `${n}: ${r}`).join("; ");
    console.log(
      `authorization matrix (pages and routes): ${cases.length} cases, ${allowed} allowed, ${denied} denied, ` +
        `${skipped.length} skipped (${reasonText}), ${leakCount} leaks` +
        (known.length ? `, ${known.length} known issue(s) reported to the lead` : "") +
        (failed ? `, ${failed} failing` : ""),
    );
    const targetSummary = Object.fromEntries(
      [...targets].map(([role, t]) => [role, { in: t.in.code, out: t.out?.code ?? null, other: t.other.code }]),
    );
    fs.mkdirSync("test-results", { recursive: true });
    fs.writeFileSync(
      path.join("test-results", "authz-pages.json"),
      JSON.stringify(
        {
          cases: cases.length,
          ran: ran.length,
          allowed,
          denied,
          skipped: skipped.length,
          skipReasons: Object.fromEntries(reasons),
          leaks: leakCount,
          failing: failed,
          knownIssues: known.length,
          endpoints: ENDPOINTS.length,
          roles: ROLES.length,
          targets: targetSummary,
          results: cases,
        },
        null,
        2,
      ),
    );
  });
});
