// Authorities and spot-check targets (issue 12, administration): who may write them, validation,
// version conflicts, audit, and targets showing in the figures at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityForAdmin, listAuthorities } from "@/lib/server/data/authorities";
import { metricsFor } from "@/lib/server/data/metrics";
import { listSpotCheckTargets } from "@/lib/server/data/spot-check-targets";
import { ServiceError } from "@/lib/server/errors";
import { createAuthority } from "@/lib/server/services/create-authority";
import { createSpotCheckTarget } from "@/lib/server/services/create-spot-check-target";
import { updateAuthority } from "@/lib/server/services/update-authority";
import { updateSpotCheckTarget } from "@/lib/server/services/update-spot-check-target";
import { demoCallers, type DemoAccount } from "../support/demo-callers";
import { testDb } from "../support/db";

const db = testDb();
let demo: Record<DemoAccount, Caller>;
beforeAll(async () => {
  demo = await demoCallers(db);
});
afterAll(() => db.$disconnect());

async function refused(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

/**
 * A county with no county authority: setup ships one for every county, so one nothing refers to is
 * removed first (as an administrator starting from a bare region list would find it).
 */
async function freeCounty(prefix: string): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ id: number; code: string }[]>(
    `SELECT a.id, a."regionCode" AS code FROM "Authority" a
      WHERE a.kind = 'COUNTY' AND a."regionCode" LIKE $1
        AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."authorityId" = a.id)
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."authorityId" = a.id)
        AND NOT EXISTS (SELECT 1 FROM "SpotCheck" s WHERE s."authorityId" = a.id)
      ORDER BY a."regionCode" LIMIT 1`,
    `${prefix}%`,
  );
  await db.authority.delete({ where: { id: row.id } });
  return row.code;
}

