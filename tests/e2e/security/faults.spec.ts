// Issue 7, item 5: with PostgreSQL stopped mid-load the portal answers a translated 503 page (and
// /api/health 503), loses no acknowledged write, and recovers by itself when PostgreSQL returns.
// The test runs its own throwaway cluster and its own `next start` of the build in NEXT_DIST_DIR
// (the Playwright web server and its database are not used), stops and restarts the cluster under
// a steady load of page reads (anonymous and signed in), API reads and real writes (public
// objections lodged through the server action, each with a unique marker), and checks every
// response and, afterwards, the database itself.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { findAction, formData, PortalClient, type ServerAction } from "../support/server-actions";
import { FaultCluster, setupDatabase, startPortal, type Portal } from "./fault-cluster";

const MINE_CODE = "1402260001"; // the demo manager's mine
const DATABASE = "grading_faults";
const RECOVERY_LIMIT_MS = 15_000;

let cluster: FaultCluster | undefined;
let portal: Portal | undefined;
let databaseUrl = "";
let noticeId = 0;
let lodge: ServerAction;
let staticAsset = "";

/** One request of the load: when it started and when its answer came. */
type Sample = { kind: string; path: string; status: number; start: number; at: number; detail?: string };
const totals = {
  scenarios: 0,
  requests: 0,
  acknowledged: 0,
  lost: 0,
  serverErrors: 0,
  retried: 0,
  recoveries: [] as number[],
};
/** Marker of every write the portal acknowledged, over all scenarios. */
const acknowledged: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function base(): string {
  if (!portal) throw new Error("portal not started");
  return portal.baseUrl;
}

/** A request the load makes; a network error (connection refused or reset) is recorded as status 0. */
async function timed(kind: string, path: string, run: () => Promise<{ status: number; detail?: string }>) {
  const start = Date.now();
  try {
    const { status, detail } = await run();
    return { kind, path, status, start, at: Date.now(), detail } satisfies Sample;
  } catch (e) {
    const detail = e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}` : String(e);
    return { kind, path, status: 0, start, at: Date.now(), detail } satisfies Sample;
  }
}

/** Lodges one objection with a unique marker; acknowledged only when the action answered { ok: true }. */
async function lodgeObjection(marker: string, ip: string): Promise<{ status: number; ok: boolean; detail?: string }> {
  // Each write from its own address: the objection form allows five per address and hour.
  const client = new PortalClient(base(), { "x-forwarded-for": ip });
  const args = [
    { ok: false },
    formData({
      applicationId: String(noticeId),
      name: "Fault test",
      contact: "faults@example.test",
      text: `Fault test objection ${marker}: the ventilation records need checking.`,
    }),
  ];
  const res = await client.action(lodge, `/notices/${noticeId}`, args);
  if (res.decodeError) return { status: res.status, ok: false, detail: `undecodable answer: ${res.decodeError}` };
  const result = res.result as { ok?: boolean; formError?: string } | undefined;
  return { status: res.status, ok: result?.ok === true, detail: result && !result.ok ? result.formError : undefined };
}

/** Several concurrent loops of reads and writes until stop() is called. */
function startLoad(label: string) {
  const samples: Sample[] = [];
  const acked: { marker: string; at: number }[] = [];
  let running = true;
  let ipCounter = 0;
  const manager = new PortalClient(base());
  const loops: Promise<void>[] = [];
  const loop = (body: () => Promise<void>) =>
    loops.push(
      (async () => {
        while (running) await body();
      })(),
    );
  // A request that loses the database mid-way is redirected to its own address (a retry that the
  // proxy answers 503 while the database is down): followed here as a browser would, and counted.
  const get = (kind: string, client: PortalClient | null, path: string, headers: Record<string, string> = {}) =>
    timed(kind, path, async () => {
      for (let hops = 0; ; hops++) {
        const res = client ? await client.get(path, { headers }) : await fetchText(path, headers);
        const location = res.headers.get("location");
        const self = location !== null && new URL(location, base()).pathname === new URL(path, base()).pathname;
        if (res.status < 300 || res.status >= 400 || !self || hops >= 5) return { status: res.status };
        totals.retried++;
      }
    });
  const fetchText = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${base()}${path}`, { headers, redirect: "manual" });
    await res.arrayBuffer();
    return { status: res.status, headers: res.headers };
  };
  const ready = manager.signIn("manager@demo.test", "demo-password").then((ok) => {
    if (!ok) throw new Error("the manager could not sign in");
    const publicPages = ["/register", "/notices", "/register/decisions", `/register/mines/${MINE_CODE}`];
    let i = 0;
    loop(async () => {
      samples.push(await get("public page", null, publicPages[i++ % publicPages.length]));
    });
    loop(async () => {
      samples.push(
        await get("public page (en)", null, publicPages[i++ % publicPages.length], { "accept-language": "en" }),
      );
    });
    loop(async () => {
      samples.push(await get("signed-in page", manager, `/mines/${MINE_CODE}`));
    });
    loop(async () => {
      samples.push(await get("api", null, "/api/public/v1/grades?province=14&pageSize=5"));
    });
    for (let w = 0; w < 2; w++)
      loop(async () => {
        const marker = `${label}-${randomUUID()}`;
        const ip = `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;
        const sample = await timed("write", `/notices/${noticeId}`, async () => {
          const r = await lodgeObjection(marker, ip);
          if (r.ok) acked.push({ marker, at: Date.now() });
          return { status: r.status, detail: r.detail };
        });
        samples.push(sample);
        // A refused write (503) returns at once; don't spin while the database is down.
        if (sample.status !== 200) await sleep(50);
      });
  });
  return {
    samples,
    acked,
    ready,
    async stop() {
      running = false;
      await ready;
      await Promise.all(loops);
    },
  };
}

/** Polls /api/health until 200; the time it took from `since`. */
async function waitForHealth(since: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${base()}/api/health`);
      if (res.status === 200) return Date.now() - since;
    } catch {
      // keep polling
    }
    if (Date.now() - since > RECOVERY_LIMIT_MS) throw new Error(`not healthy ${RECOVERY_LIMIT_MS} ms after restart`);
    await sleep(100);
  }
}

