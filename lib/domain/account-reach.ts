// Who may manage which user account (product.md, "Roles and what each may do"): ADMIN every
// account; a provincial regulator local regulators, officials and mine managers inside its
// province; a local regulator mine managers inside its area. Nobody can create or change an account
// to have more reach than their own. Pure, so the rule is tested exhaustively without a database
// (tests/unit/account-reach.test.ts); services apply it to both the account as it is and as it
// would become.
import type { Role } from "@/lib/generated/prisma/enums";

/** An account's reach: its role and its GB/T 2260 jurisdiction prefix ("" national). */
export interface AccountReach {
  role: Role;
  jurisdiction: string;
}

/** The roles each role may create and manage (accounts of other roles are out of its reach). */
export const MANAGED_ROLES: Record<Role, readonly Role[]> = {
  ADMIN: ["ADMIN", "NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"],
  NATIONAL_REGULATOR: [],
  PROVINCIAL_REGULATOR: ["LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"],
  LOCAL_REGULATOR: ["MINE_MANAGER"],
  OFFICIAL: [],
  MINE_MANAGER: [],
};

/**
 * The jurisdiction lengths a role's account may have: national roles none; a provincial
 * regulator a province; a local regulator a prefecture or county; an official any level; a mine
 * manager the county of its mine.
 */
export const JURISDICTION_LENGTHS: Record<Role, readonly number[]> = {
  ADMIN: [0],
  NATIONAL_REGULATOR: [0],
  PROVINCIAL_REGULATOR: [2],
  LOCAL_REGULATOR: [4, 6],
  OFFICIAL: [0, 2, 4, 6],
  MINE_MANAGER: [6],
};

/** Whether a jurisdiction is a well-formed region prefix for the role (digits only, of an allowed length). */
export function jurisdictionFitsRole(role: Role, jurisdiction: string): boolean {
  return /^\d*$/.test(jurisdiction) && JURISDICTION_LENGTHS[role].includes(jurisdiction.length);
}

/** Whether `actor` may manage an account with this reach (existing, or as it would be after a change). */
export function mayManageAccount(actor: AccountReach, target: AccountReach): boolean {
  if (!MANAGED_ROLES[actor.role].includes(target.role)) return false;
  if (!jurisdictionFitsRole(target.role, target.jurisdiction)) return false;
  return target.jurisdiction.startsWith(actor.jurisdiction);
}

/** Whether an actor may manage user accounts at all (and so sees the users pages). */
export function managesAccounts(role: Role): boolean {
  return MANAGED_ROLES[role].length > 0;
}

/** Whether a change of an account from `before` to `after` stays within the actor's reach at both ends. */
export function mayChangeAccount(actor: AccountReach, before: AccountReach, after: AccountReach): boolean {
  return mayManageAccount(actor, before) && mayManageAccount(actor, after);
}
