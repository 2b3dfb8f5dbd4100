import { describe, expect, it } from "vitest";
import { invalidate, scopesOf, TAGS, tagsFor } from "@/lib/server/cache/tags";

describe("cache tags", () => {
  it("a mine's change expires its own entries, the register and the figures of its county and every region above", () => {
    expect(tagsFor({ mines: [{ code: "1402260001", countyCode: "140226" }] }).sort()).toEqual(
      ["inbox", "mine:1402260001", "region:CN", "region:14", "region:1402", "region:140226", "register"].sort(),
    );
  });

  it("leaves other provinces' figures alone", () => {
    const tags = tagsFor({ mines: [{ code: "1402260001", countyCode: "140226" }] });
    expect(tags).not.toContain(TAGS.region("15"));
    expect(tags).not.toContain(TAGS.metrics);
    expect(tags).not.toContain(TAGS.mines);
  });

  it("names each tag once however many mines of a county changed", () => {
    const tags = tagsFor({
      mines: [
        { code: "1402260001", countyCode: "140226" },
        { code: "1402260002", countyCode: "140226" },
      ],
    });
    expect(tags.filter((t) => t === "region:14")).toHaveLength(1);
    expect(tags).toContain("mine:1402260002");
  });

  it("bulk and reference changes use their broad tags", () => {
    expect(tagsFor({ allMetrics: true, allMines: true }).sort()).toEqual(["inbox", "metrics", "mines", "register"]);
    expect(tagsFor({ rules: true })).toEqual(["rules", "inbox"]);
    expect(tagsFor({ reference: true })).toEqual(["reference", "inbox"]);
    expect(tagsFor({ regions: ["15"] }).sort()).toEqual(["inbox", "region:15", "region:CN"]);
  });

  it("every write expires the inbox counts, also one that changed no cached figure (a reply, an objection)", () => {
    expect(tagsFor({})).toEqual(["inbox"]);
  });

  it("the nation's scope is CN, and a scope's ancestors come with it", () => {
    expect(TAGS.region("")).toBe("region:CN");
    expect(scopesOf("140226")).toEqual(["", "14", "1402", "140226"]);
    expect(scopesOf("14")).toEqual(["", "14"]);
  });

  it("outside a Next.js request there is nothing cached to expire, and invalidating does not fail", () => {
    expect(() => invalidate({ mines: [{ code: "1402260001", countyCode: "140226" }] })).not.toThrow();
  });
});
