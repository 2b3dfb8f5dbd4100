// Rule versions administered by ADMIN (issue 12.3, 13.6): clone to a draft, edit it with validation,
// publish it with an effective date; the engine never grades with a draft; a published version in
// use is immutable in the service and in the database; every shipped parameter has a source.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_VERSIONS } from "@/lib/domain/rule-data";
import { parameterKeys } from "@/lib/domain/rule-sources";
import type { Caller } from "@/lib/server/auth/scope";
import { allRuleSets, loadRuleSet, ruleSetOn } from "@/lib/server/data/rules";
import { listRuleVersions, ruleVersionDetail } from "@/lib/server/data/rule-versions";
import { cloneRuleVersion } from "@/lib/server/services/clone-rule-version";
import { publishRuleVersion } from "@/lib/server/services/publish-rule-version";
import { saveRuleDraft } from "@/lib/server/services/save-rule-draft";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";

const db = testDb();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const clone = (code: string, from = "2024") =>
  cloneRuleVersion(callers.admin, { from, code, nameZh: `草稿 ${code}`, nameEn: `Draft ${code}` }, { db });

async function rawSql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

describe("shipped versions", () => {
  it("have a source and a status for every parameter in the database", async () => {
    const sets = await allRuleSets({ db });
    expect(sets.map((s) => s.code)).toEqual(expect.arrayContaining(RULE_VERSIONS.map((r) => r.code)));
    for (const r of sets.filter((s) => RULE_VERSIONS.some((v) => v.code === s.code))) {
      for (const key of parameterKeys(r)) {
        expect(r.sources?.[key]?.source, `${r.code} ${key}`).toBeTruthy();
        expect(["VERIFIED", "SECONDARY", "PLACEHOLDER"]).toContain(r.sources?.[key]?.status);
      }
    }
  });

  it("are published and listed with how many score sheets use each", async () => {
    const list = await listRuleVersions(callers.admin, { db });
    const v2020 = list.find((v) => v.code === "2020");
    expect(v2020?.published).toBe(true);
    expect(v2020?.scoresheets).toBeGreaterThan(0);
  });
});

