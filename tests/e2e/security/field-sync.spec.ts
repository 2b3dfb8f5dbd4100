// Issue 16: the field app's sync endpoints (app/api/field) as every role of product.md (roles.ts), in
// and out of scope, signed out and cross-origin. The authorization matrix (endpoints.ts) is GET-based;
// this spec drives the writes: the submission (POST) and the chunked upload (PUT), and the pack with
// an out-of-scope mine named among the recent ones. Every refusal writes nothing (row-change counters),
// an accepted submission writes one spot-check and its replay nothing, and no answer names a mine
// outside the caller's scope. Writes test-results/field-sync.json.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { changedTables, installRowChangeCounters, rowChanges, type RowChanges } from "../support/row-changes";
import { BASE_URL, PortalClient } from "../support/server-actions";
import { ACCOUNTS, DEMO_PASSWORD, MANAGER_MINE_CODE, ROLES, inScope, may, type Role } from "./roles";

interface FxMine {
  code: string;
  name: string;
  nameEn: string | null;
  type: "UNDERGROUND" | "OPEN_PIT";
  grade: { id: number; level: number } | null;
}

let client: pg.Client;
let today: string;
let ruleCode: string;
let elements: Record<"UNDERGROUND" | "OPEN_PIT", string[]>;
let datong: FxMine; // in every recorder's scope but the manager's
let foreign: FxMine; // Hebei: outside Shanxi
const userIds = new Map<Role, number>();
const clients = new Map<Role, PortalClient>();
const cases: { role: Role; what: string; status: number; changed: RowChanges; problems: string[] }[] = [];

async function mineFx(where: string): Promise<FxMine> {
  const { rows } = await client.query<{
    id: number;
    code: string;
    name: string;
    nameEn: string | null;
    type: FxMine["type"];
  }>(`SELECT id, code, name, "nameEn", type FROM "Mine" m WHERE ${where} ORDER BY code LIMIT 1`);
  const m = rows[0];
  const g = await client.query<{ id: number; level: number }>(
    `SELECT id, level FROM "Grade" WHERE "mineId" = $1 AND "announcedOn" <= $2::date AND "validUntil" > $2::date
       AND ("endedOn" IS NULL OR "endedOn" > $2::date) ORDER BY "announcedOn" DESC, id DESC LIMIT 1`,
    [m.id, today],
  );
  return { code: m.code, name: m.name, nameEn: m.nameEn, type: m.type, grade: g.rows[0] ?? null };
}

test.beforeAll(async () => {
  await installRowChangeCounters();
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const rule = (
    await client.query<{ id: number; code: string }>(
      `SELECT id, code FROM "RuleVersion" WHERE "effectiveFrom" <= $1::date AND "publishedAt" IS NOT NULL
        ORDER BY "effectiveFrom" DESC LIMIT 1`,
      [today],
    )
  ).rows[0];
  ruleCode = rule.code;
  const els = await client.query<{ mineType: FxMine["type"]; code: string }>(
    `SELECT "mineType", code FROM "RuleElement" WHERE "ruleVersionId" = $1`,
    [rule.id],
  );
  elements = {
    UNDERGROUND: els.rows.filter((e) => e.mineType === "UNDERGROUND").map((e) => e.code),
    OPEN_PIT: els.rows.filter((e) => e.mineType === "OPEN_PIT").map((e) => e.code),
  };
  // A producing Datong mine other than the manager's (its spot-checks are the other specs' fixtures).
  datong = await mineFx(`"prefectureCode" = '1402' AND status = 'NORMAL_PRODUCTION' AND code <> '${MANAGER_MINE_CODE}'
    AND code NOT IN (SELECT code FROM "Mine" WHERE "prefectureCode" = '1402' ORDER BY code LIMIT 6)`);
  foreign = await mineFx(`"provinceCode" = '13' AND status = 'NORMAL_PRODUCTION'`);
  for (const role of ROLES) {
    const c = new PortalClient(BASE_URL);
    if (role !== "PUBLIC") {
      expect(await c.signIn(ACCOUNTS[role].email, DEMO_PASSWORD), `${role} signs in`).toBe(true);
      const { rows } = await client.query<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [
        ACCOUNTS[role].email,
      ]);
      userIds.set(role, rows[0].id);
    }
    clients.set(role, c);
  }
});

