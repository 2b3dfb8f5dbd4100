// The embedded database of `npm run dev` / `npm start` (scripts/lib/embedded-db.mjs): one PGlite
// session shared by many connections. Under concurrent use through node-postgres (as Prisma's
// adapter uses it) every query gets its own answer, transactions stay whole, and neither a failed
// execution nor a client lost mid-transaction stops the others (electric-sql/pglite#1046).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/scripts/lib/embedded-db.mjs";

let embedded: EmbeddedDatabase;
let url: string;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ port: 0 }); // in memory, on a free port
  url = `postgresql://postgres:postgres@127.0.0.1:${embedded.port}/postgres?sslmode=disable`;
  await embedded.db.exec(`CREATE TABLE item (id serial PRIMARY KEY, n int UNIQUE NOT NULL)`);
});
afterAll(() => embedded?.stop());

async function withPool<T>(run: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {}); // a connection the server closed: the pool drops it
  try {
    return await run(pool);
  } finally {
    await pool.end();
  }
}

describe("the embedded database under concurrent connections", () => {
  it("answers 50 concurrent requests, each with its own rows, transactions and errors", async () => {
    await withPool(async (pool) => {
      const problems: string[] = [];
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          if (i % 5 === 0) {
            // a transaction: its insert and its count come from the same session state
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              await client.query("INSERT INTO item (n) VALUES ($1)", [1000 + i]);
              const { rows } = await client.query<{ mine: number }>(
                "SELECT count(*)::int AS mine FROM item WHERE n = $1",
                [1000 + i],
              );
              if (rows[0].mine !== 1) problems.push(`transaction ${i} saw ${rows[0].mine} rows`);
              await client.query("COMMIT");
            } finally {
              client.release();
            }
          } else if (i % 7 === 0) {
            // an error in the middle of an extended-protocol batch
            await pool.query("INSERT INTO item (n) VALUES (1000), (1000)").then(
              () => problems.push(`duplicate ${i} accepted`),
              (e: Error) => void (/duplicate key/.test(e.message) || problems.push(`${i}: ${e.message}`)),
            );
          } else {
            const { rows } = await pool.query<{ x: number; y: string }>("SELECT $1::int AS x, $2::text AS y", [
              i,
              `s${i}`,
            ]);
            if (rows[0]?.x !== i || rows[0]?.y !== `s${i}`) problems.push(`query ${i} got ${JSON.stringify(rows)}`);
          }
        }),
      );
      expect(problems).toEqual([]);
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM item WHERE n >= 1000");
      expect(rows[0].n).toBe(10);
    });
  });

  it("goes on serving after an execution fails inside the database", async () => {
    const original = embedded.db.execProtocolRawStream.bind(embedded.db);
    let injected = false;
    embedded.db.execProtocolRawStream = async (message, options) => {
      if (!injected && message[0] === 0x50 /* Parse */) {
        injected = true;
        throw new Error("injected internal failure");
      }
      return original(message, options);
    };
    try {
      const failing = new pg.Client({ connectionString: url });
      failing.on("error", () => {});
      await failing.connect();
      await expect(failing.query("SELECT $1::int AS x", [1])).rejects.toThrow();
      await failing.end().catch(() => {});
      await withPool(async (pool) => {
        const answers = await Promise.all([1, 2, 3].map((x) => pool.query<{ x: number }>("SELECT $1::int AS x", [x])));
        expect(answers.map((a) => a.rows[0].x)).toEqual([1, 2, 3]);
      });
    } finally {
      embedded.db.execProtocolRawStream = original;
    }
  });

  it("rolls back and moves on when a client is lost in the middle of a transaction", async () => {
    const lost = new pg.Client({ connectionString: url });
    const other = new pg.Client({ connectionString: url });
    lost.on("error", () => {});
    await Promise.all([lost.connect(), other.connect()]);
    await lost.query("BEGIN");
    await lost.query("INSERT INTO item (n) VALUES ($1)", [5000]);
    // The other connection's query waits for the transaction to end; then the client's socket dies.
    const waiting = other.query<{ n: number }>("SELECT count(*)::int AS n FROM item WHERE n = $1", [5000]);
    (lost as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0].n).toBe(0);
    await other.end();
  });
});