function summarize(samples: Sample[]) {
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[`${s.kind} ${s.status}`] = (byStatus[`${s.kind} ${s.status}`] ?? 0) + 1;
  return byStatus;
}

/** 503 is the answer while the database is down; any other 5xx, or no answer at all, is a server error. */
function serverErrors(samples: Sample[]): Sample[] {
  return samples.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503));
}

async function markersInDatabase(markers: string[]): Promise<Set<string>> {
  if (!cluster || markers.length === 0) return new Set();
  const rows = await cluster.query<{ text: string }>(
    DATABASE,
    `SELECT text FROM "Objection" WHERE text LIKE 'Fault test objection %'`,
  );
  const found = new Set<string>();
  const wanted = new Set(markers);
  for (const { text } of rows) {
    const marker = /^Fault test objection (\S+):/.exec(text)?.[1];
    if (marker && wanted.has(marker)) found.add(marker);
  }
  return found;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await FaultCluster.create();
  databaseUrl = await cluster.createDatabase(DATABASE);
  setupDatabase(databaseUrl);
  const open = await cluster.query<{ id: number }>(
    DATABASE,
    `SELECT id FROM "GradeApplication"
      WHERE state = 'PUBLIC_NOTICE' AND "noticeStartsOn" <= now() - interval '1 day' AND "noticeEndsOn" >= now() + interval '2 days'
      ORDER BY id LIMIT 1`,
  );
  expect(open.length, "the demo seed has an open public notice").toBe(1);
  noticeId = open[0].id;
  lodge = findAction("app/(public)/notices/[id]/actions.ts", "lodgeObjectionAction");
  portal = await startPortal(databaseUrl);
  const html = await (await fetch(`${base()}/register`)).text();
  staticAsset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0] ?? "";
});

