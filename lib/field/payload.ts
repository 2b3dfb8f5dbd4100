// From a draft as typed to the submission of the contract (lib/field/contract.ts), and the checks the
// field app makes before it queues a draft. Pure functions: the unit tests and the sync client share them.
import { validateScores } from "@/lib/domain/grading";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import type { SyncFile, SyncRequest, SyncSpotCheck } from "./contract";
import type { Draft, DraftFields, DraftPhoto } from "./store";

/** A typed score as the engine reads it: "" is missing, 缺项 is null, anything else a number (NaN when it is not one). */
export function scoreValues(fields: Pick<DraftFields, "scores" | "notApplicable">, codes: readonly string[]) {
  const values: Record<string, number | null | undefined> = {};
  for (const code of codes) {
    const text = (fields.scores[code] ?? "").trim();
    values[code] = fields.notApplicable[code] ? null : text === "" ? undefined : Number(text);
  }
  return values;
}

/**
 * What stops a draft from being queued, by field path (the keys the server uses, message keys under
 * "errors"): a score missing, out of range or not a number. The server checks everything again.
 */
export function scoreProblems(fields: DraftFields, rules: RuleSet, mineType: MineType): Record<string, string> {
  const codes = elementsFor(rules, mineType).map((e) => e.code);
  const values = scoreValues(fields, codes);
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const problems: Record<string, string> = {};
  for (const issue of validateScores(rules, mineType, typed)) {
    if (issue.problem === "OUT_OF_RANGE" || issue.problem === "NOT_A_NUMBER")
      problems[`scores.${issue.elementCode}`] = `score_${issue.problem}`;
  }
  for (const code of codes) if (values[code] === undefined) problems[`scores.${code}`] ??= "score_MISSING";
  return problems;
}

/** The spot-check of a draft: blank optional fields left out, a score that is not a finite number left out. */
export function toSpotCheck(draft: Draft): SyncSpotCheck {
  const scores: Record<string, number | null> = {};
  for (const [code, text] of Object.entries(draft.scores)) {
    if (draft.notApplicable[code]) continue;
    const t = text.trim();
    if (t !== "" && Number.isFinite(Number(t))) scores[code] = Number(t);
  }
  for (const [code, na] of Object.entries(draft.notApplicable)) if (na) scores[code] = null;
  return {
    mineCode: draft.mineCode,
    checkedOn: draft.checkedOn,
    type: draft.type,
    team: draft.team,
    scores,
    findings: draft.findings.map((f) => ({
      elementCode: f.elementCode,
      text: f.text,
      severity: f.severity,
      ...(f.rectifyBy ? { rectifyBy: f.rectifyBy } : {}),
    })),
    majorHiddenDangers: draft.majorHiddenDangers.map((d) => ({ description: d.description })),
    conclusion: draft.conclusion,
    ...(draft.notes ? { notes: draft.notes } : {}),
  };
}

/** The photos of a draft as the contract names them: their owner by its position; a removed owner's photo is left out. */
export function toSyncFiles(draft: Draft, photos: readonly DraftPhoto[]): SyncFile[] {
  return photos.flatMap((p) => {
    const list = p.owner.kind === "finding" ? draft.findings : draft.majorHiddenDangers;
    const index = list.findIndex((x) => x.id === p.owner.id);
    if (index < 0) return [];
    return [
      {
        fileKey: p.fileKey,
        owner: { kind: p.owner.kind, index },
        filename: p.filename,
        size: p.size,
        sha256: p.sha256,
      },
    ];
  });
}

export function toSyncRequest(draft: Draft, photos: readonly DraftPhoto[]): SyncRequest {
  return {
    key: draft.key,
    userId: draft.userId,
    basis: draft.basis,
    ...(draft.confirm ? { confirm: true } : {}),
    spotCheck: toSpotCheck(draft),
    files: toSyncFiles(draft, photos),
  };
}
