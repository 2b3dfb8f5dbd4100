import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ServiceError } from "@/lib/server/errors";
import { databaseAnswers, forgetDatabaseAnswered, REQUEST_URL_HEADER } from "./availability";

// proxy.ts answers 503 while the database is down, but a request already past that check when
// the database goes away (or whose connection is killed) fails inside its queries. Rather than a
// 500, such a request is answered as if it had arrived a moment later: a page or route handler is
// redirected to its own address, which proxy.ts then answers with the translated 503 page (or
// renders normally if the database is back); a server action gets a translated form error saying
// nothing was saved, so the user's input stays and they can try again.

// SQLSTATEs of a lost or refused connection (class 08, admin shutdown/crash/cannot connect now),
// Node socket errors, and Prisma's codes for an unreachable server, a closed connection and a
// pool that could not hand out a connection in time.
const LOST = new Set([
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);
const LOST_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TlsConnectionError"]);
const LOST_MESSAGE =
  /Connection terminated|terminating connection|not queryable|Can't reach database server|Server has closed the connection|the database system is (shutting down|starting up|in recovery mode)|connect ECONNREFUSED|read ECONNRESET|Connection refused|timeout exceeded when trying to connect/i;

/** Set while a form action (formAction in lib/server/action-result.ts) runs its own code. */
const inFormAction = new AsyncLocalStorage<true>();

/** Runs a form action's body so that a lost database becomes a form error rather than a redirect. */
export function runFormAction<T>(run: () => Promise<T>): Promise<T> {
  return inFormAction.run(true, run);
}

type ErrorLike = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

/** Whether an error, or any error in its cause chain (Prisma's driver adapter error included), matches. */
function hasCause(error: unknown, test: (o: ErrorLike) => boolean): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as ErrorLike;
    if (test(o)) return true;
    const meta = o.meta as { driverAdapterError?: unknown } | undefined;
    e = o.cause ?? meta?.driverAdapterError;
  }
  return false;
}

/** Whether an error (or any error in its cause chain) means the connection to PostgreSQL was lost. */
export function isConnectionLoss(error: unknown): boolean {
  return hasCause(
    error,
    (o) =>
      (typeof o.code === "string" && LOST.has(o.code)) ||
      (typeof o.kind === "string" && LOST_KINDS.has(o.kind)) ||
      (typeof o.message === "string" && LOST_MESSAGE.test(o.message)),
  );
}

/**
 * Rethrows a database error in the form the current request should see: unchanged unless the
 * connection was lost; then an UNAVAILABLE service error inside a form action's own code, else a
 * redirect to the same address (pages, route handlers, the page re-rendered after an action).
 * Outside a request (scripts, tests) and for the health check, which reports it, unchanged.
 */
export async function rethrowDatabaseError(error: unknown): Promise<never> {
  // Two writes that would give a mine two grades on one day: the database refused the later one
  // (Grade_no_overlap), and its author is told so, as for any other concurrent change.
  if (hasCause(error, (o) => o.code === "23P01" || (typeof o.message === "string" && o.message.includes("23P01"))))
    throw new ServiceError("CONFLICT", "gradesOverlap");
  if (!isConnectionLoss(error)) throw error;
  forgetDatabaseAnswered();
  let h: Headers;
  try {
    h = await headers();
  } catch {
    throw error;
  }
  if (inFormAction.getStore()) throw new ServiceError("UNAVAILABLE", "databaseUnavailable");
  const url = h.get(REQUEST_URL_HEADER);
  if (!url || url.startsWith("/api/health")) throw error;
  redirect(url.startsWith("/") && !url.startsWith("//") ? url : "/");
}

/**
 * Reads through a "use cache" function. A connection lost inside one cannot be answered there (no
 * request headers in a cache scope, so no redirect to the 503 page): its error comes out here, in
 * the request, and is answered as any lost connection is.
 */
export async function fromCache<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (isConnectionLoss(e)) return rethrowDatabaseError(e);
    // A production build hands the error of a cached function on without its cause (a digest and a
    // generic message): whether the database went away is asked of the database itself.
    forgetDatabaseAnswered();
    if (!(await databaseAnswers()))
      return rethrowDatabaseError(Object.assign(new Error("database lost"), { code: "08006" }));
    throw e;
  }
}
