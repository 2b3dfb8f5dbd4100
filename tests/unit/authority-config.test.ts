import { describe, expect, it } from "vitest";
import {
  decisionBodies,
  grantedLevels,
  levelAuthority,
  mayConfirmDecision,
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
