import "server-only";
import {
  mayConfirmDecision,
  mayProposeDecision,
  proposesAnywhere,
  type AuthorityConfig,
  type MinePlace,
} from "@/lib/domain/authority-config";
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
  // The scheduled jobs (/admin/jobs): read their runs and run one now.
  "job.run",
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
    "job.run",
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

/**
 * Whether the caller proposes (by hand) a decision on a grade of `level` at the mine: the body the
 * configuration names as proposer (ProvinceGradingConfig.proposerKind; by default the prefecture), acting
 * in exactly its region. A trigger's proposal is made in that body's name whoever recorded the event.
 */
export function mayPropose(
  caller: { role: Role; jurisdiction: string; mineId: number | null },
  config: AuthorityConfig,
  mine: MinePlace,
  level: number,
): boolean {
  return can(caller.role, "decision.propose") && mayProposeDecision(caller, config, mine, level);
}

/** Whether the caller proposes decisions at some level in its jurisdiction (what the decision queue offers it). */
export function mayProposeSomewhere(
  caller: { role: Role; jurisdiction: string; mineId: number | null },
  config: AuthorityConfig,
): boolean {
  return can(caller.role, "decision.propose") && proposesAnywhere(caller, config);
}
