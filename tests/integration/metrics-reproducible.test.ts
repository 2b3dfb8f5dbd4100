// A figure published as of a day can be reproduced later (issue 13.5, product.md "Downgrades and
// revocations"): a decision confirmed today that takes effect last year does not move last year's
// decision figures as of last year's end, and does count as of today.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { computeMetrics } from "@/lib/server/metrics/metrics-sql";
import { confirmDecision } from "@/lib/server/services/decide-decision";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createDecision, createGrade, createMine } from "../support/factories";

const db = testDb();
const callers: Record<string, Caller> = {};
const today = todayInChina();
const lastYear = Number(today.slice(0, 4)) - 1;
const lastYearEnd = `${lastYear}-12-31`;

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

describe("decision figures as of a day", () => {
  it("do not move when a decision confirmed today takes effect last year", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const grade = await createGrade(db, mine, { level: 2, announcedOn: `${lastYear - 1}-03-01` });
    const proposal = await createDecision(db, mine, grade, {
      type: "DOWNGRADE",
      reason: "HIDDEN_DANGERS",
      status: "PROPOSED",
      proposedOn: addDays(today, -3),
      toLevel: 3,
    });
    const published = await computeMetrics(db, { scope: "140226", asOf: lastYearEnd, year: lastYear });

    await confirmDecision(
      callers.shanxi,
      {
        decisionId: proposal.id,
        version: 0,
        number: `晋煤安降〔${lastYear + 1}〕1号`,
        legalBasis: "《煤矿安全生产标准化管理体系考核定级办法》",
        effectiveOn: `${lastYear}-11-01`,
      },
      { db },
    );

    const again = await computeMetrics(db, { scope: "140226", asOf: lastYearEnd, year: lastYear });
    expect(again.decisions).toEqual(published.decisions);
    const now = await computeMetrics(db, { scope: "140226", asOf: today, year: lastYear });
    expect(now.decisions.downgrades).toBe(published.decisions.downgrades + 1);
    expect(now.decisions.byReason.HIDDEN_DANGERS).toBe((published.decisions.byReason.HIDDEN_DANGERS ?? 0) + 1);
  });
});
