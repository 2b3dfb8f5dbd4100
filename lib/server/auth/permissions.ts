import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";

// Permissions as data: what each role may do. Scope (which mines) is a separate check in scope.ts.
// Who takes a step of a grading application is not a role's permission but configuration per
// province and level: "application.process" lets a regulator in, then mayAct (application-workflow)
// names the one body that acts.
export const ACTIONS = [
  "mine.read",
  "dashboard.read",
  "spotCheck.record",
  "decision.propose",
  "decision.confirm",
  "accident.record",
  "hiddenDanger.selfReport",
  "application.submit",
  "application.process",
  "finding.reply",
  "audit.read",
  "user.manage",
  "authority.manage",
  "ruleVersion.manage",
  "target.manage",
  "calendar.manage",
  // The mine register (product.md: regulators keep it; ADMIN reads it): mines and their production
  // status, and the enterprises that own them. Where is scope (mine or county in the jurisdiction).
  "mine.register",
  "enterprise.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What every regulator does; which levels a national or provincial one decides is levelsDecidableBy. */
const REGULATOR: readonly Action[] = [
  "mine.read",
  "dashboard.read",
  "spotCheck.record",
  "decision.propose",
  "accident.record",
  "application.process",
  "audit.read",
  "mine.register",
  "enterprise.manage",
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  ADMIN: [
    "mine.read",
    "dashboard.read",
    "audit.read",
    "user.manage",
    "authority.manage",
    "ruleVersion.manage",
    "target.manage",
    "calendar.manage",
  ],
  NATIONAL_REGULATOR: [...REGULATOR, "decision.confirm"],
  // product.md: a province manages the accounts of its local regulators, officials and mine
  // managers, and its own targets; a local regulator its mines' managers. Which accounts exactly
  // is the reach rule (lib/domain/account-reach.ts), which targets the target services.
  PROVINCIAL_REGULATOR: [...REGULATOR, "decision.confirm", "user.manage", "target.manage"],
  LOCAL_REGULATOR: [...REGULATOR, "user.manage"],
  OFFICIAL: ["mine.read", "dashboard.read"],
  MINE_MANAGER: ["mine.read", "hiddenDanger.selfReport", "application.submit", "finding.reply"],
};

export function can(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

/**
 * Which grade levels a role may confirm decisions on or grade (product.md): the national regulator
 * Level 1; a province Levels 2 and 3 (it only proposes for Level 1); nobody else.
 */
export function levelsDecidableBy(role: Role): readonly number[] {
  if (role === "NATIONAL_REGULATOR") return [1];
  if (role === "PROVINCIAL_REGULATOR") return [2, 3];
  return [];
}
