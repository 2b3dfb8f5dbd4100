import "server-only";
import { managesAccounts } from "@/lib/domain/account-reach";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";

/** Which administration pages a caller may open: the navigation offers exactly these, the pages check them again. */
export function adminAreas(caller: Caller) {
  return {
    users: can(caller.role, "user.manage") && managesAccounts(caller.role),
    authorities: can(caller.role, "authority.manage"),
    targets: can(caller.role, "target.manage"),
  };
}
