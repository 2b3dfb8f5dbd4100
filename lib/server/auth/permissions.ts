import "server-only";
import { mayConfirmDecision, type AuthorityConfig, type MinePlace } from "@/lib/domain/authority-config";
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
  "ruleVersion.manage",
  "target.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What every regulator does; which decisions a national or provincial one confirms is mayDecide (configuration). */
const REGULATOR: readonly Action[] = [
  "mine.read",
  "dashboard.read",
  "spotCheck.record",
  "decision.propose",
  "accident.record",
  "application.process",
  "audit.read",
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  ADMIN: ["mine.read", "dashboard.read", "audit.read", "user.manage", "ruleVersion.manage", "target.manage"],
  NATIONAL_REGULATOR: [...REGULATOR, "decision.confirm"],
  PROVINCIAL_REGULATOR: [...REGULATOR, "decision.confirm"],
  LOCAL_REGULATOR: REGULATOR,
  OFFICIAL: ["mine.read", "dashboard.read"],
  MINE_MANAGER: ["mine.read", "hiddenDanger.selfReport", "application.submit", "finding.reply"],
};

export function can(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

/**
 * Whether the caller confirms (or withdraws) a decision on a grade of `level` at the mine: the body the
 * decision-authority configuration names as confirmer (ProvinceGradingConfig; by default the province,
 * also for Level 1, whose decisions NMSA publishes: rules-evidence.md [D]), acting in exactly its region.
 */
export function mayDecide(
  caller: { role: Role; jurisdiction: string; mineId: number | null },
  config: AuthorityConfig,
  mine: MinePlace,
  level: number,
): boolean {
  return can(caller.role, "decision.confirm") && mayConfirmDecision(caller, config, mine, level);
}
