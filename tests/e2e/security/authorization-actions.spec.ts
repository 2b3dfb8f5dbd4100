// The authorization matrix for server actions (issue 7): every server action of the build × every role
// of product.md × a target in and out of the role's scope (and each target variant: a decision's
// level, an application's level, a notice open or ended). Each case builds a fresh valid target in the
// database, invokes the action over HTTP exactly as React does, with VALID input, as that role, and
// checks the answer against product.md (tests/e2e/security/roles.ts, actions-inventory.ts):
//   allowed → success, and rows changed (none for the actions that write nothing by design);
//   denied  → the public is sent to /login; others get the refusal (never "validation"), or for an
//             action without a result, nothing; and NOT ONE row changes, not even an audit row;
//   and an answer about a mine outside the caller's scope never names it (name or code).
// Writes test-results/authz-actions.json and prints the count of cases.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { changedTables, installRowChangeCounters, rowChanges, type RowChanges } from "../support/row-changes";
import {
  BASE_URL,
  PortalClient,
  cachedFunctions,
  findAction,
  serverActions,
  type ActionResponse,
} from "../support/server-actions";
import {
  ACTIONS,
  capabilityOf,
  closeFixtures,
  loadWorld,
  skipReason,
  targetMine,
  type ActionEntry,
  type Case,
  type Expectation,
  type Outcome,
  type Scope,
  type Variant,
  type World,
} from "./actions-inventory";
import { ACCOUNTS, DEMO_PASSWORD, ROLES, inScope, type Role } from "./roles";

const RESULTS = "test-results";
/** One line per case, appended as the cases run (a worker restarted after a failure keeps the earlier ones). */
const CASES_FILE = path.join(RESULTS, "authz-actions.cases.jsonl");
const REPORT_FILE = path.join(RESULTS, "authz-actions.json");
/** The Playwright run: workers restarted after a failure share their parent process. */
const RUN = process.ppid;

/** Each role's client has an address of its own (TEST-NET-2), so the objection limit per address is per role. */
const ADDRESS: Record<Role, string> = {
  ADMIN: "198.51.100.1",
  NATIONAL_REGULATOR: "198.51.100.2",
  PROVINCIAL_REGULATOR: "198.51.100.3",
  LOCAL_REGULATOR: "198.51.100.4",
  OFFICIAL: "198.51.100.5",
  MINE_MANAGER: "198.51.100.6",
  PUBLIC: "198.51.100.7",
};

interface CaseRecord {
  run: number;
  action: string;
  variant: string;
  role: Role;
  scope: Scope;
  mine: string | null;
  status: "allowed" | "denied" | "skipped";
  reason?: string;
  expected?: Expectation;
  outcome?: Outcome;
  changed?: RowChanges;
  passed?: boolean;
}

let world: World;
const clients = new Map<Role, PortalClient>();
/**
 * Fixture clean-ups, run after all cases: an action's answer resolves before the server has finished
 * re-rendering the page (revalidatePath), so removing rows at once could pull them from under that render.
 */
const teardowns: (() => Promise<void>)[] = [];

/**
 * Cases that fail today for a reason reported to the lead, marked as expected failures so the rest of
 * the matrix stays green; remove an entry once the fix lands (Playwright then reports it as passing
 * unexpectedly, i.e. failing).
 */
const KNOWN_ISSUES: { action: string; roles: readonly Role[]; reason: string }[] = [];

function actionLabel(entry: ActionEntry): string {
  return `${entry.file.replace(/^app\//, "").replace(/\/actions\.ts$/, "")}#${entry.name}`;
}

function scopeLabel(role: Role, scope: Scope): string {
  if (role === "PUBLIC") return scope === "in" ? "a Datong mine" : "a mine outside Shanxi";
  return scope === "in" ? "in scope" : "out of scope";
}

function record(r: Omit<CaseRecord, "run">): void {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.appendFileSync(CASES_FILE, `${JSON.stringify({ run: RUN, ...r })}\n`);
}

/**
 * A session of its own, for the actions that sign in or out: signing out revokes the session on
 * the server, so the role's shared session must not be the one used.
 */
async function freshSession(role: Role): Promise<PortalClient> {
  const client = new PortalClient(BASE_URL, { "x-forwarded-for": ADDRESS[role] });
  if (role !== "PUBLIC")
    expect(await client.signIn(ACCOUNTS[role].email, DEMO_PASSWORD), `${role} signs in`).toBe(true);
  return client;
}