describe("a draft", () => {
  it("is ADMIN's alone to read or write", async () => {
    for (const who of ["nmsa", "shanxi", "manager"]) {
      await expect(listRuleVersions(callers[who], { db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      cloneRuleVersion(callers.nmsa, { from: "2024", code: "NOPE", nameZh: "x", nameEn: "x" }, { db }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.ruleVersion.count({ where: { code: "NOPE" } })).toBe(0);
  });

  it("is cloned whole, never grades, is edited with validation and published with its date", async () => {
    await clone("T-2027");
    const detail = await ruleVersionDetail(callers.admin, "T-2027", { db });
    expect(detail?.published).toBe(false);
    const source = await ruleVersionDetail(callers.admin, "2024", { db });
    expect(detail?.elements.length).toBe(source?.elements.length);
    expect(detail?.thresholds.length).toBe(source?.thresholds.length);
    expect(Object.keys(detail?.sources ?? {}).length).toBe(Object.keys(source?.sources ?? {}).length);
    // The basic conditions (基本条件) and the direct-extension parameters come along.
    expect(detail?.basicConditions.map((c) => [c.code, c.textZh, c.status])).toEqual(
      source?.basicConditions.map((c) => [c.code, c.textZh, c.status]),
    );
    expect(detail?.basicConditions.length).toBeGreaterThan(0);
    expect([detail?.directExtension, detail?.directExtensionWindowMonths]).toEqual([
      source?.directExtension,
      source?.directExtensionWindowMonths,
    ]);

    // The engine ignores the draft, even dated before today.
    expect(await loadRuleSet({ code: "T-2027" }, { db })).toBeNull();
    expect((await ruleSetOn("2099-01-01", { db }))?.rules.code).not.toBe("T-2027");
    expect((await allRuleSets({ db })).map((r) => r.code)).not.toContain("T-2027");

    // Level 3 above Level 2 and weights not summing to 1: refused, field by field, nothing written.
    await expect(
      saveRuleDraft(
        callers.admin,
        { code: "T-2027", version: 0, "threshold:3:TOTAL": "85", "weight:UNDERGROUND:E07": "0.5" },
        { db },
      ),
    ).rejects.toMatchObject({
      fieldErrors: expect.objectContaining({
        "threshold:2:TOTAL": "ruleThresholdOrder",
        "weight:UNDERGROUND:E07": "ruleWeightsSum",
      }),
    });
    await expect(
      saveRuleDraft(callers.admin, { code: "T-2027", version: 0, "veto:1:FAILED_ASSESSMENT": "0" }, { db }),
    ).rejects.toMatchObject({ fieldErrors: { "veto:1:FAILED_ASSESSMENT": "ruleWindowPositive" } });
    await expect(
      saveRuleDraft(callers.admin, { code: "T-2027", version: 0, stoppedMonthsLimit: "abc" }, { db }),
    ).rejects.toMatchObject({ fieldErrors: expect.objectContaining({ stoppedMonthsLimit: "number" }) });
    expect((await ruleVersionDetail(callers.admin, "T-2027", { db }))?.version).toBe(0);

    // A valid edit: written, version bumped, the changed value's source a placeholder naming the change.
    await saveRuleDraft(
      callers.admin,
      { code: "T-2027", version: 0, "threshold:3:TOTAL": "72", "weight:UNDERGROUND:E07": "0.14" },
      { db },
    );
    const edited = await ruleVersionDetail(callers.admin, "T-2027", { db });
    expect(edited?.version).toBe(1);
    expect(edited?.thresholds.find((t) => t.level === 3 && t.partCode === null)?.minScore).toBe(72);
    expect(edited?.sources["threshold:3:TOTAL"]).toMatchObject({ status: "PLACEHOLDER" });
    expect(edited?.sources["threshold:3:TOTAL"].source).toContain("70 to 72");
    // A stale version is a conflict.
    await expect(
      saveRuleDraft(callers.admin, { code: "T-2027", version: 0, "threshold:3:TOTAL": "71" }, { db }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditLog.count({ where: { entity: "RuleVersion", entityId: "T-2027" } })).toBe(2);

    // An effective date another published version has is refused; a fresh one publishes.
    await expect(
      publishRuleVersion(callers.admin, { code: "T-2027", version: 1, effectiveFrom: "2026-06-27" }, { db }),
    ).rejects.toMatchObject({ fieldErrors: { effectiveFrom: "ruleEffectiveDateTaken" } });
    await publishRuleVersion(callers.admin, { code: "T-2027", version: 1, effectiveFrom: "2090-01-01" }, { db });
    expect((await ruleSetOn("2090-01-02", { db }))?.rules.code).toBe("T-2027");
    expect((await ruleSetOn("2089-12-31", { db }))?.rules.code).not.toBe("T-2027");

    // Published: the service refuses any change.
    await expect(
      saveRuleDraft(callers.admin, { code: "T-2027", version: 2, "threshold:3:TOTAL": "71" }, { db }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(
      publishRuleVersion(callers.admin, { code: "T-2027", version: 2, effectiveFrom: "2091-01-01" }, { db }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    // Not yet used by a score sheet: the database lets it go (so a mistaken one can be removed).
    await rawSql(`DELETE FROM "RuleVersion" WHERE code = 'T-2027'`);
  });

  it("refuses a code already taken", async () => {
    await expect(clone("2020")).rejects.toMatchObject({ fieldErrors: { code: "ruleCodeTaken" } });
  });
});

describe("a published version in use", () => {
  it("is refused any change made directly in SQL", async () => {
    await expect(
      rawSql(
        `UPDATE "RuleLevelThreshold" SET "minScore" = 1 WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2020')`,
      ),
    ).rejects.toThrow(/published and in use/);
    await expect(rawSql(`UPDATE "RuleVersion" SET "validityYears" = 9 WHERE code = '2020'`)).rejects.toThrow(
      /published and in use/,
    );
    await expect(
      rawSql(
        `INSERT INTO "RuleVeto" ("ruleVersionId", level, kind, "windowMonths") SELECT id, 2, 'RECENT_DECISION', 3 FROM "RuleVersion" WHERE code = '2020'`,
      ),
    ).rejects.toThrow(/published and in use/);
    await expect(
      rawSql(`DELETE FROM "RuleElement" WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2020')`),
    ).rejects.toThrow(/published and in use/);
    const [v] = (await rawSql(`SELECT "validityYears" FROM "RuleVersion" WHERE code = '2020'`)).rows;
    expect(v.validityYears).toBe(3);
  });
});
