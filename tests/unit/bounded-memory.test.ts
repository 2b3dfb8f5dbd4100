// What the server keeps in module state does not grow with the requests it has served.
import { describe, expect, it } from "vitest";
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
