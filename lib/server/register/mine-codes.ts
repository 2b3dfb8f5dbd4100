import "server-only";
import type { DbOrTx, Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";

// A mine's code is its county's GB/T 2260 code and a four-digit sequence within the county
// (1402260001). The register offers the next free sequence or takes one typed in; codes are unique.

const LAST_SEQUENCE = 9999;

/** The next free sequence per county (only counties that have mines; any other starts at 0001). */
export async function nextSequences(db: DbOrTx, countyCodes: readonly string[]): Promise<Map<string, string>> {
  if (countyCodes.length === 0) return new Map();
  const rows = await db.$queryRaw<{ countyCode: string; max: number | null }[]>`
    SELECT "countyCode", max(substring(code FROM 7)::int) AS max
      FROM "Mine"
     WHERE "countyCode" = ANY(${[...countyCodes]}::text[]) AND code ~ '^[0-9]{10}$'
     GROUP BY "countyCode"`;
  const out = new Map<string, string>();
  for (const r of rows) {
    const next = (r.max ?? 0) + 1;
    if (next <= LAST_SEQUENCE) out.set(r.countyCode, pad(next));
    else out.set(r.countyCode, "");
  }
  return out;
}

const pad = (n: number) => String(n).padStart(4, "0");

/**
 * The code a new mine of `countyCode` gets: `sequence` when given and free, else the county's next
 * free one. Registrations in one county take turns (a transaction-scoped advisory lock), so two at
 * once never pick the same number; the unique index is the last word.
 */
export async function allocateMineCode(tx: Tx, countyCode: string, sequence: string): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mine-code:${countyCode}`}))`;
  if (sequence !== "") {
    const code = `${countyCode}${sequence}`;
    const taken = await tx.mine.findUnique({ where: { code }, select: { id: true } });
    if (taken) throw new ServiceError("CONFLICT", "validation", { sequence: "mineCodeTaken" }, { code });
    return code;
  }
  const next = (await nextSequences(tx, [countyCode])).get(countyCode) ?? pad(1);
  if (next === "") throw new ServiceError("CONFLICT", "validation", { sequence: "sequenceExhausted" });
  return `${countyCode}${next}`;
}