/** The fields of a mine that an answer about it must not show to a caller who cannot see it. */
function mineFields(c: Case, submitted: string): string[] {
  if (!c.mine) return [];
  const fields = [c.mine.name, c.mine.nameEn ?? ""].filter((f) => f.length >= 2);
  // The code may come back as the caller's own input (e.g. the form's values); never otherwise.
  if (!submitted.includes(c.mine.code)) fields.push(c.mine.code);
  return fields;
}

function allCases(): number {
  return ACTIONS.reduce((n, e) => n + e.variants.length * ROLES.length * 2, 0);
}

test.beforeAll(async () => {
  await installRowChangeCounters();
  world = await loadWorld();
  for (const role of ROLES) {
    const client = new PortalClient(BASE_URL, { "x-forwarded-for": ADDRESS[role] });
    if (role !== "PUBLIC") expect(await client.signIn(ACCOUNTS[role].email, DEMO_PASSWORD), role).toBe(true);
    clients.set(role, client);
  }
});

test.afterAll(async () => {
  for (const teardown of teardowns.splice(0).reverse()) {
    await teardown().catch((e: unknown) => console.warn(`fixture clean-up failed: ${String(e)}`));
  }
  await closeFixtures();
  if (!fs.existsSync(CASES_FILE)) return;
  const cases = fs
    .readFileSync(CASES_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CaseRecord)
    .filter((c) => c.run === RUN);
  const count = (s: CaseRecord["status"]) => cases.filter((c) => c.status === s).length;
  const unauthorizedWrites = cases.filter(
    (c) => c.status === "denied" && c.changed && Object.keys(c.changed).length > 0,
  ).length;
  const summary = {
    total: cases.length,
    expectedTotal: allCases(),
    allowed: count("allowed"),
    denied: count("denied"),
    skipped: count("skipped"),
    unauthorizedWrites,
    failed: cases.filter((c) => c.passed === false).length,
  };
  fs.writeFileSync(
    REPORT_FILE,
    JSON.stringify(
      {
        ...summary,
        rules: Object.fromEntries(ACTIONS.map((e) => [actionLabel(e), e.rule])),
        cases: cases.map((c) => ({ ...c, run: undefined })),
      },
      null,
      2,
    ),
  );
  const partial = summary.total < summary.expectedTotal ? ` (partial: ${summary.expectedTotal} planned)` : "";
  console.log(
    `authorization matrix (server actions): ${summary.total} cases, ${summary.allowed} allowed, ` +
      `${summary.denied} denied, ${summary.skipped} skipped, ${unauthorizedWrites} unauthorized writes${partial}`,
  );
});

test("every server action of the build is in the inventory, on a page that can run it", () => {
  const built = serverActions();
  const key = (a: { file: string; name: string }) => `${a.file}#${a.name}`;
  const inventory = new Set(ACTIONS.map(key));
  expect(
    built.filter((a) => !inventory.has(key(a))).map(key),
    "server actions missing from actions-inventory.ts",
  ).toEqual([]);
  const byKey = new Map(built.map((a) => [key(a), a]));
  expect(
    ACTIONS.filter((e) => !byKey.has(key(e))).map(key),
    "inventory entries without an action in the build",
  ).toEqual([]);
  for (const e of ACTIONS) expect(byKey.get(key(e))!.workers, `${key(e)} runs on ${e.route}`).toContain(e.route);
});

// Next.js registers every "use cache" function as a server reference, and its action endpoint runs
// one for whoever posts its id: the cached reads (a scope's figures, rule sets, the register) would
// answer anyone, with arguments of their choosing, past the checks of their callers. Each one refuses
// to run without the server's own guard value (lib/server/cache/tags.ts, checkCacheGuard).
test("no cached read runs for a request to the action endpoint, signed in or not", async () => {
  const cached = cachedFunctions();
  expect(cached.length, "the build has cached reads").toBeGreaterThan(0);
  const signedIn = new PortalClient(BASE_URL, { "x-forwarded-for": "203.0.113.77" });
  expect(await signedIn.signIn(ACCOUNTS.ADMIN.email, DEMO_PASSWORD)).toBe(true);
  const attempts = [[], ["14", 2020, "2020-12-31"], ["", 2020, "2020-12-31"], ["14"], [{ id: 1 }], [["140226"]]];
  for (const fn of cached) {
    const page = fn.workers.find((w) => w.endsWith("/page"));
    expect(page, `${fn.file}#${fn.name} is used by a page`).toBeTruthy();
    const route =
      page!
        .replace(/^app/, "")
        .replace(/\/\([^)]+\)|\/@[^/]+/g, "")
        .replace(/\/page$/, "")
        .replace(/\[[^\]]+\]/g, "1") || "/";
    for (const client of [new PortalClient(), signedIn]) {
      for (const args of attempts) {
        const answer = await client.action(fn, route, args);
        expect(answer.result, `${fn.file}#${fn.name} at ${route} with ${JSON.stringify(args)}`).toBeUndefined();
        expect(answer.status, `${fn.file}#${fn.name} at ${route}`).not.toBe(200);
      }
    }
  }
});

