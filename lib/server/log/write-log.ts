import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { logger } from "./logger";
import { currentRequestId } from "./request-context";

// One log line per audited write ("action", "userId", the record), written once the write is
// committed: audit() runs inside the write's transaction, which may still roll back, so within a
// transaction of the portal's client (lib/server/db.ts) the lines wait for its commit and are
// dropped with its rollback.

export interface WrittenAction {
  action: string;
  userId: number | null;
  entity: string;
  entityId: string;
}

const pending = new AsyncLocalStorage<WrittenAction[]>();

async function logWrites(writes: readonly WrittenAction[]): Promise<void> {
  if (!writes.length) return;
  const requestId = await currentRequestId();
  for (const write of writes) logger.info({ requestId, ...write }, "write committed");
}

/** Records an audited write: logged when its transaction commits (at once outside one). */
export function noteWrite(write: WrittenAction): void {
  const writes = pending.getStore();
  if (writes) writes.push(write);
  else void logWrites([write]);
}

/** Runs a transaction, then logs the writes it recorded, if it committed. */
export async function loggingWrites<T>(transaction: () => Promise<T>): Promise<T> {
  const writes: WrittenAction[] = [];
  const result = await pending.run(writes, transaction);
  await logWrites(writes);
  return result;
}
