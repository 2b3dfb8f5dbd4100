import "server-only";
import type { NextAuthConfig } from "next-auth";
import { logger } from "./logger";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

/**
 * What Auth.js reports as errors but is routine: a session cookie that has expired or was not
 * signed by this server (Auth.js clears it and the request goes on signed out), a refused sign-in
 * (logged by authenticate.ts already).
 */
const ROUTINE = new Set(["JWTSessionError", "CredentialsSignin"]);

/** Auth.js's messages, in the server's JSON log instead of its own multi-line console output. */
export const authLogger = {
  error(error) {
    const type = (error as { type?: string }).type ?? error.name;
    if (ROUTINE.has(type)) {
      const cause = (error.cause as { err?: Error } | undefined)?.err?.message;
      logger.info({ action: "auth", type, reason: cause }, "session or sign-in refused");
    } else logger.error({ action: "auth", type, err: error }, "Auth.js error");
  },
  warn(code) {
    logger.warn({ action: "auth", code }, "Auth.js warning");
  },
  debug(message, metadata) {
    logger.debug({ action: "auth", metadata }, message);
  },
} satisfies AuthLogger;
