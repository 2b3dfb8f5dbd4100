// Permissions as data only mean something when the code asks for them: every action a role may be
// given must be checked with can() somewhere in the app or the server code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, can } from "@/lib/server/auth/permissions";

/** Granted to ADMIN for the administration pages still to come (rule versions), which will check them. */
const AWAITING_THEIR_PAGES = new Set(["ruleVersion.manage"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("permissions", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const code = [...sources(path.join(root, "app")), ...sources(path.join(root, "lib"))]
    .filter((f) => !f.endsWith(path.join("auth", "permissions.ts")) && !f.includes(`${path.sep}generated${path.sep}`))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");

  it("are each checked by some code", () => {
    const unchecked = ACTIONS.filter(
      (action) => !AWAITING_THEIR_PAGES.has(action) && !new RegExp(`can\\([^()]*, "${action}"\\)`).test(code),
    );
    expect(unchecked).toEqual([]);
  });

  it("give the mine register to the regulators and not to ADMIN, officials or managers (product.md, issue 12)", () => {
    const keepers = (
      ["ADMIN", "NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR", "OFFICIAL", "MINE_MANAGER"] as const
    ).filter((role) => can(role, "mine.register") && can(role, "enterprise.manage"));
    expect(keepers).toEqual(["NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR"]);
  });
});
