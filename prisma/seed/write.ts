// Writes rows of tables.ts. The seed: one INSERT … SELECT FROM unnest($1::type[], …) per chunk, so a
// chunk of tens of thousands of rows costs one round trip and one parameter per column. The test
// factories: one row at a time, its id from the table's sequence unless given.
import type pg from "pg";
import type { TableSpec } from "./tables";

const CHUNK = 20_000;

type AnyRow = Readonly<Record<string, unknown>>;

export async function insertRows(client: pg.ClientBase, spec: TableSpec, rows: readonly AnyRow[]): Promise<number> {
  const columns = Object.entries(spec.columns);
  const names = columns.map(([n]) => `"${n}"`).join(", ");
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  const sql = `INSERT INTO "${spec.table}" (${names}) SELECT * FROM unnest(${params})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await client.query(
      sql,
      columns.map(([name]) => chunk.map((r) => r[name] ?? null)),
    );
  }
  return rows.length;
}

/** Runs one statement with its parameters and returns its rows (a pg client's or Prisma's raw query). */
export type RunSql = (sql: string, params: unknown[]) => Promise<{ id: number }[]>;

/** Inserts one row and returns its id; a null id is left to the table's sequence. */
export async function insertRow(run: RunSql, spec: TableSpec, row: AnyRow): Promise<number> {
  const columns = Object.entries(spec.columns).filter(([name]) => !(name === "id" && row.id == null));
  const names = columns.map(([n]) => `"${n}"`).join(", ");
  const values = columns.map(([, t], i) => `$${i + 1}::${t}`).join(", ");
  const returning = "id" in spec.columns ? ` RETURNING id` : "";
  const rows = await run(
    `INSERT INTO "${spec.table}" (${names}) VALUES (${values})${returning}`,
    columns.map(([name]) => row[name] ?? null),
  );
  return rows[0]?.id ?? 0;
}

/** Moves every serial sequence past the explicit ids the seed wrote. */
export async function resetSequences(client: pg.ClientBase, tables: string[]): Promise<void> {
  for (const t of tables) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), COALESCE((SELECT MAX(id) FROM "${t}"), 0) + 1, false)`,
    );
  }
}
