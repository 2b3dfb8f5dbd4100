import { describe, expect, it } from "vitest";
import {
  decisionBodies,
  grantedLevels,
  levelAuthority,
  mayConfirmDecision,
  mayProposeDecision,
  proposesAnywhere,
  publicNoticeWorkingDays,
  type Actor,
  type AuthorityConfig,
} from "@/lib/domain/authority-config";
import { AUTHORITY_CONFIG_ROWS, NATIONAL_AUTHORITY_DEFAULTS } from "@/lib/domain/authority-config-data";

const datongMine = { provinceCode: "14", prefectureCode: "1402", countyCode: "140211" };
const guizhouMine = { provinceCode: "52", prefectureCode: "5202", countyCode: "520281" };

const nmsa: Actor = { role: "NATIONAL_REGULATOR", jurisdiction: "", mineId: null };
const shanxi: Actor = { role: "PROVINCIAL_REGULATOR", jurisdiction: "14", mineId: null };
const guizhou: Actor = { role: "PROVINCIAL_REGULATOR", jurisdiction: "52", mineId: null };
const datong: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "1402", mineId: null };

describe("the shipped configuration", () => {
  it("national defaults for every level, each with a source and a status", () => {
    expect(NATIONAL_AUTHORITY_DEFAULTS.map((r) => r.level)).toEqual([1, 2, 3]);
    for (const r of AUTHORITY_CONFIG_ROWS) {
      expect(r.source.length).toBeGreaterThan(20);
      expect(["VERIFIED", "SECONDARY", "PLACEHOLDER"]).toContain(r.status);
    }
  });

  it("Shanxi grants Levels 1 and 2 only; other provinces all three", () => {
    expect(grantedLevels(AUTHORITY_CONFIG_ROWS, "14")).toEqual([1, 2]);
    expect(grantedLevels(AUTHORITY_CONFIG_ROWS, "52")).toEqual([1, 2, 3]);
    expect(grantedLevels([], "52")).toEqual([]);
  });

  it("the reviewer sits one tier below the grader at every level", () => {
    const tier = { NATIONAL: 0, PROVINCIAL: 1, PREFECTURE: 2, COUNTY: 3 } as const;
    for (const r of NATIONAL_AUTHORITY_DEFAULTS) expect(tier[r.reviewerKind]).toBe(tier[r.graderKind] + 1);
  });
});

describe("who decides a downgrade or revocation", () => {
  it("Level 1: the province confirms and NMSA publishes", () => {
    expect(decisionBodies(AUTHORITY_CONFIG_ROWS, datongMine, 1)).toEqual({
      proposer: { kind: "PREFECTURE", regionCode: "1402" },
      confirmer: { kind: "PROVINCIAL", regionCode: "14" },
      publisher: { kind: "NATIONAL", regionCode: "" },
    });
    expect(mayConfirmDecision(shanxi, AUTHORITY_CONFIG_ROWS, datongMine, 1)).toBe(true);
    expect(mayConfirmDecision(nmsa, AUTHORITY_CONFIG_ROWS, datongMine, 1)).toBe(false);
    expect(mayConfirmDecision(guizhou, AUTHORITY_CONFIG_ROWS, datongMine, 1)).toBe(false);
    expect(mayConfirmDecision(guizhou, AUTHORITY_CONFIG_ROWS, guizhouMine, 1)).toBe(true);
  });

  it("Levels 2 and 3: the province confirms and publishes; a local regulator never confirms by default", () => {
    for (const level of [2, 3]) {
      expect(decisionBodies(AUTHORITY_CONFIG_ROWS, datongMine, level)).toMatchObject({
        confirmer: { kind: "PROVINCIAL", regionCode: "14" },
        publisher: { kind: "PROVINCIAL", regionCode: "14" },
      });
      expect(mayConfirmDecision(shanxi, AUTHORITY_CONFIG_ROWS, datongMine, level)).toBe(true);
      expect(mayConfirmDecision(datong, AUTHORITY_CONFIG_ROWS, datongMine, level)).toBe(false);
    }
  });

  it("follows a province's own row, and nobody decides where no row exists", () => {
    const config: AuthorityConfig = [
      ...AUTHORITY_CONFIG_ROWS,
      { ...NATIONAL_AUTHORITY_DEFAULTS[0], provinceCode: "52", confirmerKind: "NATIONAL", publisherKind: "NATIONAL" },
      { ...NATIONAL_AUTHORITY_DEFAULTS[2], provinceCode: "52", confirmerKind: "PREFECTURE" },
    ];
    expect(mayConfirmDecision(nmsa, config, guizhouMine, 1)).toBe(true);
    expect(mayConfirmDecision(guizhou, config, guizhouMine, 1)).toBe(false);
    const zunyi: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "5202", mineId: null };
    expect(mayConfirmDecision(zunyi, config, guizhouMine, 3)).toBe(true);
    expect(levelAuthority(config, "14", 1)?.provinceCode).toBe("");
    expect(mayConfirmDecision(shanxi, [], datongMine, 2)).toBe(false);
    expect(decisionBodies([], datongMine, 2)).toBeNull();
  });
});

