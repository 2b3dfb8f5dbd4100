import "server-only";
import pino, { type DestinationStream, type Level, type Logger } from "pino";

// The server's log: one JSON object per line on standard output, for whatever collects the
// process's output (journald, a container runtime, a log shipper). Every line has "time" (ISO
// 8601), "level" as a word, "msg", and the fields of the event: "requestId", "userId" and
// "action" where there is a request, a user or an action. LOG_LEVEL sets the threshold (default
// "info"; "silent" under the test runner, whose output it would drown).

export type LogLevel = Level | "silent";

function defaultLevel(): LogLevel {
  const configured = process.env.LOG_LEVEL as LogLevel | undefined;
  if (configured) return configured;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/** A logger writing to `destination` (standard output unless given). */
export function createLogger(destination: DestinationStream = process.stdout, level = defaultLevel()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Whatever a caller passes by mistake: secrets never reach the log.
      redact: { paths: ["password", "*.password", "headers.cookie", "headers.authorization"], censor: "[redacted]" },
    },
    destination,
  );
}

/** The process's logger. Its level may be changed at run time (`logger.level = "debug"`). */
export const logger: Logger = createLogger();
