// Who may read which metrics: the data-layer check behind /api/v1/metrics and the dashboards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/auth/scope";
import { metricsFor } from "@/lib/server/data/metrics";
import { MetricsParamsError } from "@/lib/server/metrics/metrics-params";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";

const db = testDb();
const callers: Record<string, Caller> = {};
beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const params = (scope: string) => ({ scope, asOf: "2020-12-31", year: 2020 });

describe("metricsFor", () => {
  it.each([
    ["official", ""],
    ["official", "52"],
    ["nmsa", ""],
    ["admin", "14"],
    ["shanxi", "14"],
    ["shanxi", "1402"],
    ["datong", "1402"],
  ])("%s may read scope '%s'", async (who, scope) => {
    const m = await metricsFor(callers[who], params(scope), { db });
    expect(m.scope).toBe(scope);
    expect(m.producing).toBeGreaterThan(0);
  });

  it.each([
    ["shanxi", ""],
    ["shanxi", "52"],
    ["datong", "14"],
    ["datong", "1401"],
    ["manager", "14"],
    ["manager", ""],
  ])("%s is refused scope '%s'", async (who, scope) => {
    await expect(metricsFor(callers[who], params(scope), { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects malformed parameters before reading", async () => {
    await expect(
      metricsFor(callers.nmsa, { scope: "1", asOf: "2020-12-31", year: 2020 }, { db }),
    ).rejects.toBeInstanceOf(MetricsParamsError);
    await expect(
      metricsFor(callers.nmsa, { scope: "", asOf: "2020-02-30", year: 2020 }, { db }),
    ).rejects.toBeInstanceOf(MetricsParamsError);
  });
});