describe("authorities", () => {
  it("ADMIN creates and edits one; the kind fixes the region's level; one per kind and region", async () => {
    const county = await freeCounty("1402");
    const { authorityId } = await createAuthority(
      demo.admin,
      { nameZh: "测试县应急管理局", nameEn: "Test County Bureau", kind: "COUNTY", regionCode: county },
      { db },
    );
    expect(
      (await listAuthorities(demo.admin, { page: 1, kind: "COUNTY", q: county }, { db }))!.rows.map((r) => r.id),
    ).toContain(authorityId);
    const e = await refused(
      createAuthority(demo.admin, { nameZh: "重复", nameEn: "Twin", kind: "COUNTY", regionCode: county }, { db }),
    );
    expect(e.fieldErrors).toEqual({ regionCode: "authorityExists" });
    expect(
      (
        await refused(
          createAuthority(
            demo.admin,
            { nameZh: "错", nameEn: "Wrong", kind: "PROVINCIAL", regionCode: county },
            { db },
          ),
        )
      ).fieldErrors,
    ).toEqual({ regionCode: "kindRegionMismatch" });
    expect(
      (
        await refused(
          createAuthority(demo.admin, { nameZh: "无", nameEn: "None", kind: "PREFECTURE", regionCode: "9999" }, { db }),
        )
      ).fieldErrors,
    ).toEqual({ regionCode: "regionUnknown" });

    const before = (await authorityForAdmin(demo.admin, authorityId, { db }))!;
    await updateAuthority(
      demo.admin,
      {
        authorityId,
        version: before.version,
        nameZh: "改名局",
        nameEn: "Renamed Bureau",
        kind: "COUNTY",
        regionCode: county,
      },
      { db },
    );
    const conflict = await refused(
      updateAuthority(
        demo.admin,
        { authorityId, version: before.version, nameZh: "再改", nameEn: "Again", kind: "COUNTY", regionCode: county },
        { db },
      ),
    );
    expect(conflict).toMatchObject({ code: "CONFLICT", messageKey: "authorityChanged" });
    expect((await authorityForAdmin(demo.admin, authorityId, { db }))!.nameEn).toBe("Renamed Bureau");
    const rows = await db.auditLog.findMany({
      where: { entity: "Authority", entityId: String(authorityId) },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual(["authority.create", "authority.update"]);
    expect(rows[1].before).toMatchObject({ nameEn: "Test County Bureau" });
    expect(rows[1].after).toMatchObject({ nameEn: "Renamed Bureau" });
  });

  it("nobody but ADMIN manages authorities, and a refusal writes nothing", async () => {
    const county = await freeCounty("1404");
    for (const who of [demo.nmsa, demo.shanxi, demo.datong, demo.official, demo.manager]) {
      const count = await db.authority.count();
      expect(
        (await refused(createAuthority(who, { nameZh: "x", nameEn: "x", kind: "COUNTY", regionCode: county }, { db })))
          .code,
      ).toBe("FORBIDDEN");
      expect(await db.authority.count()).toBe(count);
      expect(await listAuthorities(who, { page: 1 }, { db })).toBeNull();
    }
  });
});

describe("spot-check targets", () => {
  // A year the seed sets no targets for, so the chain is this test's alone.
  const year = 2031;

  it("a province sets its own province's and prefectures' targets, never another's or the national one", async () => {
    await createSpotCheckTarget(demo.shanxi, { year, regionCode: "14", level: null, ratio: 0.25 }, { db });
    await createSpotCheckTarget(demo.shanxi, { year, regionCode: "1402", level: 2, ratio: 0.3 }, { db });
    for (const regionCode of ["15", "", "1502"]) {
      const e = await refused(
        createSpotCheckTarget(demo.shanxi, { year, regionCode, level: null, ratio: 0.1 }, { db }),
      );
      expect(e.fieldErrors).toEqual({ regionCode: "targetNotYours" });
    }
    for (const who of [demo.nmsa, demo.datong, demo.official, demo.manager])
      expect(
        (await refused(createSpotCheckTarget(who, { year, regionCode: "14", level: 1, ratio: 0.1 }, { db }))).code,
      ).toBe("FORBIDDEN");
    const dup = await refused(
      createSpotCheckTarget(demo.shanxi, { year, regionCode: "14", level: null, ratio: 0.5 }, { db }),
    );
    expect(dup.fieldErrors).toEqual({ regionCode: "targetExists" });
    expect(await db.spotCheckTarget.count({ where: { year } })).toBe(2);
  });

  it("ADMIN sets the national target; the list shows a province its own (editable) and the national one (read-only)", async () => {
    await createSpotCheckTarget(demo.admin, { year, regionCode: "", level: null, ratio: 0.05 }, { db });
    await createSpotCheckTarget(demo.admin, { year, regionCode: "52", level: null, ratio: 0.07 }, { db });
    const seen = (await listSpotCheckTargets(demo.shanxi, year, { db }))!;
    expect(seen.map((r) => [r.regionCode, r.editable])).toEqual([
      ["", false],
      ["14", true],
      ["1402", true],
    ]);
    expect(await listSpotCheckTargets(demo.datong, year, { db })).toBeNull();
    const guizhou = await db.spotCheckTarget.findFirstOrThrow({ where: { year, regionCode: "52" } });
    expect(
      (
        await refused(
          updateSpotCheckTarget(demo.shanxi, { targetId: guizhou.id, version: guizhou.version, ratio: 0.5 }, { db }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("a change shows in the figures at once, is version-checked and audited", async () => {
    const params = { scope: "14", asOf: `${year}-06-30`, year };
    expect((await metricsFor(demo.shanxi, params, { db })).coverage.target).toBeCloseTo(0.25);
    expect((await metricsFor(demo.shanxi, { ...params, scope: "1404" }, { db })).coverage.target).toBeCloseTo(0.25);
    const target = await db.spotCheckTarget.findFirstOrThrow({ where: { year, regionCode: "14", level: null } });
    await updateSpotCheckTarget(demo.shanxi, { targetId: target.id, version: target.version, ratio: 0.4 }, { db });
    // The shared results of a moment ago are not reused.
    expect((await metricsFor(demo.shanxi, params, { db })).coverage.target).toBeCloseTo(0.4);
    const stale = await refused(
      updateSpotCheckTarget(demo.shanxi, { targetId: target.id, version: target.version, ratio: 0.9 }, { db }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", messageKey: "targetChanged" });
    expect(Number((await db.spotCheckTarget.findUniqueOrThrow({ where: { id: target.id } })).ratio)).toBeCloseTo(0.4);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "SpotCheckTarget", entityId: String(target.id), action: "target.update" },
    });
    expect(audit.before).toMatchObject({ ratio: "0.25" });
    expect(audit.after).toMatchObject({ ratio: "0.4" });
  });
});