test.afterAll(async () => {
  await portal?.stop();
  if (portal && process.env.FAULTS_PORTAL_LOG) fs.writeFileSync(process.env.FAULTS_PORTAL_LOG, portal.output.join(""));
  cluster?.destroy();
  const slowest = totals.recoveries.length ? Math.max(...totals.recoveries) / 1000 : NaN;
  console.log(
    `faults: ${totals.scenarios} scenarios, ${totals.requests} requests, ${totals.acknowledged} acknowledged writes, ` +
      `${totals.lost} lost, ${totals.serverErrors} server errors, ${totals.retried} requests retried at their own ` +
      `address after losing the database mid-way, recovered in ${slowest.toFixed(2)} s (slowest)`,
  );
});

test.afterEach(async () => {
  // Whatever happened, the next scenario starts with the cluster up and the portal alive.
  if (cluster && !cluster.running) await cluster.startAsync();
  expect(portal?.exited() ?? null, `the portal must not crash:\n${portal?.output.join("").slice(-4000)}`).toBeNull();
});

for (const mode of ["fast", "immediate"] as const) {
  test(`PostgreSQL stopped mid-load (pg_ctl stop -m ${mode}): 503s, nothing lost, recovers by itself`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    if (!cluster) throw new Error("no cluster");
    const load = startLoad(mode);
    await load.ready;

    // a) A steady load, then the stop.
    await sleep(4000);
    const ackedBeforeStop = load.acked.length;
    expect(ackedBeforeStop, "writes were acknowledged before the stop").toBeGreaterThan(0);
    const stoppedAt = Date.now();
    await cluster.stopAsync(mode);
    const stopDoneAt = Date.now();
    await sleep(1500);

    // b) While down: translated 503 pages, health and API 503 with a JSON reason, static assets served.
    await test.step("while down", async () => {
      const zh = await fetch(`${base()}/register`);
      expect(zh.status).toBe(503);
      expect(Number(zh.headers.get("retry-after"))).toBeGreaterThan(0);
      const zhHtml = await zh.text();
      expect(zhHtml).toContain('<html lang="zh-CN">');
      expect(zhHtml).toContain("门户暂时无法访问");
      expect(zhHtml).not.toMatch(/at \S+ \(|Error:|ECONNREFUSED/);

      const en = await fetch(`${base()}/mines/${MINE_CODE}?tab=history`, { headers: { "accept-language": "en" } });
      expect(en.status).toBe(503);
      const enHtml = await en.text();
      expect(enHtml).toContain('<html lang="en">');
      expect(enHtml).toContain("The portal is temporarily unavailable");
      expect(enHtml).toContain(`href="/mines/${MINE_CODE}?tab=history"`);

      // The saved choice wins over the browser's language; checked in a real browser.
      const context = await browser.newContext({ locale: "zh-CN" });
      await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: base() }]);
      const page = await context.newPage();
      const response = await page.goto(`${base()}/notices`);
      expect(response?.status()).toBe(503);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page).toHaveTitle(/Temporarily unavailable/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The portal is temporarily unavailable");
      await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/notices");
      await context.close();

      const health = await fetch(`${base()}/api/health`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as { status: string; reason?: string };
      expect(body.status).toBe("error");
      expect(body.reason).toBeTruthy();

      const api = await fetch(`${base()}/api/public/v1/grades`);
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ status: "unavailable", reason: "database unreachable" });

      if (staticAsset) expect((await fetch(`${base()}${staticAsset}`)).status).toBe(200);
    });
    await sleep(1000);

    // c) Restart PostgreSQL, not the portal.
    await cluster.startAsync();
    const restartedAt = Date.now();
    const recovery = await waitForHealth(restartedAt);
    totals.recoveries.push(recovery);
    await sleep(3000); // the load goes on against the recovered portal
    await load.stop();

    const after = load.samples.filter((s) => s.at > restartedAt + recovery);
    for (const kind of ["public page", "public page (en)", "signed-in page", "api"])
      expect(
        after.filter((s) => s.kind === kind && s.status === 200).length,
        `${kind} answers 200 again`,
      ).toBeGreaterThan(0);
    expect(load.acked.filter((a) => a.at > restartedAt).length, "a write succeeds after the restart").toBeGreaterThan(
      0,
    );
    const refused = load.samples.filter((s) => s.status === 503);
    expect(refused.length, "requests during the outage were answered 503").toBeGreaterThan(0);

    // A request already past the availability check when PostgreSQL went away fails inside its
    // queries; it is answered as if it had come a moment later (a retry at its own address, which
    // the proxy answers 503; a write gets "nothing was saved"), so no request may end in a 500.
    const errors = serverErrors(load.samples);
    const markers = load.acked.map((a) => a.marker);
    const found = await markersInDatabase(markers);
    const lost = markers.filter((m) => !found.has(m));
    totals.scenarios++;
    totals.requests += load.samples.length;
    totals.acknowledged += markers.length;
    totals.lost += lost.length;
    totals.serverErrors += errors.length;
    acknowledged.push(...markers);
    const describe = (e: Sample) =>
      `${e.kind} ${e.path} ${e.status} started ${e.start - stoppedAt} ms, answered ${e.at - stoppedAt} ms after the stop ${e.detail ?? ""}`;
    console.log(
      `faults (-m ${mode}): ${load.samples.length} requests, ${markers.length} acknowledged writes ` +
        `(${ackedBeforeStop} before the stop), ${lost.length} lost, ${errors.length} server errors ` +
        `[${errors.map(describe).join("; ")}], pg_ctl stop took ${stopDoneAt - stoppedAt} ms, ` +
        `down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s, healthy ${(recovery / 1000).toFixed(2)} s after restart; ` +
        JSON.stringify(summarize(load.samples)),
    );
    expect(lost, "no acknowledged write is lost").toEqual([]);
    expect(errors.map(describe), "no 500 and no dropped connection, even in flight at the stop").toEqual([]);
  });
}

