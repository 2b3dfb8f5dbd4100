// What the server keeps in module state does not grow with the requests it has served.
import { describe, expect, it } from "vitest";
import { boundedMemo } from "@/lib/bounded-memo";
import { FORMATTERS_PER_KIND, formatRatio, ratioFormat } from "@/lib/dashboard/format";
import { POW10_TABLE_SIZE, pow10 } from "@/lib/domain/grading";
import { LOCALES } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";

describe("powers of ten of the exact grading arithmetic", () => {
  it("are exact inside and beyond the fixed table of kept powers (nothing else is kept)", () => {
    for (const k of [0, 1, 7, POW10_TABLE_SIZE - 1, POW10_TABLE_SIZE, 500])
      expect(pow10(k)).toBe(BigInt(`1${"0".repeat(k)}`));
  });
});

describe("translators outside a request", () => {
  it("are one per locale, however often they are asked for", () => {
    const seen = new Set(Array.from({ length: 100 }, (_, i) => translatorFor(LOCALES[i % LOCALES.length])));
    expect(seen.size).toBe(LOCALES.length);
  });
});

describe("bounded memo (the dashboard's Intl formatters)", () => {
  it("makes a value once per key and keeps at most `max` keys, forgetting the oldest", () => {
    const made: string[] = [];
    const memo = boundedMemo(3, (k) => {
      made.push(k);
      return { k };
    });
    const a = memo.get("a");
    expect(memo.get("a")).toBe(a);
    for (const k of ["b", "c", "d", "e"]) memo.get(k);
    expect(memo.size).toBe(3);
    expect(memo.get("a")).not.toBe(a);
    expect(made).toEqual(["a", "b", "c", "d", "e", "a"]);
  });

  it("bounds the dashboard's formatters however many locales requests name", () => {
    for (let i = 0; i < 50; i++) formatRatio(0.5, i % 2 ? "en" : `en-x-${i}`);
    expect(ratioFormat.size).toBe(FORMATTERS_PER_KIND);
    expect(formatRatio(0.392, "en")).toBe("39.2%");
    expect(formatRatio(null, "en")).toBe("—");
  });
});
