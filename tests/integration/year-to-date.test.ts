// "Year to date" has one definition (issue 11, item 23; product.md): year Y is year-to-date as of D
// when D is before Y-12-31. The metrics API's answer (metricsFor, which GET /api/v1/metrics returns
// as is), the dashboard's headline and region rows, and the year labels of its tables agree on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareTable } from "@/lib/dashboard/tables";
import type { Caller } from "@/lib/server/auth/scope";
import { dashboardData } from "@/lib/server/data/dashboard";
import { metricsFor } from "@/lib/server/data/metrics";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";

const db = testDb();
const callers: Record<string, Caller> = {};
beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const ctx = {
  t: (key: string, v?: Record<string, string | number>) => `${key}:${JSON.stringify(v ?? {})}`,
  locale: "en",
};

describe("year to date", () => {
  it.each([
    ["2020-12-31", false],
    ["2020-12-30", true],
  ])("2020 as of %s is year-to-date: %s, in the API and on the dashboard", async (asOf, ytd) => {
    const params = { scope: "", asOf, year: 2020 };
    expect((await metricsFor(callers.nmsa, params, { db })).yearToDate).toBe(ytd);

    const dashboard = await dashboardData(callers.nmsa, params, { db });
    expect(dashboard.headline.yearToDate).toBe(ytd);
    expect(dashboard.regions.length).toBeGreaterThan(0);
    for (const r of dashboard.regions) expect(r.yearToDate).toBe(ytd);
    // The 2020 row of the share table carries the year-to-date label exactly when the API says so.
    const row = shareTable(dashboard.share, ctx).rows.find(
      (cells) => cells[0].kind === "text" && cells[0].value.includes("2020"),
    );
    expect(row?.[0]).toEqual({
      kind: "text",
      value: ytd ? `dashboard.yearToDateLabel:${JSON.stringify({ year: 2020 })}` : "2020",
    });
  });
});
