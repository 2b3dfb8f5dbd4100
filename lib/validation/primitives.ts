// Checks shared by the schemas for what PostgreSQL would otherwise refuse with an error (a 500):
// NUL characters in text, and ids beyond a 32-bit integer column.

/** PostgreSQL text cannot hold U+0000 (NUL): such text is refused as invalid before it reaches the database. */
export function hasNoNul(value: string): boolean {
  return !value.includes("\u0000");
}

/** The largest id of an Int (serial) column. */
export const MAX_ID = 2_147_483_647;
