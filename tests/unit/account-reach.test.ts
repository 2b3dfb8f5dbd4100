import { describe, expect, it } from "vitest";
import { jurisdictionFitsRole, managesAccounts, mayChangeAccount, mayManageAccount } from "@/lib/domain/account-reach";
import { Role } from "@/lib/generated/prisma/enums";

const ROLES = Object.values(Role);
// National; Shanxi, a Datong prefecture and county; a neighbouring prefecture; another province; malformed.
const PLACES = [
  "",
  "14",
  "1402",
  "140226",
  "140227",
  "1404",
  "140403",
  "15",
  "1502",
  "150202",
  "1",
  "140",
  "14022",
  "14a2",
  "1402260",
];

/** product.md, stated afresh for the test: which roles each role manages, and whether inside its area. */
const SPEC: Record<Role, Role[]> = {
  ADMIN: [...ROLES],
  NATIONAL_REGULATOR: [],
  PROVINCIAL_REGULATOR: ["LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"],
  LOCAL_REGULATOR: ["MINE_MANAGER"],
  OFFICIAL: [],
  MINE_MANAGER: [],
};

function shapeOk(role: Role, j: string): boolean {
  if (!/^\d*$/.test(j)) return false;
  switch (role) {
    case "ADMIN":
    case "NATIONAL_REGULATOR":
      return j === "";
    case "PROVINCIAL_REGULATOR":
      return j.length === 2;
    case "LOCAL_REGULATOR":
      return j.length === 4 || j.length === 6;
    case "OFFICIAL":
      return [0, 2, 4, 6].includes(j.length);
    case "MINE_MANAGER":
      return j.length === 6;
  }
}

// Actors as they exist: each role at each place its shape allows.
const ACTORS = ROLES.flatMap((role) =>
  PLACES.filter((p) => shapeOk(role, p)).map((jurisdiction) => ({ role, jurisdiction })),
);
const TARGETS = ROLES.flatMap((role) => PLACES.map((jurisdiction) => ({ role, jurisdiction })));

describe("account reach", () => {
  it("every actor × every target account follows product.md's roles table", () => {
    let cases = 0;
    for (const actor of ACTORS)
      for (const target of TARGETS) {
        const expected =
          SPEC[actor.role].includes(target.role) &&
          shapeOk(target.role, target.jurisdiction) &&
          target.jurisdiction.startsWith(actor.jurisdiction);
        expect(mayManageAccount(actor, target), `${JSON.stringify(actor)} → ${JSON.stringify(target)}`).toBe(expected);
        cases++;
      }
    expect(cases).toBe(ACTORS.length * TARGETS.length);
  });

  it("no actor may give an account more reach than its own", () => {
    const rank: Record<Role, number> = {
      ADMIN: 5,
      NATIONAL_REGULATOR: 4,
      PROVINCIAL_REGULATOR: 3,
      LOCAL_REGULATOR: 2,
      OFFICIAL: 1,
      MINE_MANAGER: 0,
    };
    for (const actor of ACTORS)
      for (const target of TARGETS)
        if (mayManageAccount(actor, target)) {
          expect(target.jurisdiction.startsWith(actor.jurisdiction)).toBe(true);
          if (actor.role !== "ADMIN") expect(rank[target.role]).toBeLessThan(rank[actor.role]);
        }
  });

  it("a provincial regulator cannot manage another province's accounts, nor regulators of its own rank", () => {
    const shanxi = { role: "PROVINCIAL_REGULATOR" as const, jurisdiction: "14" };
    expect(mayManageAccount(shanxi, { role: "LOCAL_REGULATOR", jurisdiction: "1402" })).toBe(true);
    expect(mayManageAccount(shanxi, { role: "LOCAL_REGULATOR", jurisdiction: "1502" })).toBe(false);
    expect(mayManageAccount(shanxi, { role: "PROVINCIAL_REGULATOR", jurisdiction: "14" })).toBe(false);
    expect(mayManageAccount(shanxi, { role: "OFFICIAL", jurisdiction: "" })).toBe(false);
    expect(mayManageAccount(shanxi, { role: "OFFICIAL", jurisdiction: "14" })).toBe(true);
  });

  it("a local regulator manages only mine managers of its area", () => {
    const datong = { role: "LOCAL_REGULATOR" as const, jurisdiction: "1402" };
    expect(mayManageAccount(datong, { role: "MINE_MANAGER", jurisdiction: "140226" })).toBe(true);
    expect(mayManageAccount(datong, { role: "MINE_MANAGER", jurisdiction: "140402" })).toBe(false);
    expect(mayManageAccount(datong, { role: "OFFICIAL", jurisdiction: "1402" })).toBe(false);
    expect(mayManageAccount(datong, { role: "LOCAL_REGULATOR", jurisdiction: "140226" })).toBe(false);
  });

  it("a change must be within reach both before and after", () => {
    const shanxi = { role: "PROVINCIAL_REGULATOR" as const, jurisdiction: "14" };
    const local = { role: "LOCAL_REGULATOR" as const, jurisdiction: "1402" };
    expect(mayChangeAccount(shanxi, local, { role: "LOCAL_REGULATOR", jurisdiction: "1404" })).toBe(true);
    // Widening to the province's own rank, or moving out of the province, is refused.
    expect(mayChangeAccount(shanxi, local, { role: "PROVINCIAL_REGULATOR", jurisdiction: "14" })).toBe(false);
    expect(mayChangeAccount(shanxi, local, { role: "LOCAL_REGULATOR", jurisdiction: "1502" })).toBe(false);
    // An account outside the province cannot be pulled in either.
    expect(mayChangeAccount(shanxi, { role: "LOCAL_REGULATOR", jurisdiction: "1502" }, local)).toBe(false);
  });

  it("shapes: national roles have no prefix, a province two digits, a manager a county", () => {
    expect(jurisdictionFitsRole("ADMIN", "")).toBe(true);
    expect(jurisdictionFitsRole("NATIONAL_REGULATOR", "14")).toBe(false);
    expect(jurisdictionFitsRole("PROVINCIAL_REGULATOR", "1402")).toBe(false);
    expect(jurisdictionFitsRole("MINE_MANAGER", "1402")).toBe(false);
    expect(jurisdictionFitsRole("OFFICIAL", "14a2")).toBe(false);
    expect(ROLES.filter(managesAccounts).sort()).toEqual(["ADMIN", "LOCAL_REGULATOR", "PROVINCIAL_REGULATOR"]);
  });
});
