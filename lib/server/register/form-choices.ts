import "server-only";
import { enterpriseChoices } from "@/lib/server/data/register";
import type { Caller } from "@/lib/server/auth/scope";
import type { Db } from "@/lib/server/db";
import { COMBUSTION_CLASSES, GAS_GRADES, HYDRO_TYPES, MINE_TYPES } from "@/lib/validation/mine-register";

/** What the mine form's selects offer: the enums, and the enterprises. */
export async function mineFormChoices(caller: Caller, opts: { db?: Db } = {}) {
  return {
    mineTypes: MINE_TYPES,
    gasGrades: GAS_GRADES,
    hydroTypes: HYDRO_TYPES,
    combustionClasses: COMBUSTION_CLASSES,
    enterprises: await enterpriseChoices(caller, opts),
  };
}
