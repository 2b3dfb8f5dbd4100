// Bulk writes for the seed: one INSERT … SELECT FROM unnest($1::type[], …) per chunk, so a chunk of
// tens of thousands of rows costs one round trip and one parameter per column.
import type pg from "pg";

export type ColumnType =
  "int" | "bigint" | "text" | "date" | "timestamp" | "numeric" | "bool" | "jsonb" | `"${string}"`;

export interface TableSpec {
  table: string;
  columns: [name: string, type: ColumnType][];
}

const CHUNK = 20_000;

export async function insertRows(client: pg.ClientBase, spec: TableSpec, rows: unknown[][]): Promise<number> {
  const names = spec.columns.map(([n]) => `"${n}"`).join(", ");
  const params = spec.columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  const sql = `INSERT INTO "${spec.table}" (${names}) SELECT * FROM unnest(${params})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const columns = spec.columns.map((_, c) => chunk.map((r) => r[c] ?? null));
    await client.query(sql, columns);
  }
  return rows.length;
}

/** Moves every serial sequence past the explicit ids the seed wrote. */
export async function resetSequences(client: pg.ClientBase, tables: string[]): Promise<void> {
  for (const t of tables) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), COALESCE((SELECT MAX(id) FROM "${t}"), 0) + 1, false)`,
    );
  }
}
