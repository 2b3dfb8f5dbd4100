import "server-only";
import type { ConsequencePlace } from "@/lib/domain/consequences";
import { LEVELS } from "@/lib/domain/rules";
import type { DbOrTx } from "@/lib/server/db";

/** A lookup of where a mine's grade is, for the consequence table: its province and the levels that province grants. */
export async function consequencePlaces(_db: DbOrTx): Promise<(provinceCode: string) => ConsequencePlace> {
  return (provinceCode) => ({ provinceCode, grantedLevels: LEVELS });
}

export async function consequencePlace(db: DbOrTx, provinceCode: string): Promise<ConsequencePlace> {
  return (await consequencePlaces(db))(provinceCode);
}
