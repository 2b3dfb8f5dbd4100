import "server-only";
import type { ValidRow } from "@/lib/import/spot-check-rows";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import type { Tx } from "@/lib/server/db";

/** Rows per INSERT … SELECT FROM unnest(): each statement has one array parameter per column. */
const CHUNK = 5_000;
const SCORE_CHUNK = 50_000;
const HIDDEN_DANGER_TEXT = "重大事故隐患（由抽查批量导入记录） / Major hidden danger (recorded by spot-check import)";

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Ids for `n` new rows of `table`, taken from its serial sequence, so that rows can refer to each other before insertion. */
async function nextIds(tx: Tx, table: "Scoresheet" | "SpotCheck", n: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT nextval(pg_get_serial_sequence(${`"${table}"`}, 'id'))::int AS id FROM generate_series(1, ${n}::int)`;
  return rows.map((r) => r.id);
}

/**
 * Inserts the score sheets, element scores, spot-checks and hidden dangers; returns the spot-check ids
 * in row order. Prisma's createMany spends about 0.25 ms of JavaScript per row (measured: 38 s for the
 * 150,000 element scores of 10,000 rows, 5–9 s each for 10,000 sheets and spot-checks), so the rows go
 * in as INSERT … SELECT FROM unnest(), one array parameter per column, as the seed writes them: the
 * whole write takes a few seconds. Ids come from the tables' sequences first, so nothing depends on
 * the order in which RETURNING gives rows back. tests/integration/import.test.ts checks every column.
 */
export async function writeImportedSpotChecks(tx: Tx, caller: Caller, rows: ValidRow[]): Promise<number[]> {
  const authority = await authorityOf(tx, caller);
  const ruleVersionIds = new Map(
    (await tx.ruleVersion.findMany({ select: { id: true, code: true } })).map((v) => [v.code, v.id]),
  );
  const scoresheetIds = await nextIds(tx, "Scoresheet", rows.length);
  const spotCheckIds = await nextIds(tx, "SpotCheck", rows.length);
  const indexed = rows.map((v, i) => ({ v, scoresheetId: scoresheetIds[i], spotCheckId: spotCheckIds[i] }));

  for (const chunk of chunks(indexed, CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "Scoresheet" ("id", "mineId", "ruleVersionId", "kind", "mineType", "total", "level")
      SELECT id, mine, rv, 'SPOT_CHECK', type::"MineType", total, level
      FROM unnest(
        ${chunk.map((c) => c.scoresheetId)}::int[],
        ${chunk.map((c) => c.v.mine.id)}::int[],
        ${chunk.map((c) => ruleVersionIds.get(c.v.rules.code)!)}::int[],
        ${chunk.map((c) => c.v.mine.type)}::text[],
        ${chunk.map((c) => c.v.result.total ?? 0)}::numeric[],
        ${chunk.map((c) => c.v.result.level)}::int[]
      ) AS t(id, mine, rv, type, total, level)`;
  }

  const scores = indexed.flatMap(({ v, scoresheetId }) =>
    Object.entries(v.scores).map(([elementCode, score]) => ({ scoresheetId, elementCode, score })),
  );
  for (const chunk of chunks(scores, SCORE_CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "ElementScore" ("scoresheetId", "elementCode", "score", "notApplicable")
      SELECT * FROM unnest(
        ${chunk.map((s) => s.scoresheetId)}::int[],
        ${chunk.map((s) => s.elementCode)}::text[],
        ${chunk.map((s) => s.score)}::numeric[],
        ${chunk.map((s) => s.score === null)}::bool[]
      )`;
  }

  for (const chunk of chunks(indexed, CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "SpotCheck"
        ("id", "mineId", "checkedOn", "type", "status", "authorityId", "team", "scoresheetId", "conclusion", "createdById")
      SELECT id, mine, checked, type::"SpotCheckType", 'COMPLETED', ${authority.id}::int, team, sheet,
        conclusion::"SpotCheckConclusion", ${caller.id}::int
      FROM unnest(
        ${chunk.map((c) => c.spotCheckId)}::int[],
        ${chunk.map((c) => c.v.mine.id)}::int[],
        ${chunk.map((c) => c.v.checkedOn)}::date[],
        ${chunk.map((c) => c.v.type)}::text[],
        ${chunk.map((c) => c.v.team)}::text[],
        ${chunk.map((c) => c.scoresheetId)}::int[],
        ${chunk.map((c) => c.v.conclusion)}::text[]
      ) AS t(id, mine, checked, type, team, sheet, conclusion)`;
  }

  const dangers = indexed.flatMap(({ v, spotCheckId }) =>
    Array.from({ length: v.hiddenDangers }, () => ({ mineId: v.mine.id, foundOn: v.checkedOn, spotCheckId })),
  );
  for (const chunk of chunks(dangers, SCORE_CHUNK)) {
    await tx.$executeRaw`
      INSERT INTO "HiddenDanger" ("mineId", "source", "foundOn", "description", "spotCheckId", "reportedById")
      SELECT mine, 'REGULATOR', found, ${HIDDEN_DANGER_TEXT}, check_id, ${caller.id}::int
      FROM unnest(
        ${chunk.map((d) => d.mineId)}::int[],
        ${chunk.map((d) => d.foundOn)}::date[],
        ${chunk.map((d) => d.spotCheckId)}::int[]
      ) AS t(mine, found, check_id)`;
  }
  return spotCheckIds;
}
