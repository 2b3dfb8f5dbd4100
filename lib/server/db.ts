import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { forgetDatabaseAnswered } from "./http/availability";
import { rethrowDatabaseError } from "./http/database-lost";
import { logger } from "./log/logger";
import { loggingWrites } from "./log/write-log";

export type Db = PrismaClient;
/** The client of an open transaction (inside `db.$transaction(async (tx) => …)`). */
export type Tx = Prisma.TransactionClient;
/** A client or an open transaction: reads that may run inside a write take this. */
export type DbOrTx = PrismaClient | Tx;

/**
 * The pg pool settings every client gets. When PostgreSQL stops or restarts, idle connections die
 * and their clients emit 'error': pg-pool then drops them and re-emits on the pool, where the
 * adapter's listener (onPoolError below) takes it; a client that dies while checked out is dropped
 * when it is released with the error. New queries open new connections, so the portal recovers by
 * itself once the server answers again. A server that does not answer at all (a dropped network)
 * fails a query after connectionTimeoutMillis instead of queueing it forever.
 */
export function poolConfig(connectionString: string, max = 10): pg.PoolConfig {
  return {
    connectionString,
    max,
    // Also bounds the wait for a free connection; generous, so a busy pool under load still waits.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // Notices a dead peer on an idle connection (no FIN/RST, e.g. a dropped network) within minutes.
    keepAlive: true,
    // Names the portal's connections in pg_stat_activity.
    application_name: "grading-portal",
  };
}

// The next request re-checks the database (proxy.ts) instead of trusting the last success, and
// one line per outage rather than one per dead connection (a pool of 10 loses 10 at once).
let lastLogged = 0;
function onConnectionError(err: Error) {
  forgetDatabaseAnswered();
  const now = Date.now();
  if (now - lastLogged < 10_000) return;
  lastLogged = now;
  logger.warn({ reason: err.message.split("\n")[0] }, "database connection lost; new queries reconnect");
}

export function createDb(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(poolConfig(connectionString, max), {
      onPoolError: onConnectionError,
      onConnectionError: onConnectionError,
    }),
  });
}

// One client per process, made on first use; kept on globalThis so dev-mode reloads reuse the pool.
const globalForDb = globalThis as unknown as { db?: PrismaClient };

/**
 * The portal's client: every query, raw query and transaction that fails because the connection
 * was lost is rethrown in the form the request should see (lib/server/http/database-lost.ts), so
 * that an outage never surfaces as a 500; a transaction's audited writes are logged once it has
 * committed (lib/server/log/write-log.ts). Only query hooks: the client's types are unchanged.
 */
function withLostConnectionHandling(base: PrismaClient): PrismaClient {
  const extended = base.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (e) {
          return rethrowDatabaseError(e);
        }
      },
    },
  }) as unknown as PrismaClient;
  const transaction = extended.$transaction.bind(extended) as (...args: unknown[]) => Promise<unknown>;
  // Starting or committing a transaction (not an operation) can lose the connection too.
  return new Proxy(extended, {
    get(target, prop, receiver) {
      if (prop === "$transaction")
        return (...args: unknown[]) => loggingWrites(() => transaction(...args)).catch(rethrowDatabaseError);
      return Reflect.get(target, prop, receiver);
    },
  });
}

function client(): PrismaClient {
  globalForDb.db ??= withLostConnectionHandling(createDb(env().DATABASE_URL));
  return globalForDb.db;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
