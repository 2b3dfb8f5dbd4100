import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
/** A client or an open transaction: reads that may run inside a write take this. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;

export function createDb(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

// One client per process, made on first use; kept on globalThis so dev-mode reloads reuse the pool.
const globalForDb = globalThis as unknown as { db?: PrismaClient };

function client(): PrismaClient {
  globalForDb.db ??= createDb(env().DATABASE_URL);
  return globalForDb.db;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
