import "server-only";
import { isRegionCode, regionColumn } from "@/lib/domain/region-code";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export interface Caller {
  id: number;
  email: string;
  name: string;
  role: Role;
  jurisdiction: string;
  mineId: number | null;
}

/** Roles whose jurisdiction prefix limits what they see; an empty prefix means the whole country. */
const REGIONAL: readonly Role[] = [
  "PROVINCIAL_REGULATOR",
  "LOCAL_REGULATOR",
  "OFFICIAL",
  "NATIONAL_REGULATOR",
  "ADMIN",
];

/** The Prisma filter for the mines a caller may read. Every mine read goes through it. */
export function mineScope(caller: Caller): Prisma.MineWhereInput {
  if (caller.role === "MINE_MANAGER") return { id: caller.mineId ?? -1 };
  if (!REGIONAL.includes(caller.role)) return { id: -1 };
  return regionFilter(caller.jurisdiction);
}

/** Mines under a GB/T 2260 prefix, as an indexed equality on the matching code column. */
export function regionFilter(prefix: string): Prisma.MineWhereInput {
  if (prefix === "") return {};
  // A malformed prefix (never stored: jurisdictions are validated) matches no mine rather than failing.
  if (!isRegionCode(prefix)) return { id: -1 };
  return { [regionColumn(prefix)]: prefix };
}

/** Whether a region prefix lies inside the caller's jurisdiction (used for scope parameters). */
export function regionInScope(caller: Caller, prefix: string): boolean {
  if (caller.role === "MINE_MANAGER") return false;
  return prefix.startsWith(caller.jurisdiction);
}
