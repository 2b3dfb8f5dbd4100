// Who decides, as shipped (ProvinceGradingConfig rows, rules-evidence.md; letters in brackets are its
// sources): the national defaults and the provincial rows the evidence supports. The seed writes them;
// a regulator corrects them in the database. Each row's status is the weakest of its fields, and its
// source says which field rests on what.
import type { LevelAuthority } from "./authority-config";
import type { ParameterStatus } from "./rules";

export interface LevelAuthorityRow extends LevelAuthority {
  source: string;
  status: ParameterStatus;
}

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
  },
];

/** Shanxi grants Levels 1 and 2 only [H]: its Level 3 row keeps the national bodies (for grades already held) but grants nothing. */
export const PROVINCIAL_AUTHORITY_ROWS: LevelAuthorityRow[] = [
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
