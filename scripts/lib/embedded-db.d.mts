import type { PGlite } from "@electric-sql/pglite";

export class SessionQueue {
  constructor(db: PGlite);
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  getQueueLength(): number;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

export interface EmbeddedDatabase {
  db: PGlite;
  port: number;
  stop(): Promise<void>;
}

export function startEmbeddedDatabase(options: {
  dataDir?: string;
  port: number;
  host?: string;
  maxConnections?: number;
}): Promise<EmbeddedDatabase>;
