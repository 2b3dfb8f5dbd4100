import { describe, expect, it } from "vitest";
import { resolveLocale } from "@/lib/i18n/config";
import { en, zhCN as zh } from "@/lib/i18n/messages";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("translation catalogues", () => {
  it("have the same keys in zh-CN and en", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("have no empty message", () => {
    for (const catalogue of [zh, en]) expect(JSON.stringify(catalogue)).not.toMatch(/:""/);
  });
});

describe("resolveLocale", () => {
  it("prefers the saved choice", () => {
    expect(resolveLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
  });
  it("then the browser's languages by weight", () => {
    expect(resolveLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(resolveLocale(undefined, "fr;q=0.9,zh-TW;q=0.8,en;q=0.5")).toBe("zh-CN");
    expect(resolveLocale("de", "de-DE,en;q=0.3")).toBe("en");
  });
  it("falls back to zh-CN", () => {
    expect(resolveLocale(undefined, null)).toBe("zh-CN");
    expect(resolveLocale(undefined, "fr-FR")).toBe("zh-CN");
  });
});
