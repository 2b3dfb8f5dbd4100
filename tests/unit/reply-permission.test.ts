// The right to reply (issue 11, item 4): one rule, canReplyTo(), for the pages and the service.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { canReplyTo, mayReply } from "@/lib/server/auth/reply-permission";

const manager = { role: "MINE_MANAGER" as Role, mineId: 5 };
const finding = { kind: "finding", mineId: 5, spotCheckStatus: "COMPLETED" } as const;
const decision = { kind: "decision", mineId: 5, decisionStatus: "CONFIRMED" } as const;

describe("canReplyTo", () => {
  it("lets a mine's manager reply to a completed spot-check's finding and a confirmed decision of the mine", () => {
    expect(canReplyTo(manager, finding)).toBe(true);
    expect(canReplyTo(manager, decision)).toBe(true);
  });

  it("refuses another mine's records, drafts, proposals and withdrawn decisions", () => {
    expect(canReplyTo(manager, { ...finding, mineId: 6 })).toBe(false);
    expect(canReplyTo(manager, { ...decision, mineId: 6 })).toBe(false);
    expect(canReplyTo(manager, { ...finding, spotCheckStatus: "DRAFT" })).toBe(false);
    expect(canReplyTo(manager, { ...decision, decisionStatus: "PROPOSED" })).toBe(false);
    expect(canReplyTo(manager, { ...decision, decisionStatus: "WITHDRAWN" })).toBe(false);
  });

  it("refuses every other role, and a manager without a mine", () => {
    const others: Role[] = ["ADMIN", "NATIONAL_REGULATOR", "PROVINCIAL_REGULATOR", "LOCAL_REGULATOR", "OFFICIAL"];
    for (const role of others) {
      expect(mayReply({ role, mineId: 5 })).toBe(false);
      expect(canReplyTo({ role, mineId: 5 }, finding)).toBe(false);
      expect(canReplyTo({ role, mineId: 5 }, decision)).toBe(false);
    }
    expect(mayReply({ role: "MINE_MANAGER", mineId: null })).toBe(false);
    expect(canReplyTo({ role: "MINE_MANAGER", mineId: null }, finding)).toBe(false);
  });
});

describe("the right to reply", () => {
  it("is decided by canReplyTo alone: nothing else checks the finding.reply permission", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
    const deciders = ["app", "components", "lib"]
      .flatMap(files)
      .filter((f) => /\.tsx?$/.test(f) && f !== "lib/server/auth/reply-permission.ts")
      .filter((f) => /can\([^)]*"finding\.reply"\)/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(deciders).toEqual([]);
  });
});