function check(entry: ActionEntry, c: Case, expected: Expectation, outcome: Outcome, changed: RowChanges) {
  const what = `${actionLabel(entry)} as ${c.role} (${c.scope}${c.variant.label ? `, ${c.variant.label}` : ""})`;
  if (expected.allowed) {
    expect(outcome, `${what}: allowed by product.md`).toEqual({ kind: entry.voidResult ? "noop" : "success" });
    if (expected.writes) expect(Object.keys(changed).length, `${what}: rows written`).toBeGreaterThan(0);
    else expect(changed, `${what}: writes no row by design`).toEqual({});
    return;
  }
  expect(outcome.kind, `${what}: denied for validation, not authorization`).not.toBe("validation");
  if (expected.via === "login") expect(outcome, `${what}: the public signs in first`).toEqual({ kind: "login" });
  else if (expected.via === "noop") expect(outcome, `${what}: completes without writing`).toEqual({ kind: "noop" });
  else {
    expect(outcome.kind, `${what}: refused (${JSON.stringify(outcome)})`).toBe("denied");
    if (outcome.kind === "denied") expect(expected.keys, `${what}: refusal key`).toContain(outcome.key);
  }
  expect(changed, `${what}: denied, so no row may change`).toEqual({});
}

for (const entry of ACTIONS) {
  for (const variant of entry.variants) {
    for (const role of ROLES) {
      for (const scope of ["in", "out"] as const) {
        const title = [actionLabel(entry), variant.label, role, scopeLabel(role, scope)].filter(Boolean).join(" · ");
        test(title, async () => {
          const base = { action: actionLabel(entry), variant: variant.label, role, scope };
          const skip = skipReason(entry, role, scope);
          if (skip) {
            record({ ...base, mine: null, status: "skipped", reason: skip });
            test.skip(true, skip);
            return;
          }
          const known = KNOWN_ISSUES.find((k) => k.action === actionLabel(entry) && k.roles.includes(role));
          test.fail(known !== undefined, known?.reason);
          const action = findAction(entry.file, entry.name);
          const mine = entry.mineFor
            ? entry.mineFor(world, role, scope)
            : entry.scoped
              ? targetMine(world, role, scope)
              : null;
          const c: Case = { role, scope, variant: variant as Variant, mine };
          const expected = entry.expect(world, c);
          const client = capabilityOf(entry, variant) === "any" ? await freshSession(role) : clients.get(role)!;

          await entry.settle?.(() => client.action(action, "/decisions", []), c);
          const fx = await entry.build(world, c);
          if (fx.teardown) teardowns.push(fx.teardown);
          const before = await rowChanges();
          const response: ActionResponse = await client.action(action, fx.page, fx.args);
          const changed = changedTables(before, await rowChanges());
          await fx.after?.();
          const outcome = entry.read(response);
          const status = expected.allowed ? "allowed" : "denied";
          let passed = false;
          try {
            check(entry, c, expected, outcome, changed);
            // An answer about a mine the caller cannot see names nothing of it.
            if (mine && (role === "PUBLIC" || !inScope(role, mine.code))) {
              const text = JSON.stringify({ result: response.result ?? null, redirect: response.redirect });
              for (const field of mineFields(c, fx.submitted))
                expect(text, `${title}: the answer shows "${field}" of a mine out of scope`).not.toContain(field);
            }
            passed = true;
          } finally {
            record({ ...base, mine: mine?.code ?? null, status, expected, outcome, changed, passed });
          }
        });
      }
    }
  }
}
