// product.md's "Roles and what each may do", transcribed as data for the authorization matrix.
// Deliberately independent of lib/server/auth/permissions.ts: the matrix checks the running
// portal against the specification, not the code against itself.

export const ROLES = [
  "ADMIN",
  "NATIONAL_REGULATOR",
  "PROVINCIAL_REGULATOR",
  "LOCAL_REGULATOR",
  "OFFICIAL",
  "MINE_MANAGER",
  "PUBLIC",
] as const;
export type Role = (typeof ROLES)[number];

/** The demo account of each role (product.md "Demo data"); PUBLIC is no login at all. */
export const ACCOUNTS: Record<Exclude<Role, "PUBLIC">, { email: string; jurisdiction: string }> = {
  ADMIN: { email: "admin@demo.test", jurisdiction: "" },
  NATIONAL_REGULATOR: { email: "nmsa@demo.test", jurisdiction: "" },
  PROVINCIAL_REGULATOR: { email: "shanxi@demo.test", jurisdiction: "14" },
  LOCAL_REGULATOR: { email: "datong@demo.test", jurisdiction: "1402" },
  OFFICIAL: { email: "official@demo.test", jurisdiction: "" },
  MINE_MANAGER: { email: "manager@demo.test", jurisdiction: "140226" },
};
export const MANAGER_MINE_CODE = "1402260001";
export const DEMO_PASSWORD = "demo-password";

/**
 * What a role may do, by capability. Reads and writes follow the table in product.md; each
 * capability is further limited to the role's scope (its jurisdiction prefix, or its own mine).
 */
export type Capability =
  | "read.mine" // registry, mine profile, timeline, spot-check detail (portal)
  | "read.dashboard"
  | "read.audit"
  | "read.applications"
  | "read.decisions"
  // The decision queue (/decisions: proposals to confirm or withdraw, the stopped-mine scan). product.md
  // is silent on such a page; we chose: it is a work page of those who propose or confirm decisions
  // (the regulators). Everyone with read.decisions reads a mine's decisions on its profile (regulators,
  // ADMIN and OFFICIAL also proposals; a manager the final ones) and the final ones on the register.
  | "work.decisions"
  | "read.public" // announced grades, open notices, final decisions
  | "write.spotCheck" // record (form or import), amend, accidents found on inspection
  | "write.proposeDecision"
  // Confirming (or withdrawing) a proposed decision on a grade of that level. product.md leaves it to the
  // decision-authority configuration; its defaults (rules-evidence.md [D]): the province confirms at every
  // level, NMSA publishes Level 1 decisions and confirms none.
  | "write.confirmDecision.level1"
  | "write.confirmDecision.level23"
  | "write.processApplication" // initial review / assessment / notice / announcement per level and role
  | "write.selfAssessment" // self-assessment, grade application, hidden-danger self-report
  | "write.reply"
  | "write.objection"
  // Issue 13.9: China's working-day calendar is rule data, which product.md gives ADMIN ("rule versions").
  | "write.calendar"
  // ---- issue 12, administration (users, authorities, spot-check targets) ----
  // product.md: ADMIN writes user accounts, authorities and targets; a province the accounts of its
  // local regulators, officials and mine managers and its own targets; a local regulator its mines'
  // managers' accounts. Which accounts and targets exactly (reach) is checked per case.
  | "manage.users"
  | "manage.authorities"
  | "manage.targets"
  // --- Issue 12, the mine register (product.md: "the mine register (mines, enterprises, production
  // status)" is written by the national regulator anywhere, the provincial and local regulators in
  // their jurisdiction; ADMIN reads it only, officials and managers do not write it).
  | "write.register"
  // Issue 12.3: rule versions (clone, edit a draft, publish): product.md gives rule versions to ADMIN.
  | "write.ruleVersion"
  // Issue 15.3: the scheduled jobs (/admin/jobs: their runs, and "run now") are the administrator's.
  | "run.jobs";

export const CAPABILITIES: Record<Role, readonly Capability[]> = {
  ADMIN: [
    "read.mine",
    "read.dashboard",
    "read.audit",
    "read.applications",
    "read.decisions",
    "read.public",
    // product.md gives objections to the public (no login) and is silent on signed-in users: every one
    // of them is also the public, so, as for every other role, an admin may object during a notice.
    "write.objection",
    "write.calendar",
    "write.ruleVersion",
    "run.jobs",
    "manage.users",
    "manage.authorities",
    "manage.targets",
  ],
  NATIONAL_REGULATOR: [
    "read.mine",
    "read.dashboard",
    "read.audit",
    "read.applications",
    "read.decisions",
    "work.decisions",
    "read.public",
    "write.spotCheck",
    "write.proposeDecision",
    "write.processApplication",
    "write.objection",
    "write.register", // issue 12
  ],
  PROVINCIAL_REGULATOR: [
    "read.mine",
    "read.dashboard",
    "read.audit",
    "read.applications",
    "read.decisions",
    "work.decisions",
    "read.public",
    "write.spotCheck",
    "write.proposeDecision",
    "write.confirmDecision.level1",
    "write.confirmDecision.level23",
    "write.processApplication",
    "write.objection",
    "manage.users",
    "manage.targets",
    "write.register", // issue 12
  ],
  LOCAL_REGULATOR: [
    "read.mine",
    "read.dashboard",
    "read.audit",
    "read.applications",
    "read.decisions",
    "work.decisions",
    "read.public",
    "write.spotCheck",
    "write.proposeDecision",
    "write.processApplication",
    "write.objection",
    "manage.users",
    "write.register", // issue 12
  ],
  OFFICIAL: ["read.mine", "read.dashboard", "read.decisions", "read.public", "write.objection"],
  MINE_MANAGER: [
    "read.mine",
    "read.applications",
    "read.decisions",
    "read.public",
    "write.selfAssessment",
    "write.reply",
    "write.objection",
  ],
  PUBLIC: ["read.public", "write.objection"],
};

export function may(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/** Whether a mine (by its 10-digit code, whose first 6 digits are the county) is in the role's scope. */
export function inScope(role: Role, mineCode: string): boolean {
  if (role === "PUBLIC") return false;
  if (role === "MINE_MANAGER") return mineCode === MANAGER_MINE_CODE;
  return mineCode.startsWith(ACCOUNTS[role].jurisdiction);
}

// ---- issue 12, administration ----

/**
 * product.md: whose accounts each role manages (ADMIN every account; a province its local
 * regulators, officials and mine managers; a local regulator its mines' managers), always inside
 * its own jurisdiction: nobody gives an account more reach than their own.
 */
export const MANAGES_ACCOUNTS: Record<Role, readonly Exclude<Role, "PUBLIC">[]> = {
  ADMIN: ["ADMIN", "NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"],
  NATIONAL_REGULATOR: [],
  PROVINCIAL_REGULATOR: ["LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"],
  LOCAL_REGULATOR: ["MINE_MANAGER"],
  OFFICIAL: [],
  MINE_MANAGER: [],
  PUBLIC: [],
};

/** Whether `role` (its demo account) may create or manage an account of `target` role with `jurisdiction`. */
export function mayManageAccountOf(role: Role, target: Exclude<Role, "PUBLIC">, jurisdiction: string): boolean {
  if (role === "PUBLIC" || !may(role, "manage.users")) return false;
  return MANAGES_ACCOUNTS[role].includes(target) && jurisdiction.startsWith(ACCOUNTS[role].jurisdiction);
}
