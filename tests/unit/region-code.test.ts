// GB/T 2260 region codes (issue 11, item 3): one module reads them, and every form of the rule the
// portal needs (which codes are valid, the level a code names, the Mine column it is compared with,
// the regions above it) is checked here.
import { describe, expect, it } from "vitest";
import {
  childLevel,
  isRegionCode,
  isScope,
  placeOfCounty,
  prefectureOf,
  provinceOf,
  regionColumn,
  regionLevel,
  regionPath,
  targetChain,
} from "@/lib/domain/region-code";

describe("region codes", () => {
  it("accepts 2, 4 and 6 digits, and a scope may also be empty (national)", () => {
    for (const code of ["14", "1402", "140226"]) {
      expect(isRegionCode(code)).toBe(true);
      expect(isScope(code)).toBe(true);
    }
    for (const bad of ["1", "140", "14022", "1402260", "14a2", " 14", "14\n"]) {
      expect(isRegionCode(bad)).toBe(false);
      expect(isScope(bad)).toBe(false);
    }
    expect(isRegionCode("")).toBe(false);
    expect(isScope("")).toBe(true);
  });

  it("reads the level from the length and maps it to the Mine column", () => {
    expect([regionLevel("14"), regionLevel("1402"), regionLevel("140226")]).toEqual([
      "PROVINCE",
      "PREFECTURE",
      "COUNTY",
    ]);
    expect([regionColumn("14"), regionColumn("1402"), regionColumn("140226")]).toEqual([
      "provinceCode",
      "prefectureCode",
      "countyCode",
    ]);
    expect(() => regionLevel("140")).toThrow(RangeError);
    expect(() => regionLevel("")).toThrow(RangeError);
  });

  it("names the level below a scope", () => {
    expect(["", "14", "1402", "140226"].map(childLevel)).toEqual(["PROVINCE", "PREFECTURE", "COUNTY", null]);
  });

  it("finds the regions above a code by its prefixes", () => {
    expect(provinceOf("140226")).toBe("14");
    expect(prefectureOf("140226")).toBe("1402");
    expect(placeOfCounty("140226")).toEqual({ provinceCode: "14", prefectureCode: "1402", countyCode: "140226" });
    expect(() => placeOfCounty("1402")).toThrow(RangeError);
    expect(regionPath("140226")).toEqual(["14", "1402", "140226"]);
    expect(regionPath("14")).toEqual(["14"]);
    expect(regionPath("")).toEqual([]);
  });

  it("orders the target chain from the scope itself to national", () => {
    expect(targetChain("")).toEqual([""]);
    expect(targetChain("14")).toEqual(["14", ""]);
    expect(targetChain("1402")).toEqual(["1402", "14", ""]);
    expect(targetChain("140226")).toEqual(["140226", "14", ""]);
  });
});
