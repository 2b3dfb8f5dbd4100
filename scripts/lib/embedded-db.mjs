// The embedded PostgreSQL of `npm run dev` / `npm start`: PGlite (WebAssembly, one single-user
// session) served on a local port by pglite-socket's connection handler, with a query queue of our
// own in front of the session.
//
// Why not pglite-socket's own server and queue (0.2.17, and 0.2.18 has the same code): its queue
// serialises single protocol messages and keeps a connection's turn only inside an explicit
// transaction (electric-sql/pglite#1046, open). node-postgres sends a parameterised query as
// Parse/Bind/Describe/Execute/Sync, so under concurrent requests another connection's Parse lands
// between them in the one shared session ("portal does not exist", or another query's rows), and
// one failed execution leaves the queue stopped for good. Here a connection keeps the session from
// its first message until the session is idle again: after a Sync or a simple Query, outside any
// transaction. A failed message fails only its own caller.
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/** Parse, Bind, Describe, Execute, Close and Flush: until the Sync the batch's unnamed statement and portal are in use. */
const MID_BATCH = new Set([..."PBDECH"].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** The queue the handlers share: one connection's turn at a time, as long as that turn lasts. */
export class SessionQueue {
  #db;
  #jobs = [];
  #owner = null;
  #draining = false;
  /** Whether the owner's last message left an extended-protocol batch open. */
  #midBatch = false;

  constructor(db) {
    this.#db = db;
  }

  /** Runs one protocol message for a connection; its answer goes to onData as it is produced. */
  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.#jobs.push({ handlerId, message, onData, resolve, reject });
      void this.#drain();
    });
  }

  getQueueLength() {
    return this.#jobs.length;
  }

  /** A connection went away: its waiting messages are dropped. */
  clearQueueForHandler(handlerId) {
    this.#jobs = this.#jobs.filter((job) => {
      if (job.handlerId !== handlerId) return true;
      job.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  /** A connection went away during its turn: end its batch and transaction, and pass the turn on. */
  clearTransactionIfNeeded(handlerId) {
    if (this.#owner !== handlerId) return Promise.resolve();
    return new Promise((resolve) => {
      this.#jobs.push({ handlerId, release: true, resolve, reject: resolve });
      void this.#drain();
    });
  }

  async #drain() {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (;;) {
        const i = this.#owner === null ? 0 : this.#jobs.findIndex((job) => job.handlerId === this.#owner);
        if (i < 0 || i >= this.#jobs.length) return; // the owner's next message has not arrived yet
        const [job] = this.#jobs.splice(i, 1);
        this.#owner = job.handlerId;
        try {
          job.resolve(job.release ? await this.#reset() : await this.#run(job));
        } catch (error) {
          job.reject(error instanceof Error ? error : new Error(String(error)));
        }
        if (job.release) this.#midBatch = false;
        else this.#midBatch = MID_BATCH.has(job.message[0]);
        if (job.release || (!this.#midBatch && !this.#db.isInTransaction())) this.#owner = null;
      }
    } finally {
      this.#draining = false;
    }
  }

  async #run(job) {
    let bytes = 0;
    await this.#db.runExclusive(() =>
      this.#db.execProtocolRawStream(job.message, {
        onRawData: (data) => {
          bytes += data.length;
          job.onData(data);
        },
      }),
    );
    return bytes;
  }

  async #reset() {
    if (this.#midBatch) await this.#db.runExclusive(() => this.#db.execProtocolRaw(SYNC)).catch(() => {});
    if (this.#db.isInTransaction()) await this.#db.exec("ROLLBACK").catch(() => {});
    return 0;
  }
}

/**
 * Serves the PGlite database in dataDir (created when missing; in memory without one) on host:port.
 * The port is taken first, so a second instance fails with EADDRINUSE before it opens the files
 * the first one is using.
 */
export async function startEmbeddedDatabase({ dataDir, port, host = "127.0.0.1", maxConnections = 20 }) {
  let queue = null;
  const handlers = new Set();
  const server = net.createServer((socket) => {
    if (!queue || handlers.size >= maxConnections) {
      socket.end(queue ? "Too many connections\n" : undefined);
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  let db;
  try {
    // btree_gist: the exclusion constraint that keeps a mine's status periods from overlapping.
    db = await PGlite.create(dataDir, { extensions: { btree_gist } });
  } catch (e) {
    server.close();
    throw e;
  }
  queue = new SessionQueue(db);
  return {
    db,
    port: server.address().port,
    /** Closes every connection, stops listening and closes the database (its files are synced). */
    async stop() {
      await Promise.all([...handlers].map((h) => h.detach(true).catch(() => {})));
      handlers.clear();
      await new Promise((resolve) => server.close(() => resolve()));
      await db.close().catch(() => {});
    },
  };
}
