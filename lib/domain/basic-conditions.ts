// The basic conditions (基本条件) gate: a mine that fails a basic condition of the rule version in
// force cannot be graded (rules-evidence.md §3.3; the conditions are data, basic-condition-data.ts and
// RuleBasicCondition). The applicant states, for each condition, whether the mine meets it and on what
// evidence. Pure functions: the field keys are those of the application form.

export interface ConditionRecord {
  /** Met (true), not met (false), or not answered (null). */
  met: boolean | null;
  evidence: string;
}

/** The form's field for a condition's answer and for its evidence. */
export const conditionField = (code: string) => `conditions.${code}.met`;
export const evidenceField = (code: string) => `conditions.${code}.evidence`;

/**
 * What is wrong with the recorded conditions, by form field: a condition of the version not answered
 * (conditionMissing) or not met (conditionUnmet), an answer without evidence (evidenceRequired), and an
 * answer to a condition the version does not have (unknownCondition). Empty: the gate is passed.
 */
export function conditionProblems(
  conditions: readonly { code: string }[],
  recorded: Readonly<Record<string, ConditionRecord | undefined>>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(conditions.map((c) => c.code));
  for (const { code } of conditions) {
    const r = recorded[code];
    if (!r || r.met === null) problems[conditionField(code)] = "conditionMissing";
    else if (!r.met) problems[conditionField(code)] = "conditionUnmet";
    if (r && r.met !== null && r.evidence.trim() === "") problems[evidenceField(code)] = "evidenceRequired";
  }
  for (const code of Object.keys(recorded)) if (!known.has(code)) problems[conditionField(code)] = "unknownCondition";
  return problems;
}

/**
 * The conditions of the version that the stored rows do not show as met (missing or not met): what a
 * reviewer or assessor must not pass, in case the data changed after the submission.
 */
export function unmetConditions(
  conditions: readonly { code: string }[],
  rows: readonly { conditionCode: string; met: boolean }[],
): string[] {
  const met = new Set(rows.filter((r) => r.met).map((r) => r.conditionCode));
  return conditions.map((c) => c.code).filter((code) => !met.has(code));
}
