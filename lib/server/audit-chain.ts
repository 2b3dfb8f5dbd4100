// Verifies the audit log's hash chain (kept by the database: prisma/migrations/*_audit_hash_chain).
// Every hash is recomputed here, in Node, from the stored column values, and every row's prevHash is
// checked against the hash of the row before it. Usable from Next and from scripts run by tsx (no
// "server-only" import, no Prisma client needed): `npm run audit:verify` is scripts/audit-verify.ts.
//
// Canonical text of a row, version 1 (the migration's audit_log_hash() implements the same definition):
//
//   "AuditLog/v1" + F(id) + F(at) + F(actorId) + F(action) + F(entity) + F(entityId)
//                 + F(regionCode) + F(before) + F(after) + F(prevHash)
//
//   F(null) = "|-"
//   F(v)    = "|" + <number of UTF-8 bytes of v, in decimal> + ":" + v
//
// id and actorId in decimal; at, the stored timestamp (UTC by convention), as YYYY-MM-DDTHH:MM:SS.ffffff
// (microseconds, no zone suffix); action, entity, entityId, regionCode as stored; before and after as
// PostgreSQL's canonical jsonb text (`"before"::text`); prevHash as its 64 hex digits. The length prefix
// makes the encoding injective, so values containing "|" or ":" cannot forge a collision.
// hash = lowercase hex sha256 of the canonical text's UTF-8 bytes; prevHash of the first row is 64 "0"s.
import crypto from "node:crypto";
import pg from "pg";

export const GENESIS_HASH = "0".repeat(64);
export const CANONICAL_PREFIX = "AuditLog/v1";

/** One AuditLog row as the verifier reads it: every value as text, `at` as microseconds since 1970. */
export interface AuditChainRow {
  id: string;
  atMicros: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  regionCode: string;
  before: string | null;
  after: string | null;
  prevHash: string | null;
  hash: string | null;
}

export type AuditChainBreak = "hash mismatch" | "broken link" | "missing hash";

export interface AuditChainResult {
  /** Rows examined (up to and including the first broken one). */
  checked: number;
  ok: boolean;
  /** The last row examined when the chain is intact: record it to detect later truncation of the tail. */
  head?: { id: string; hash: string };
  firstBroken?: { id: string; reason: AuditChainBreak; detail: string };
}

/** Formats microseconds since 1970-01-01 (UTC) as PostgreSQL's to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US'). */
export function formatAt(micros: bigint): string {
  let ms = micros / 1000n;
  let us = micros % 1000n;
  if (us < 0n) {
    us += 1000n;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}` +
    `T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}` +
    `.${p(d.getUTCMilliseconds(), 3)}${p(Number(us), 3)}`
  );
}

function field(v: string | null): string {
  return v === null ? "|-" : `|${Buffer.byteLength(v, "utf8")}:${v}`;
}

/** The canonical text the row's hash covers (see the definition at the top of this file). */
export function canonicalText(row: AuditChainRow): string {
  return (
    CANONICAL_PREFIX +
    field(row.id) +
    field(formatAt(BigInt(row.atMicros))) +
    field(row.actorId) +
    field(row.action) +
    field(row.entity) +
    field(row.entityId) +
    field(row.regionCode) +
    field(row.before) +
    field(row.after) +
    field(row.prevHash)
  );
}

export function computeHash(row: AuditChainRow): string {
  return crypto.createHash("sha256").update(canonicalText(row), "utf8").digest("hex");
}

/**
 * Checks one row against the row before it in id order (null for the first row); null when it is sound.
 * Checks, in order: both hashes present, the link to the previous row, the row's own hash.
 */
export function checkRow(
  row: AuditChainRow,
  previous: { id: string; hash: string } | null,
): AuditChainResult["firstBroken"] | null {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (row.hash === null || row.prevHash === null)
    return {
      id: row.id,
      reason: "missing hash",
      detail: `row ${row.id} has no ${row.hash === null ? "hash" : "prevHash"}`,
    };
  if (row.prevHash !== expectedPrev)
    return {
      id: row.id,
      reason: "broken link",
      detail: previous
        ? `row ${row.id}: prevHash ${row.prevHash} is not the hash of row ${previous.id}, the row before it (${expectedPrev})`
        : `row ${row.id}: the first row's prevHash is ${row.prevHash}, not ${GENESIS_HASH}`,
    };
  const recomputed = computeHash(row);
  if (recomputed !== row.hash)
    return {
      id: row.id,
      reason: "hash mismatch",
      detail: `row ${row.id}: stored hash ${row.hash}, recomputed ${recomputed}`,
    };
  return null;
}

/** A connection string, a pg Pool (one client is borrowed) or a connected pg Client (not in a transaction). */
export type AuditChainSource = string | pg.Pool | pg.Client;

// Keyset pagination on the primary key: each batch is one index range scan, whatever the table size.
const batchSql = (first: boolean) => `
  SELECT "AuditLog".id::text AS id,
         (extract(epoch FROM at) * 1000000)::bigint::text AS "atMicros",
         "actorId"::text AS "actorId", action, entity, "entityId", "regionCode"::text AS "regionCode",
         before::text AS before, after::text AS after, "prevHash"::text AS "prevHash", hash::text AS hash
    FROM "AuditLog"
   WHERE ${first ? "$1::bigint IS NULL" : "id > $1::bigint"}
   ORDER BY "AuditLog".id
   LIMIT $2::int`;

/**
 * Reads the whole audit log in id order, in batches, recomputing every hash and checking every link;
 * stops at the first broken row. Runs in one read-only REPEATABLE READ transaction, so it checks one
 * consistent snapshot while appends continue.
 */
export async function verifyAuditChain(
  source: AuditChainSource,
  opts: {
    batchSize?: number;
    onProgress?: (checked: number) => void;
    /** Called with every row found sound. */
    onRow?: (row: AuditChainRow) => void;
  } = {},
): Promise<AuditChainResult> {
  const batchSize = opts.batchSize ?? 10_000;
  let client: pg.Client | pg.PoolClient;
  let release: () => Promise<void>;
  if (typeof source === "string") {
    const c = new pg.Client({ connectionString: source });
    await c.connect();
    client = c;
    release = () => c.end();
  } else if (source instanceof pg.Pool) {
    const c = await source.connect();
    client = c;
    release = async () => c.release();
  } else {
    client = source;
    release = async () => {};
  }
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Each batch must be a primary-key range scan even when the table's statistics are stale.
    await client.query("SET LOCAL enable_seqscan = off");
    await client.query("SET LOCAL enable_bitmapscan = off");
    try {
      let checked = 0;
      let last: AuditChainRow | null = null;
      let after: string | null = null;
      for (;;) {
        const { rows }: { rows: AuditChainRow[] } = await client.query<AuditChainRow>(batchSql(after === null), [
          after,
          batchSize,
        ]);
        for (const row of rows) {
          checked++;
          const broken = checkRow(row, last && { id: last.id, hash: last.hash! });
          if (broken) return { checked, ok: false, firstBroken: broken };
          last = row;
          opts.onRow?.(row);
        }
        opts.onProgress?.(checked);
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1].id;
      }
      return { checked, ok: true, head: last ? { id: last.id, hash: last.hash! } : undefined };
    } finally {
      await client.query("ROLLBACK");
    }
  } finally {
    await release();
  }
}
