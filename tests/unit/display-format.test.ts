// One way to write dates, numbers and levels (issue 11, items 4 and 22): the formatters every page uses,
// in both locales, and scans that keep pages and catalogues from growing their own again.
import fs from "node:fs";
import path from "node:path";
import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { displayFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";

type Locale = keyof typeof MESSAGES;

function formatFor(locale: Locale) {
  const format = createFormatter({ locale, timeZone: "Asia/Shanghai" });
  const grade = createTranslator({ locale, messages: MESSAGES[locale], namespace: "grade" });
  return displayFormat(format, grade);
}

function translate(locale: Locale, key: string, values: Record<string, string | number>) {
  return createTranslator({ locale, messages: MESSAGES[locale] })(key as never, values as never);
}

describe("dates", () => {
  it("write a calendar date the same way from a date column and from YYYY-MM-DD", () => {
    const zh = formatFor("zh-CN");
    const en = formatFor("en");
    expect(zh.date(new Date("2026-12-06T00:00:00.000Z"))).toBe("2026/12/06");
    expect(zh.date("2026-12-06")).toBe("2026/12/06");
    expect(en.date(new Date("2026-12-06T00:00:00.000Z"))).toBe("12/06/2026");
    expect(en.date("2026-12-06")).toBe("12/06/2026");
    expect(en.date(null)).toBe("—");
  });

  it("write a moment with its time in China, its date like a calendar date", () => {
    // 23:30 on 5 December in UTC is 07:30 on 6 December in China.
    const at = new Date("2026-12-05T23:30:00.000Z");
    expect(formatFor("zh-CN").dateTime(at)).toBe("2026/12/06 07:30");
    expect(formatFor("en").dateTime(at)).toBe("12/06/2026, 07:30");
    expect(formatFor("zh-CN").day(at)).toBe("2026/12/06");
    expect(formatFor("en").day(at)).toBe("12/06/2026");
  });
});

describe("numbers", () => {
  it("group a count in both languages, in sentences as in cells", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      expect(formatFor(locale).count(2334)).toBe("2,334");
      expect(translate(locale, "common.pagination.summary", { page: 1, pages: 47, total: 2334 })).toContain("2,334");
      expect(translate(locale, "register.gradeCount", { count: 2334 })).toContain("2,334");
      expect(translate(locale, "register.decisionCount", { count: 2334 })).toContain("2,334");
      expect(translate(locale, "registry.resultCount", { count: 2334 })).toContain("2,334");
      expect(translate(locale, "profile.days", { count: 2334 })).toContain("2,334");
      expect(translate(locale, "importForm.errorsSummary", { count: 2334 })).toContain("2,334");
      expect(translate(locale, "importForm.omitted", { count: 2334 })).toContain("2,334");
    }
  });
});

describe("level names", () => {
  it("name a level one way per language", () => {
    const zh = formatFor("zh-CN");
    const en = formatFor("en");
    expect([1, 2, 3].map(zh.level)).toEqual(["一级", "二级", "三级"]);
    expect([1, 2, 3].map(en.level)).toEqual(["Level 1", "Level 2", "Level 3"]);
    expect(zh.level(null)).toBe("未达标");
    expect(zh.levelChange(1, 2)).toBe("一级 → 二级");
    expect(zh.levelChange(3, null)).toBe("三级 → 撤消");
    expect(en.levelChange(1, 3)).toBe("Level 1 → Level 3");
    expect(en.levelChange(2, null)).toBe("Level 2 → revoked");
  });

  it("are the only place a catalogue spells a level: sentences take the name as an argument", () => {
    const offenders: string[] = [];
    const walk = (locale: string, obj: object, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        const key = `${prefix}${k}`;
        if (v && typeof v === "object") walk(locale, v as object, `${key}.`);
        else if (key !== "grade.level" && /\{\w+\}级|\{\w+, select, 1 \{一级\}|Level \{\w+\}/.test(String(v)))
          offenders.push(`${locale} ${key}: ${String(v)}`);
      }
    };
    for (const locale of ["zh-CN", "en"] as const) walk(locale, MESSAGES[locale], "");
    expect(offenders).toEqual([]);
  });

  it("read the same in a sentence as on a badge", () => {
    const zh = formatFor("zh-CN");
    const sentence = translate("zh-CN", "managerView.distance.intro", { level: zh.level(1), rules: "2020" });
    expect(sentence).toMatch(/^可能使一级被降级或撤消/);
  });
});

describe("pages and components", () => {
  it("format dates and numbers through lib/i18n/format.ts, not with copies of their own", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
    const sources = [...files("app"), ...files("components")].filter(
      // Pages and UI pieces; route handlers and actions write no dates a reader sees on a page.
      (f) => /\.tsx$/.test(f) && !f.startsWith("components/charts/"),
    );
    const copies = sources.filter((f) =>
      /format\.dateTime\(|toLocaleDateString|toLocaleString\(|new Intl\.DateTimeFormat/.test(
        fs.readFileSync(path.join(root, f), "utf8"),
      ),
    );
    expect(copies).toEqual([]);
  });
});
