import "server-only";
import { can } from "./permissions";
import type { Caller } from "./scope";
import { forbidden } from "@/lib/server/errors";

// Who sets which spot-check targets (product.md): ADMIN any (national, a province, a prefecture);
// a provincial regulator its own province's and its prefectures'. Nobody else.

export function requireTargetManager(caller: Caller): void {
  if (!can(caller.role, "target.manage")) throw forbidden();
}

/** Whether the caller may set the target of this region ("" national, 2 digits a province, 4 a prefecture). */
export function maySetTargetOf(caller: Caller, regionCode: string): boolean {
  if (!can(caller.role, "target.manage")) return false;
  if (caller.role === "ADMIN") return true;
  return caller.jurisdiction !== "" && regionCode.startsWith(caller.jurisdiction);
}
