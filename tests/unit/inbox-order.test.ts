import { describe, expect, it } from "vitest";
import { addDays, compareItems, isInboxKind, isOverdue, MANAGER_KINDS, REGULATOR_KINDS } from "@/lib/domain/inbox";

const item = (key: string, since: string, deadline: string | null) => ({ key, since, deadline });

describe("the inbox's order and dates", () => {
  it("puts the soonest deadline first, items without one last, then the longest waiting", () => {
    const items = [
      item("a", "2026-12-01", null),
      item("b", "2026-11-01", null),
      item("c", "2026-12-05", "2026-12-20"),
      item("d", "2026-10-01", "2026-12-31"),
      item("e", "2026-11-15", "2026-12-20"),
    ];
    expect([...items].sort(compareItems).map((i) => i.key)).toEqual(["e", "c", "d", "b", "a"]);
  });

  it("is overdue only after the last day", () => {
    expect(isOverdue("2026-12-05", "2026-12-06")).toBe(true);
    expect(isOverdue("2026-12-06", "2026-12-06")).toBe(false);
    expect(isOverdue(null, "2026-12-06")).toBe(false);
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-06", 180)).toBe("2027-06-04");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("knows its kinds, and nothing else", () => {
    for (const k of [...REGULATOR_KINDS, ...MANAGER_KINDS]) expect(isInboxKind(k)).toBe(true);
    for (const k of ["", "__proto__", "toString", "PROPOSAL", ["proposal"], undefined])
      expect(isInboxKind(k)).toBe(false);
  });
});
