// A normalised description of a database's schema, read from the Postgres catalogs, so two
// databases can be compared: tables and columns, constraints, indexes and enum types.
import pg from "pg";

export interface CatalogSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  enums: string[];
}

const IGNORED_TABLES = ["_prisma_migrations"];

export async function snapshotCatalog(connectionString: string): Promise<CatalogSnapshot> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    const columns = await c.query<{ line: string }>(
      `SELECT format('%s.%s %s%s%s nullable=%s default=%s', table_name, column_name, udt_name,
                coalesce('(' || character_maximum_length || ')', ''),
                coalesce('(' || numeric_precision || ',' || numeric_scale || ')', ''),
                is_nullable, coalesce(column_default, '-')) AS line
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> ALL($1)
        ORDER BY table_name, column_name`,
      [IGNORED_TABLES],
    );
    const constraints = await c.query<{ line: string }>(
      `SELECT format('%s %s %s', rel.relname, con.conname, pg_get_constraintdef(con.oid)) AS line
         FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND rel.relname <> ALL($1)
        ORDER BY 1`,
      [IGNORED_TABLES],
    );
    const indexes = await c.query<{ line: string }>(
      `SELECT indexdef AS line FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> ALL($1)
        ORDER BY indexname`,
      [IGNORED_TABLES],
    );
    const enums = await c.query<{ line: string }>(
      `SELECT format('%s: %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public'
        GROUP BY t.typname
        ORDER BY t.typname`,
    );
    return {
      columns: columns.rows.map((r) => r.line),
      constraints: constraints.rows.map((r) => r.line),
      indexes: indexes.rows.map((r) => r.line),
      enums: enums.rows.map((r) => r.line),
    };
  } finally {
    await c.end();
  }
}

/** Lines present in one snapshot and not the other, prefixed "- " (only in `a`) and "+ " (only in `b`). */
export function diffCatalogs(a: CatalogSnapshot, b: CatalogSnapshot): string[] {
  const out: string[] = [];
  for (const key of ["enums", "columns", "constraints", "indexes"] as const) {
    const setA = new Set(a[key]);
    const setB = new Set(b[key]);
    for (const line of a[key]) if (!setB.has(line)) out.push(`- ${key}: ${line}`);
    for (const line of b[key]) if (!setA.has(line)) out.push(`+ ${key}: ${line}`);
  }
  return out;
}
