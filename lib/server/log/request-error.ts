import "server-only";
import type { Instrumentation } from "next";
import { decode } from "next-auth/jwt";
import { logger } from "./logger";
import { REQUEST_ID_HEADER } from "./request-id";

type RequestErrorArgs = Parameters<Instrumentation.onRequestError>;
type RequestHeaders = RequestErrorArgs[1]["headers"];

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The signed-in user's id, read from the session cookie when there is one this server can read. */
async function userIdFrom(headers: RequestHeaders): Promise<number | undefined> {
  const secret = process.env.AUTH_SECRET;
  const cookies = header(headers, "cookie");
  if (!secret || !cookies) return undefined;
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (!name.endsWith("authjs.session-token")) continue;
    try {
      const claims = await decode({ token: decodeURIComponent(value.join("=")), secret, salt: name });
      if (typeof claims?.uid === "number") return claims.uid;
    } catch {
      // expired, or not ours: no user to name
    }
  }
  return undefined;
}

/**
 * Logs an error no code of ours caught (instrumentation.ts `onRequestError`) with what an operator
 * needs to find it: the digest (the "Reference" the error page shows the user), the request id,
 * the user, the route and what kind of work failed, and the error with its stack. Never throws.
 */
export async function logRequestError(...[error, request, context]: RequestErrorArgs): Promise<void> {
  try {
    const digest = (error as { digest?: unknown } | null)?.digest;
    logger.error(
      {
        requestId: header(request.headers, REQUEST_ID_HEADER),
        userId: await userIdFrom(request.headers),
        action: `${request.method} ${context.routePath}`,
        digest: typeof digest === "string" ? digest : undefined,
        path: request.path,
        routeType: context.routeType,
        renderSource: context.renderSource,
        serverAction: header(request.headers, "next-action"),
        err: error,
      },
      "unhandled server error",
    );
  } catch {
    // the log itself failed: nothing better to do
  }
}
