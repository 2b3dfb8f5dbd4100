// `npm start` / `npm run dev` (scripts/run.mjs) as an operator runs them: on free ports, with the
// embedded database in a temporary directory. Under 50 concurrent requests the embedded database
// answers every one; the logs are JSON lines with the request id; SIGTERM or SIGINT stops Next.js
// and the database and leaves no process and no open port; a second start says, in one translated
// line, that the portal runs already. Uses the production build of the e2e step (`start` builds
// only when there is none). Linux only: it finds the processes left over through /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

test.skip(process.platform !== "linux", "finds left-over processes through /proc");
test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "..", "..");
let dataDir: string;
let portalPort: number;
let databasePort: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether anything accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** The processes (pid and command line) whose environment carries the marker: the run and its children. */
function processesMarked(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(`PORTAL_RUN_MARKER=${marker}`)) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

interface Run {
  child: ChildProcess;
  marker: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startRun(mode: "start" | "dev", env: Record<string, string> = {}): Run {
  const marker = randomUUID();
  const vars: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(portalPort),
    EMBEDDED_DB_PORT: String(databasePort),
    EMBEDDED_DB_DIR: dataDir,
    SEED_SCALE: "0.05",
    AUTH_SECRET: "run-script-test-secret-0123456789abcdef",
    NEXT_TELEMETRY_DISABLED: "1",
    LANG: "en_US.UTF-8",
    PORTAL_RUN_MARKER: marker,
    ...env,
  };
  delete vars.DATABASE_URL; // the embedded database, as on a fresh checkout
  delete vars.LC_ALL;
  delete vars.LC_MESSAGES;
  const child = spawn(process.execPath, ["scripts/run.mjs", mode], { cwd: root, env: vars, stdio: "pipe" });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, marker, output: () => output, exited };
}

/** Kills whatever of the run is left (after a failure). */
function killAll(run: Run) {
  for (const line of processesMarked(run.marker)) {
    try {
      process.kill(Number(line.split(" ")[0]), "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

/** Waits until the portal answers its health check (the run's output is in the failure message). */
async function ready(run: Run, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => (exited = true));
  for (;;) {
    expect(exited, `the run ended before it served:\n${run.output()}`).toBe(false);
    const ok = await fetch(`http://127.0.0.1:${portalPort}/api/health`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    expect(Date.now() < deadline, `not ready within ${timeoutMs / 1000} s:\n${run.output()}`).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * `next dev` hands its telemetry to a process it starts detached on purpose (its own process
 * group): it holds no port and ends by itself once it has written its file.
 */
const TELEMETRY_FLUSH = "next/dist/telemetry/detached-flush.js";

/** Sends the signal and checks that the run ended cleanly, leaving no process and no open port. */
async function stopsCleanly(run: Run, signal: NodeJS.Signals) {
  run.child.kill(signal);
  const { code } = await run.exited;
  expect(code, run.output()).toBe(0);
  expect(processesMarked(run.marker).filter((p) => !p.includes(TELEMETRY_FLUSH))).toEqual([]);
  expect(await listening(portalPort)).toBe(false);
  expect(await listening(databasePort)).toBe(false);
  await expect.poll(() => processesMarked(run.marker), { timeout: 30_000 }).toEqual([]);
}

/** A second run against the same ports: it must end at once with one line. */
async function refusedStart(env: Record<string, string>): Promise<string[]> {
  const second = startRun("start", env);
  const { code } = await second.exited;
  expect(code).toBe(1);
  expect(processesMarked(second.marker)).toEqual([]);
  return second.output().trim().split("\n");
}

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-run-"));
  portalPort = await freePort();
  databasePort = await freePort();
});

test.afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("npm start: 50 concurrent requests on the embedded database, JSON logs, and SIGTERM stops everything", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const run = startRun("start");
  try {
    await ready(run, 180_000);

    await test.step("50 concurrent requests, every one answered", async () => {
      const paths = [
        "/register",
        "/register/decisions",
        "/notices",
        "/api/public/v1/grades?pageSize=20",
        "/login",
        "/register/mines/1402260001",
      ];
      const answers = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const url = `http://127.0.0.1:${portalPort}${paths[i % paths.length]}`;
          const response = await fetch(url, { signal: AbortSignal.timeout(90_000) });
          return { url, status: response.status, body: await response.text() };
        }),
      );
      for (const answer of answers) expect(answer.status, `${answer.url}: ${answer.body.slice(0, 300)}`).toBe(200);
      const grades = answers.find((a) => a.url.includes("/api/public/v1/grades"))!;
      expect((JSON.parse(grades.body) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    });

    await test.step("a sign-in is logged as JSON with its request id and user", async () => {
      await page.goto(`http://127.0.0.1:${portalPort}/login`);
      await page.locator('input[name="email"]').fill("admin@demo.test");
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.locator('button[type="submit"]').click(),
      ]);
      const requestId = await response.headerValue("x-request-id");
      expect(requestId).toBeTruthy();
      await expect(page).not.toHaveURL(/\/login/);
      const lines = run
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(
        expect.objectContaining({ level: "info", action: "signIn", outcome: "success", requestId }),
      );
      expect(lines.find((l) => l.action === "signIn")?.userId).toEqual(expect.any(Number));
    });

    await test.step("SIGTERM stops Next.js and the database", () => stopsCleanly(run, "SIGTERM"));
  } finally {
    killAll(run);
  }
});

test("a second start while one runs says so in one line, in the locale's language", async () => {
  test.setTimeout(180_000);
  const run = startRun("start");
  try {
    await ready(run, 120_000);
    expect(await refusedStart({ LANG: "en_US.UTF-8" })).toEqual([
      `Port ${portalPort} is already in use: is the portal already running? Stop it first, or start on another port with PORT=<port>.`,
    ]);
    expect(await refusedStart({ LANG: "zh_CN.UTF-8" })).toEqual([
      `端口 ${portalPort} 已被占用：门户是否已在运行？请先停止它，或用 PORT=<端口> 换一个端口启动。`,
    ]);
    // Another portal port, the same database port: the database's port is checked too.
    const otherPort = String(await freePort());
    const [line, ...more] = await refusedStart({ LANG: "en_US.UTF-8", PORT: otherPort });
    expect(line).toMatch(new RegExp(`^The embedded database's port ${databasePort} is already in use`));
    expect(more).toEqual([]);
    await stopsCleanly(run, "SIGINT");
  } finally {
    killAll(run);
  }
});

test("npm run dev: SIGTERM stops next dev and the server process it forks", async () => {
  test.setTimeout(240_000);
  const run = startRun("dev");
  try {
    await ready(run, 200_000);
    // next dev serves from a child process of its own ("next-server"), the one left running before.
    expect(processesMarked(run.marker).length).toBeGreaterThanOrEqual(3);
    await stopsCleanly(run, "SIGTERM");
  } finally {
    killAll(run);
  }
});
