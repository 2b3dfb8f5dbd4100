// English region names (issue 11, item 25): the English interface shows no Chinese place names. The
// region data's own English names are kept; every other region gets the pinyin of its name.
import { describe, expect, it } from "vitest";
import { englishRegionName } from "@/prisma/seed/region-names";
import { loadGeography } from "@/prisma/seed/regions";

describe("englishRegionName", () => {
  it("romanises the stem and translates the kind of division", () => {
    expect(englishRegionName("左云县", "COUNTY")).toBe("Zuoyun County");
    expect(englishRegionName("平城区", "COUNTY")).toBe("Pingcheng District");
    expect(englishRegionName("古交市", "COUNTY")).toBe("Gujiao City");
    expect(englishRegionName("鄂托克前旗", "COUNTY")).toBe("Etuokeqian Banner");
    expect(englishRegionName("大通回族土族自治县", "COUNTY")).toBe("Datong Autonomous County");
    expect(englishRegionName("延边朝鲜族自治州", "PREFECTURE")).toBe("Yanbian Autonomous Prefecture");
    expect(englishRegionName("太原市", "PREFECTURE")).toBe("Taiyuan");
    expect(englishRegionName("重庆市县", "PREFECTURE")).toBe("Chongqing Counties");
  });

  it("writes syllables the way place names are written", () => {
    expect(englishRegionName("长安区", "COUNTY")).toBe("Chang'an District");
    expect(englishRegionName("六安市", "PREFECTURE")).toBe("Lu'an");
    expect(englishRegionName("城区", "COUNTY")).toBe("Chengqu District");
  });
});

describe("the regions table", () => {
  const { regions } = loadGeography();

  it("has an English name for every province, prefecture and county, with no Chinese in it", () => {
    const missing = regions.filter((r) => !r.nameEn || /[\u3400-\u9fff]/.test(r.nameEn));
    expect(missing.map((r) => `${r.code} ${r.nameZh} ${r.nameEn}`)).toEqual([]);
    expect(regions.length).toBeGreaterThan(3000);
  });

  it("keeps the English names the data already had", () => {
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get("14")!.nameEn).toBe("Shanxi");
    expect(byCode.get("1402")!.nameEn).toBe("Datong");
    expect(byCode.get("1506")!.nameEn).toBe("Ordos");
    expect(byCode.get("140226")!.nameEn).toBe("Zuoyun County");
  });
});
