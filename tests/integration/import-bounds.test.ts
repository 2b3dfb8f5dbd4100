// Issue 11, item 9: "A zip bomb disguised as an .xlsx gets a clear, translated error. The test checks
// that the server's memory grows by less than 100 MB while refusing it." The service runs in this
// process, so its resident memory is what is measured (tests/support/memory.ts), around the whole
// use case: bounds, parsing, and the transaction that must not start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import { importSpotChecks } from "@/lib/server/services/import-spot-checks";
import { translatorFor } from "@/lib/i18n/translator";
import { MAX_DATA_ROWS, MAX_UNZIPPED_MB, MAX_ZIP_ENTRIES } from "@/lib/validation/import-limits";
import { testDb } from "../support/db";
import { rssGrowth } from "../support/memory";
import { manyEntriesZip, manyRowsXlsx, zipBombXlsx } from "../support/zip-files";

const db = testDb();
let caller: Caller;

beforeAll(async () => {
  const user = await db.user.findUniqueOrThrow({ where: { email: "nmsa@demo.test" } });
  caller = (await loadCaller(db, user.id))!;
});
afterAll(() => db.$disconnect());

const MAX_GROWTH_MIB = 100;

async function refuse(name: string, bytes: Buffer) {
  const before = await db.spotCheck.count();
  const { result, growthMiB } = await rssGrowth(() => importSpotChecks(caller, { name, bytes }, { db }));
  console.log(`${name} (${(bytes.length / 1024).toFixed(0)} KB): refused, RSS grew by ${growthMiB.toFixed(1)} MiB`);
  expect(result.ok).toBe(false);
  expect(await db.spotCheck.count()).toBe(before);
  return { errors: result.ok ? [] : result.errors, growthMiB };
}

describe("hostile files are refused before they are parsed, in bounded memory", () => {
  it("a zip bomb (1 GiB of sheet, declared) gets the translated zip message; memory grows by < 100 MB", async () => {
    const { errors, growthMiB } = await refuse("bomb.xlsx", await zipBombXlsx(1024, "honest"));
    expect(errors).toEqual([{ row: 0, column: "", message: "problems.zipTooLarge", params: { max: MAX_UNZIPPED_MB } }]);
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
    for (const locale of ["zh-CN", "en"] as const) {
      const text = translatorFor(locale)(`importForm.${errors[0].message}`, errors[0].params);
      expect(text).toContain(`${MAX_UNZIPPED_MB} MB`);
    }
  });

  it("a zip bomb whose sheet declares 1 KB is cut off after its first chunk; memory grows by < 100 MB", async () => {
    const { errors, growthMiB } = await refuse("bomb.xlsx", await zipBombXlsx(1024, "lying"));
    expect(errors).toEqual([{ row: 0, column: "", message: "problems.fileUnreadable" }]);
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  });

  it("500,000 rows that pack into a small file are counted, not parsed; memory grows by < 100 MB", async () => {
    const { errors, growthMiB } = await refuse("rows.xlsx", await manyRowsXlsx(500_000));
    expect(errors).toEqual([{ row: 0, column: "", message: "problems.tooManyRows", params: { max: MAX_DATA_ROWS } }]);
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  });

  it("a CSV of ten million short lines is read up to the first row past the limit; memory grows by < 100 MB", async () => {
    const lines = Buffer.from("mine_code\n" + "1\n".repeat(10_000_000));
    const { errors, growthMiB } = await refuse("lines.csv", lines);
    expect(errors).toEqual([{ row: 0, column: "", message: "problems.tooManyRows", params: { max: MAX_DATA_ROWS } }]);
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  });

  it("60,000 entries behind an end record that claims one are not read; memory grows by < 100 MB", async () => {
    const { errors, growthMiB } = await refuse("entries.xlsx", manyEntriesZip(60_000, 1));
    expect(errors).toEqual([
      { row: 0, column: "", message: "problems.zipTooManyEntries", params: { max: MAX_ZIP_ENTRIES } },
    ]);
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  });
});
