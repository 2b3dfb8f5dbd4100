// Who decides, as shipped (ProvinceGradingConfig rows, rules-evidence.md; letters in brackets are its
// sources): the national defaults and the provincial rows the evidence supports. The seed writes them;
// a regulator corrects them in the database. Each row's status is the weakest of its fields, and its
// source says which field rests on what.
import type { LevelAuthority } from "./authority-config";
import type { ParameterStatus } from "./rules";

export interface LevelAuthorityRow extends LevelAuthority {
  source: string;
  status: ParameterStatus;
  /** Null: the rule version's publicNoticeDays; its source and status are then the rule version's. */
  publicNoticeWorkingDays: number | null;
  publicNoticeSource: string;
  publicNoticeStatus: ParameterStatus;
}

/** A row without a notice length of its own: the rule version's applies (and its source, rule-data-sources.ts). */
const VERSION_NOTICE = {
  publicNoticeWorkingDays: null,
  publicNoticeSource: "",
  publicNoticeStatus: "PLACEHOLDER",
} as const;

export const NATIONAL_AUTHORITY_DEFAULTS: LevelAuthorityRow[] = [
  {
    provinceCode: "",
    level: 1,
    granted: true,
    reviewerKind: "PROVINCIAL",
    graderKind: "NATIONAL",
    proposerKind: "PREFECTURE",
    confirmerKind: "PROVINCIAL",
    publisherKind: "NATIONAL",
    failedRoute: "LOWER_LEVEL_GRADER",
    source:
      "Province reviews, NMSA grades: [E][H][O]. Decisions confirmed by the province, published by NMSA: NMSA announcements [D]. " +
      "A missed Level 1 goes to the lower level's grader: [P]; the province confirms Level 2 [H]. Proposer (the prefecture): not found, product.md.",
    status: "SECONDARY",
    ...VERSION_NOTICE,
  },
  {
    provinceCode: "",
    level: 2,
    granted: true,
    reviewerKind: "PREFECTURE",
    graderKind: "PROVINCIAL",
    proposerKind: "PREFECTURE",
    confirmerKind: "PROVINCIAL",
    publisherKind: "PROVINCIAL",
    failedRoute: "LOWER_LEVEL_GRADER",
    source:
      "The province grades Level 2 and the reviewer sits one tier below: [H][O][Q] (Shanxi, Xinjiang); national practice per province (domain.md). " +
      "Decisions confirmed and published by the province: not found, carried from product.md.",
    status: "SECONDARY",
    ...VERSION_NOTICE,
  },
  {
    provinceCode: "",
    level: 3,
    granted: true,
    reviewerKind: "COUNTY",
    graderKind: "PREFECTURE",
    proposerKind: "PREFECTURE",
    confirmerKind: "PROVINCIAL",
    publisherKind: "PROVINCIAL",
    failedRoute: "LOWER_LEVEL_GRADER",
    source:
      "The prefecture grades Level 3 ('often', domain.md) and the county reviews, one tier below [H][O]; " +
      "decisions confirmed and published by the province: not found, carried from product.md.",
    status: "PLACEHOLDER",
    ...VERSION_NOTICE,
  },
];

/**
 * Shanxi: Level 2 as the national default (the prefecture reviews, the province grades: [H][Q]) with a public
 * notice of 3 working days [Q]; Levels 1 and 2 only [H], so its Level 3 row keeps the national bodies (for
 * grades already held) but grants nothing.
 */
export const PROVINCIAL_AUTHORITY_ROWS: LevelAuthorityRow[] = [
  {
    ...NATIONAL_AUTHORITY_DEFAULTS[1],
    provinceCode: "14",
    source:
      "The prefecture reviews (市局初审) and the province grades Level 2: Shanxi notice [Q] and Shanxi rules [H]. " +
      "Who proposes, confirms and publishes decisions: carried from the national defaults (not found for Shanxi).",
    status: "SECONDARY",
    publicNoticeWorkingDays: 3,
    publicNoticeSource:
      "Shanxi public notice of Level 2 gradings under the 2020 定级办法: objections within 3 working days, in writing, " +
      "to the Shanxi emergency management department ([Q], a re-post of the notice: rules-evidence.md).",
    publicNoticeStatus: "SECONDARY",
  },
  {
    ...NATIONAL_AUTHORITY_DEFAULTS[2],
    provinceCode: "14",
    granted: false,
    source: "Shanxi grants Levels 1 and 2 only: Shanxi rules [H] (rules-evidence.md §3.4).",
    status: "VERIFIED",
  },
];

export const AUTHORITY_CONFIG_ROWS: LevelAuthorityRow[] = [
  ...NATIONAL_AUTHORITY_DEFAULTS,
  ...PROVINCIAL_AUTHORITY_ROWS,
];