test.afterAll(async () => {
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync(path.join("test-results", "field-sync.json"), JSON.stringify(cases, null, 2));
  await client?.end();
});

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function submission(role: Role, mine: FxMine, key = randomUUID()) {
  return {
    key,
    userId: userIds.get(role) ?? 1,
    basis: {
      gradeId: mine.grade?.id ?? null,
      gradeLevel: mine.grade?.level ?? null,
      ruleVersionCode: ruleCode,
      jurisdiction: role === "PUBLIC" ? null : ACCOUNTS[role].jurisdiction,
    },
    spotCheck: {
      mineCode: mine.code,
      checkedOn: today,
      type: "ROUTINE",
      team: "Field sync security",
      scores: Object.fromEntries(elements[mine.type].map((c) => [c, 95])),
      findings: [],
      majorHiddenDangers: [],
      conclusion: "GRADE_MAINTAINED",
    },
    files: [],
  };
}

/** Sends a request as `role`, records the rows it changed and whether the answer names a mine out of scope. */
async function send(
  role: Role,
  what: string,
  pathname: string,
  init: RequestInit & { headers?: Record<string, string> },
) {
  const before = await rowChanges();
  const res = await clients.get(role)!.fetch(pathname, init);
  const text = await res.text();
  const changed = changedTables(before, await rowChanges());
  const problems: string[] = [];
  if (!inScope(role, foreign.code))
    for (const marker of [foreign.code, foreign.name, foreign.nameEn ?? ""].filter((m) => m.length >= 2))
      if (text.includes(marker)) problems.push(`LEAK: ${marker}`);
  if (res.headers.get("cache-control") !== "no-store" && res.status !== 405)
    problems.push(`cache-control ${res.headers.get("cache-control")}`);
  cases.push({ role, what, status: res.status, changed, problems });
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, json, text, changed, problems };
}

const sameOrigin = { origin: BASE_URL };
const postJson = (
  body: unknown,
  headers: Record<string, string> = sameOrigin,
): RequestInit & { headers: Record<string, string> } => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const nothing = (changed: RowChanges) => expect(changed, "rows changed by a refused request").toEqual({});

