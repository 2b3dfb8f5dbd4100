import "server-only";

// Typed error codes for services. Actions map them to catalogue keys ("errors.<code>"), so the
// user reads them in their language; the API maps them to HTTP statuses.
export type ErrorCode = "NOT_FOUND" | "FORBIDDEN" | "VALIDATION" | "CONFLICT" | "INVALID_STATE" | "UNAVAILABLE";

export class ServiceError extends Error {
  constructor(
    public readonly code: ErrorCode,
    /** Catalogue key under "errors" for the message shown to the user. */
    public readonly messageKey: string = code,
    /** Field-level problems: field name → catalogue key. */
    public readonly fieldErrors: Record<string, string> = {},
    public readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "ServiceError";
  }
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VALIDATION: 400,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNAVAILABLE: 503,
};

/** The HTTP status a route handler answers a service's refusal with; null for any other error (rethrow it). */
export function httpStatusOf(e: unknown): number | null {
  return e instanceof ServiceError ? HTTP_STATUS[e.code] : null;
}

export function notFound(): ServiceError {
  return new ServiceError("NOT_FOUND", "notFound");
}

export function forbidden(key = "forbidden"): ServiceError {
  return new ServiceError("FORBIDDEN", key);
}