describe("who proposes a downgrade or revocation", () => {
  const county: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "140211", mineId: null };
  const taiyuan: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "1401", mineId: null };

  it("national default: the prefecture of the mine, at every level, and nobody else", () => {
    for (const level of [1, 2, 3]) {
      expect(decisionBodies(AUTHORITY_CONFIG_ROWS, datongMine, level)?.proposer).toEqual({
        kind: "PREFECTURE",
        regionCode: "1402",
      });
      expect(mayProposeDecision(datong, AUTHORITY_CONFIG_ROWS, datongMine, level)).toBe(true);
      for (const other of [nmsa, shanxi, county, taiyuan, guizhou])
        expect(mayProposeDecision(other, AUTHORITY_CONFIG_ROWS, datongMine, level)).toBe(false);
    }
    expect(proposesAnywhere(datong, AUTHORITY_CONFIG_ROWS)).toBe(true);
    expect(proposesAnywhere(county, AUTHORITY_CONFIG_ROWS)).toBe(false);
    expect(proposesAnywhere(shanxi, AUTHORITY_CONFIG_ROWS)).toBe(false);
    expect(proposesAnywhere(nmsa, AUTHORITY_CONFIG_ROWS)).toBe(false);
    expect(proposesAnywhere({ role: "ADMIN", jurisdiction: "", mineId: null }, AUTHORITY_CONFIG_ROWS)).toBe(false);
  });

  it("a province's own row names another proposer for its level only", () => {
    const config: AuthorityConfig = [
      ...AUTHORITY_CONFIG_ROWS,
      { ...NATIONAL_AUTHORITY_DEFAULTS[0], provinceCode: "52", proposerKind: "PROVINCIAL" },
      { ...NATIONAL_AUTHORITY_DEFAULTS[2], provinceCode: "52", proposerKind: "COUNTY" },
    ];
    const zunyi: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "5202", mineId: null };
    const renhuai: Actor = { role: "LOCAL_REGULATOR", jurisdiction: "520281", mineId: null };
    expect(mayProposeDecision(guizhou, config, guizhouMine, 1)).toBe(true);
    expect(mayProposeDecision(zunyi, config, guizhouMine, 1)).toBe(false);
    expect(mayProposeDecision(zunyi, config, guizhouMine, 2)).toBe(true);
    expect(mayProposeDecision(renhuai, config, guizhouMine, 3)).toBe(true);
    expect(mayProposeDecision(zunyi, config, guizhouMine, 3)).toBe(false);
    expect(proposesAnywhere(guizhou, config)).toBe(true);
    expect(proposesAnywhere(renhuai, config)).toBe(true);
    // Shanxi keeps the national defaults.
    expect(mayProposeDecision(shanxi, config, datongMine, 1)).toBe(false);
    expect(proposesAnywhere(shanxi, config)).toBe(false);
    // NMSA proposes where any province's row names it.
    expect(
      proposesAnywhere(nmsa, [
        ...config,
        { ...NATIONAL_AUTHORITY_DEFAULTS[0], provinceCode: "61", proposerKind: "NATIONAL" },
      ]),
    ).toBe(true);
    expect(mayProposeDecision(datong, [], datongMine, 1)).toBe(false);
  });
});

describe("public-notice days per province and level", () => {
  it("Shanxi Level 2: 3 working days from a secondary source; elsewhere the rule version's", () => {
    const shanxiL2 = AUTHORITY_CONFIG_ROWS.find((r) => r.provinceCode === "14" && r.level === 2);
    expect(shanxiL2).toMatchObject({ publicNoticeWorkingDays: 3, publicNoticeStatus: "SECONDARY", granted: true });
    expect(shanxiL2?.publicNoticeSource).toContain("[Q]");
    expect(publicNoticeWorkingDays(AUTHORITY_CONFIG_ROWS, "14", 2, 5)).toBe(3);
    expect(publicNoticeWorkingDays(AUTHORITY_CONFIG_ROWS, "14", 1, 5)).toBe(5);
    expect(publicNoticeWorkingDays(AUTHORITY_CONFIG_ROWS, "52", 2, 5)).toBe(5);
    expect(publicNoticeWorkingDays(AUTHORITY_CONFIG_ROWS, "52", 2, 7)).toBe(7);
  });

  it("a national default row's override applies where no province row replaces it", () => {
    const config: AuthorityConfig = [
      { ...NATIONAL_AUTHORITY_DEFAULTS[2], publicNoticeWorkingDays: 10 },
      { ...NATIONAL_AUTHORITY_DEFAULTS[2], provinceCode: "52", publicNoticeWorkingDays: null },
    ];
    expect(publicNoticeWorkingDays(config, "61", 3, 5)).toBe(10);
    expect(publicNoticeWorkingDays(config, "52", 3, 5)).toBe(5);
    expect(publicNoticeWorkingDays([], "52", 3, 5)).toBe(5);
  });
});