test("a backend killed mid-transaction: the write fails cleanly, nothing partial, the next one works", async () => {
  test.setTimeout(120_000);
  if (!cluster) throw new Error("no cluster");
  const load = startLoad("killed");
  await load.ready;
  await sleep(1000);
  // Terminate the portal's own connections (not the availability probe's) over and over for 4 s.
  let killed = 0;
  const until = Date.now() + 4000;
  while (Date.now() < until) {
    const rows = await cluster.query<{ n: number }>(
      DATABASE,
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'grading-portal' AND datname = $1 AND state <> 'idle') t`,
      [DATABASE],
    );
    killed += rows[0].n;
    await sleep(25);
  }
  await sleep(2000);
  await load.stop();

  // The next write after the kills works.
  const marker = `killed-next-${randomUUID()}`;
  const next = await lodgeObjection(marker, "203.0.113.250");
  expect(next.ok, "a write after the kills succeeds").toBe(true);
  const markers = [...load.acked.map((a) => a.marker), marker];
  const found = await markersInDatabase(markers);
  const lost = markers.filter((m) => !found.has(m));
  expect(lost, "no acknowledged write is lost").toEqual([]);

  // Nothing partial: every objection of the test has the audit row written in its transaction.
  const orphans = await cluster.query<{ id: number }>(
    DATABASE,
    `SELECT o.id FROM "Objection" o
      WHERE o.text LIKE 'Fault test objection %'
        AND NOT EXISTS (SELECT 1 FROM "AuditLog" a WHERE a.entity = 'Objection' AND a."entityId" = o.id::text)`,
  );
  expect(orphans, "no objection without its audit row").toEqual([]);

  const failed = load.samples.filter((s) => s.status !== 200);
  const crashes = load.samples.filter((s) => s.status === 0);
  totals.scenarios++;
  totals.requests += load.samples.length + 1;
  totals.acknowledged += markers.length;
  totals.lost += lost.length;
  console.log(
    `faults (killed backends): ${killed} backends terminated, ${load.samples.length} requests, ` +
      `${markers.length} acknowledged writes, ${lost.length} lost, ${failed.length} failed requests ` +
      `(${JSON.stringify(summarize(failed))}), ${orphans.length} partial writes`,
  );
  totals.serverErrors += serverErrors(load.samples).length;
  expect(crashes, "every request got an answer").toEqual([]);
  // A request whose connection was killed under it is retried at its own address (reads) or told
  // that nothing was saved (writes): never a 500, never half a write.
  expect(serverErrors(load.samples).map((e) => `${e.kind} ${e.path} ${e.status} ${e.detail ?? ""}`)).toEqual([]);
});