for (const role of ROLES) {
  const recorder = may(role, "write.spotCheck");

  test(`${role}: the pack names no mine outside the scope`, async () => {
    const r = await send(role, "pack", `/api/field/pack?recent=${foreign.code},${datong.code}`, {});
    expect(r.status).toBe(role === "PUBLIC" ? 401 : recorder ? 200 : 404);
    nothing(r.changed);
    expect(r.problems).toEqual([]);
    if (recorder) {
      const codes = (r.json!.mines as { code: string }[]).map((m) => m.code);
      expect(codes.includes(foreign.code)).toBe(inScope(role, foreign.code));
      expect(codes).toContain(datong.code);
    }
  });

  for (const scope of ["in", "out"] as const) {
    const mine = () => (scope === "in" ? datong : foreign);
    test(`${role}: a submission ${scope} of scope`, async () => {
      const target = mine();
      const body = submission(role, target);
      const r = await send(role, `submit ${scope}`, "/api/field/spot-checks", postJson(body));
      expect(r.problems).toEqual([]);
      if (role === "PUBLIC") {
        expect([r.status, r.json]).toEqual([401, { status: "refused", reason: "signedOut" }]);
        return nothing(r.changed);
      }
      if (!recorder || !inScope(role, target.code)) {
        expect([r.status, r.json]).toEqual([404, { status: "refused", reason: "notFound" }]);
        return nothing(r.changed);
      }
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({ status: "recorded", mineCode: target.code, replayed: false });
      expect(r.changed.SpotCheck).toBe(1);
      // Replayed: the first result, nothing written.
      const again = await send(role, `replay ${scope}`, "/api/field/spot-checks", postJson(body));
      expect([again.status, again.json]).toEqual([200, { ...r.json, replayed: true }]);
      nothing(again.changed);
      const { rows } = await client.query(`SELECT id FROM "SpotCheck" WHERE "syncKey" = $1`, [body.key]);
      expect(rows.length).toBe(1);
      // Another recorder presenting the same key as its own: keyUsed, nothing written.
      const other: Role = role === "LOCAL_REGULATOR" ? "PROVINCIAL_REGULATOR" : "LOCAL_REGULATOR";
      const stolen = await send(
        other,
        "stolen key",
        "/api/field/spot-checks",
        postJson({ ...body, userId: userIds.get(other) }),
      );
      expect([stolen.status, stolen.json]).toEqual([403, { status: "refused", reason: "keyUsed" }]);
      nothing(stolen.changed);
    });
  }

  test(`${role}: another account's draft, cross-origin and non-JSON submissions are refused and write nothing`, async () => {
    if (role === "PUBLIC") return;
    const otherId = userIds.get(role === "ADMIN" ? "OFFICIAL" : "ADMIN")!;
    const foreignDraft = await send(
      role,
      "other account",
      "/api/field/spot-checks",
      postJson({ ...submission(role, datong), userId: otherId }),
    );
    // The account is checked first: a draft of another account is refused whatever the role may do.
    expect([foreignDraft.status, foreignDraft.json]).toEqual([403, { status: "refused", reason: "otherAccount" }]);
    nothing(foreignDraft.changed);
    for (const headers of [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }, {}] as Record<
      string,
      string
    >[]) {
      const r = await send(
        role,
        `cross-origin ${JSON.stringify(headers)}`,
        "/api/field/spot-checks",
        postJson(submission(role, datong), headers),
      );
      expect(r.status).toBe(403);
      nothing(r.changed);
    }
    const form = await send(role, "form body", "/api/field/spot-checks", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...sameOrigin },
      body: "key=x",
    });
    expect(form.status).toBe(415);
    nothing(form.changed);
  });

  test(`${role}: the chunked upload is bound to the account`, async () => {
    const bytes = new TextEncoder().encode(`photo of ${role}`);
    const draft = randomUUID();
    const file = randomUUID();
    const url = `/api/field/uploads/${draft}/${file}?offset=0&length=${bytes.length}&sha256=${sha(bytes)}&name=p.jpg`;
    const put = (headers: Record<string, string>) =>
      send(role, `upload ${JSON.stringify(headers)}`, url, {
        method: "PUT",
        headers: { "content-type": "application/octet-stream", ...headers },
        body: bytes,
      });
    for (const headers of [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }] as Record<
      string,
      string
    >[]) {
      const r = await put(headers);
      expect(r.status).toBe(403);
      nothing(r.changed);
    }
    const r = await put(sameOrigin);
    expect(r.problems).toEqual([]);
    if (!recorder) {
      expect(r.status).toBe(role === "PUBLIC" ? 401 : 404);
      return nothing(r.changed);
    }
    expect([r.status, r.json]).toEqual([200, { received: bytes.length, length: bytes.length, complete: true }]);
    expect(Object.keys(r.changed)).toEqual(["FieldUpload"]);
    const replay = await put(sameOrigin);
    expect([replay.status, replay.json]).toEqual([
      200,
      { received: bytes.length, length: bytes.length, complete: true },
    ]);
    nothing(replay.changed);
    const mine = await send(role, "upload status", `/api/field/uploads/${draft}/${file}`, {});
    expect(mine.status).toBe(200);
    // Another recorder neither sees it nor extends it.
    const other: Role = role === "LOCAL_REGULATOR" ? "NATIONAL_REGULATOR" : "LOCAL_REGULATOR";
    const theirs = await send(other, "someone else's upload status", `/api/field/uploads/${draft}/${file}`, {});
    expect(theirs.status).toBe(404);
    const extend = await send(
      other,
      "extend someone else's upload",
      url.replace("offset=0", `offset=${bytes.length}`),
      {
        method: "PUT",
        headers: { "content-type": "application/octet-stream", ...sameOrigin },
        body: bytes,
      },
    );
    expect(extend.status).toBe(409);
    nothing(extend.changed);
  });
}

test("no answer named a mine outside the caller's scope", () => {
  const leaks = cases.filter((c) => c.problems.length);
  console.log(`field-sync: ${cases.length} requests, ${leaks.length} with problems`);
  expect(leaks).toEqual([]);
});
