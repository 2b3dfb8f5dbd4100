// What each dynamic-management trigger does to a grade, per shipped rule version, with the source of
// every row and how far it is established (rules-evidence.md, letters in brackets are its sources).
// The seed writes these rows to RuleConsequence; the portal then reads them from the database, where
// a regulator corrects them. Nothing outside this file and that table holds a consequence.
import type { ConsequenceTrigger, Level, ParameterStatus, RuleConsequence } from "./rules";

type Row = [
  fromLevel: Level,
  trigger: ConsequenceTrigger,
  toLevel: Level | null,
  source: string,
  status: ParameterStatus,
];

function national(list: Row[], effectiveFromEvent: (t: ConsequenceTrigger) => boolean): RuleConsequence[] {
  return list.map(([fromLevel, trigger, toLevel, source, status]) => ({
    provinceCode: "",
    fromLevel,
    trigger,
    toLevel,
    effectiveFromEvent: effectiveFromEvent(trigger),
    source,
    status,
  }));
}

const ACCIDENTS = ["ORDINARY_ACCIDENT", "LARGER_ACCIDENT", "MAJOR_ACCIDENT", "EXTRAORDINARY_ACCIDENT"] as const;
const isAccident = (t: ConsequenceTrigger) => (ACCIDENTS as readonly string[]).includes(t);
const LEVELS: readonly Level[] = [1, 2, 3];

const L3_INFERRED =
  "Inferred: no level below Level 3, so one level down is revocation (not found in the published texts; rules-evidence.md §1)";
const LARGER_REVOKED =
  "[P] 2017-regime exam: a larger (较大) or worse accident revokes the grade (wording only; rules-evidence.md §1)";
const HIDDEN_ONE_DOWN =
  "[C] 2020-regime exam wording: regulators' major hidden dangers above self-reports take the grade one level down, Level 3 revoked (N blank; rules-evidence.md §1)";
const STOPPED_REVOKED =
  "[C] 2020-regime exam wording: production stopped beyond the limit revokes the grade (N blank; rules-evidence.md §1)";

/** The rows every version shares: larger accidents revoke; hidden dangers one level down; stoppage revokes. */
function shared(): Row[] {
  return [
    ...ACCIDENTS.slice(1).flatMap((t) => LEVELS.map((l): Row => [l, t, null, LARGER_REVOKED, "SECONDARY"])),
    [1, "HIDDEN_DANGERS", 2, HIDDEN_ONE_DOWN, "SECONDARY"],
    [2, "HIDDEN_DANGERS", 3, HIDDEN_ONE_DOWN, "SECONDARY"],
    [3, "HIDDEN_DANGERS", null, HIDDEN_ONE_DOWN, "SECONDARY"],
    ...LEVELS.map((l): Row => [l, "PRODUCTION_STOPPED", null, STOPPED_REVOKED, "SECONDARY"]),
  ];
}

/** Level 2 → 3 and Level 3 revoked after an ordinary fatal accident (the common summary, domain.md). */
function ordinaryBelowLevel1(doc: string): Row[] {
  return [
    [
      2,
      "ORDINARY_ACCIDENT",
      3,
      `${doc}: one level down after an ordinary fatal accident (common summary, domain.md; not found in [D])`,
      "SECONDARY",
    ],
    [3, "ORDINARY_ACCIDENT", null, L3_INFERRED, "PLACEHOLDER"],
  ];
}

export const CONSEQUENCES_2017: RuleConsequence[] = national(
  [
    [
      1,
      "ORDINARY_ACCIDENT",
      3,
      "Not found for the 2017 measures (煤安监行管〔2017〕5号); carried from the 2020 practice in NMSA announcements [D]",
      "PLACEHOLDER",
    ],
    ...ordinaryBelowLevel1("煤安监行管〔2017〕5号"),
    ...shared(),
  ],
  isAccident,
);

const SHANXI_2020: RuleConsequence = {
  provinceCode: "14",
  fromLevel: 1,
  trigger: "ORDINARY_ACCIDENT",
  toLevel: null,
  effectiveFromEvent: true,
  source:
    "[D] NMSA announcements under 煤安监行管〔2020〕16号: Shanxi revoked Level 1 after an ordinary fatal accident, from the accident date",
  status: "VERIFIED",
};

export const CONSEQUENCES_2020: RuleConsequence[] = [
  ...national(
    [
      [
        1,
        "ORDINARY_ACCIDENT",
        3,
        "[D] NMSA announcements under 煤安监行管〔2020〕16号 (Anhui, Henan, Gansu): Level 1 → Level 3 after an ordinary fatal accident, from the accident date",
        "VERIFIED",
      ],
      ...ordinaryBelowLevel1("煤安监行管〔2020〕16号"),
      ...shared(),
    ],
    isAccident,
  ),
  SHANXI_2020,
];

export const CONSEQUENCES_2024: RuleConsequence[] = national(
  [
    [
      1,
      "ORDINARY_ACCIDENT",
      2,
      "Not in rules-evidence.md: an earlier reading reported Level 1 → Level 2 under 矿安〔2024〕109号 (also in Shanxi); unverified",
      "PLACEHOLDER",
    ],
    ...ordinaryBelowLevel1("矿安〔2024〕109号"),
    ...shared(),
  ],
  isAccident,
);
