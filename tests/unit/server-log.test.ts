// The server's structured log (lib/server/log/): JSON lines with the request id, the user and the
// action; audited writes logged once committed; and instrumentation.ts's onRequestError logging an
// unhandled error with its digest. Lines are read from standard output, where the logger writes.
import { Writable } from "node:stream";
import { JWTSessionError, MissingSecret } from "@auth/core/errors";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onRequestError } from "@/instrumentation";
import { authLogger } from "@/lib/server/log/auth-log";
import { createLogger, logger } from "@/lib/server/log/logger";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/server/log/request-id";
import { loggingWrites, noteWrite } from "@/lib/server/log/write-log";

type Line = Record<string, unknown>;

/** Collects what the process's logger writes to standard output while a test runs. */
function captureStdout() {
  const lines: Line[] = [];
  const original = logger.level;
  logger.level = "info";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    for (const text of String(chunk).split("\n").filter(Boolean)) {
      try {
        lines.push(JSON.parse(text) as Line);
      } catch {
        // not a log line (the test runner's own output)
      }
    }
    return true;
  });
  return {
    lines,
    restore: () => {
      spy.mockRestore();
      logger.level = original;
    },
  };
}

describe("createLogger", () => {
  it("writes one JSON object per line with time, level, message and the event's fields", () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const log = createLogger(sink, "info");
    log.info({ requestId: "req-12345678", userId: 7, action: "decision.confirm", password: "hunter2" }, "write");
    log.debug({ action: "below the threshold" }, "not written");
    const lines = chunks.join("").trim().split("\n");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Line;
    expect(line).toMatchObject({ level: "info", msg: "write", requestId: "req-12345678", userId: 7 });
    expect(line.action).toBe("decision.confirm");
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
    expect(line.password).toBe("[redacted]");
  });
});

describe("request ids", () => {
  it("keep a well-formed id from a reverse proxy and replace anything else", () => {
    expect(requestIdFor("3f0c1a2b-abcd-4ef0-9999-0123456789ab")).toBe("3f0c1a2b-abcd-4ef0-9999-0123456789ab");
    for (const bad of [null, "", "short", "has space in it", "x".repeat(200), '"}\n{"forged":1'])
      expect(requestIdFor(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("audited writes", () => {
  let capture: ReturnType<typeof captureStdout>;
  beforeEach(() => (capture = captureStdout()));
  afterEach(() => capture.restore());

  const write = { action: "spotCheck.record", userId: 3, entity: "SpotCheck", entityId: "41" };

  it("are logged with user and action once their transaction has committed", async () => {
    let loggedBeforeCommit = -1;
    const result = await loggingWrites(async () => {
      noteWrite(write);
      loggedBeforeCommit = capture.lines.length;
      return "committed";
    });
    expect(result).toBe("committed");
    expect(loggedBeforeCommit).toBe(0);
    expect(capture.lines).toEqual([expect.objectContaining({ level: "info", msg: "write committed", ...write })]);
  });

  it("are not logged when their transaction rolls back", async () => {
    await expect(
      loggingWrites(async () => {
        noteWrite(write);
        throw new Error("conflict");
      }),
    ).rejects.toThrow("conflict");
    expect(capture.lines).toEqual([]);
  });
});

describe("onRequestError (instrumentation.ts)", () => {
  let capture: ReturnType<typeof captureStdout>;
  const runtime = process.env.NEXT_RUNTIME;
  const secret = process.env.AUTH_SECRET;
  beforeEach(() => {
    capture = captureStdout();
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.AUTH_SECRET = "unit-test-secret-0123456789abcdef";
  });
  afterEach(() => {
    capture.restore();
    process.env.NEXT_RUNTIME = runtime;
    process.env.AUTH_SECRET = secret;
  });

  it("logs a thrown error with its digest, the request id, the user, the route and the stack", async () => {
    const error = Object.assign(new Error("relation does not exist"), { digest: "2731954128" });
    const token = await encode({
      token: { uid: 12, sid: "s-1" },
      secret: "unit-test-secret-0123456789abcdef",
      salt: "authjs.session-token",
    });
    await onRequestError(
      error,
      {
        path: "/mines/1402260001?tab=history",
        method: "GET",
        headers: { [REQUEST_ID_HEADER]: "req-abcdef12", cookie: `NEXT_LOCALE=en; authjs.session-token=${token}` },
      },
      { routerKind: "App Router", routePath: "/mines/[code]", routeType: "render", revalidateReason: undefined },
    );
    expect(capture.lines).toHaveLength(1);
    const [line] = capture.lines;
    expect(line).toMatchObject({
      level: "error",
      msg: "unhandled server error",
      digest: "2731954128",
      requestId: "req-abcdef12",
      userId: 12,
      action: "GET /mines/[code]",
      path: "/mines/1402260001?tab=history",
      routeType: "render",
    });
    const err = line.err as Line;
    expect(err.message).toBe("relation does not exist");
    expect(String(err.stack)).toContain("server-log.test.ts");
    expect(JSON.stringify(line)).not.toContain(token);
  });

  it("logs a server action's error without a session, and never throws", async () => {
    await onRequestError(
      "a thrown string",
      { path: "/decisions", method: "POST", headers: { "next-action": "7f00aa" } },
      { routerKind: "App Router", routePath: "/decisions", routeType: "action", revalidateReason: undefined },
    );
    expect(capture.lines).toEqual([
      expect.objectContaining({
        level: "error",
        action: "POST /decisions",
        routeType: "action",
        serverAction: "7f00aa",
      }),
    ]);
    expect(capture.lines[0].userId).toBeUndefined();
  });
});

describe("Auth.js's messages", () => {
  let capture: ReturnType<typeof captureStdout>;
  beforeEach(() => (capture = captureStdout()));
  afterEach(() => capture.restore());

  it("go to the JSON log: an expired session cookie as routine, anything else as an error", () => {
    authLogger.error(
      new JWTSessionError("Read more at https://errors.authjs.dev#jwtsessionerror", {
        cause: { err: new Error('"exp" claim timestamp check failed') },
      }),
    );
    authLogger.error(new MissingSecret("Please define a `secret`"));
    expect(capture.lines).toEqual([
      expect.objectContaining({
        level: "info",
        action: "auth",
        type: "JWTSessionError",
        reason: '"exp" claim timestamp check failed',
      }),
      expect.objectContaining({ level: "error", action: "auth", type: "MissingSecret" }),
    ]);
  });
});
