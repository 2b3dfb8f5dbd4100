import "server-only";
import { invalidate } from "@/lib/server/cache/tags";
import { computeGrade, validateScores } from "@/lib/domain/grading";
import { dateValue, isIsoDate, todayInChina } from "@/lib/domain/dates";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import { hiddenDangerTrigger, managementSlideTrigger, type ProposedDecision } from "@/lib/domain/triggers";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import { gradeInForce, hiddenDangerFacts } from "@/lib/server/data/mine-facts";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import type { PreparedFile } from "@/lib/server/files/inspect";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { notifySpotCheckFindings } from "@/lib/server/notifications/events";
import { hasNoNul } from "@/lib/validation/primitives";
import type { SpotCheckInput } from "@/lib/validation/spot-check";
import { consequencePlace } from "@/lib/server/data/grading-config";
import { storeEvidence } from "./attach-evidence";
import { saveProposals } from "./save-proposals";

/** A file to store with the spot-check, as evidence of its finding or major hidden danger number `index`. */
export interface SpotCheckFile {
  owner: { kind: "finding" | "hiddenDanger"; index: number };
  file: PreparedFile;
}

export interface RecordOptions {
  db?: Db;
  today?: string;
  /** The field app's idempotency key (issue 16), recorded with the spot-check. */
  syncKey?: string;
  /** Files checked already (lib/server/files/inspect.ts), stored in the same transaction. */
  files?: SpotCheckFile[];
  /** More writes that belong to the same transaction (the sync deletes the staged photos). */
  alsoInTransaction?: (tx: Tx) => Promise<void>;
}

/** The parts of a spot-check that only its rule version and its mine can judge. */
interface Sheet {
  checkedOn?: string;
  scores?: Record<string, unknown>;
  findings?: { elementCode?: string; rectifyBy?: string }[];
}

/**
 * Every problem of a sheet that needs the rule version in force on its date and the mine's type,
 * all at once (field → catalogue key): the date, each score against the elements, each finding's
 * element and deadline. `rules` null: no rule version on the date; `mineType` null: not known.
 */
function sheetProblems(sheet: Sheet, rules: RuleSet | null, mineType: MineType | null, today: string) {
  const problems: Record<string, string> = {};
  const { checkedOn } = sheet;
  if (checkedOn && checkedOn > today) problems.checkedOn = "dateInFuture";
  else if (checkedOn && !rules) problems.checkedOn = "noRuleVersion";
  if (rules && mineType && sheet.scores) {
    for (const issue of validateScores(rules, mineType, sheet.scores))
      problems[`scores.${issue.elementCode}`] = `score_${issue.problem}`;
  }
  const codes = rules && mineType ? new Set(elementsFor(rules, mineType).map((e) => e.code)) : null;
  sheet.findings?.forEach((f, i) => {
    if (codes && f.elementCode && !codes.has(f.elementCode)) problems[`findings.${i}.elementCode`] = "unknownElement";
    if (checkedOn && f.rectifyBy && f.rectifyBy < checkedOn) problems[`findings.${i}.rectifyBy`] = "rectifyBeforeCheck";
  });
  return problems;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const dateIn = (v: unknown) => (typeof v === "string" && isIsoDate(v.trim()) ? v.trim() : undefined);

/**
 * The sheet problems of a spot-check form the schema refused, read from whatever parts of it are
 * readable, so that one round reports every field (an empty team and a score of 150 together).
 * Nothing beyond the date for a mine the caller may not record spot-checks on.
 */
export async function spotCheckFormProblems(
  caller: Caller,
  raw: unknown,
  opts: { db?: Db; today?: string } = {},
): Promise<Record<string, string>> {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const form = isRecord(raw) ? raw : {};
  const sheet: Sheet = {
    checkedOn: dateIn(form.checkedOn),
    scores: isRecord(form.scores) ? form.scores : undefined,
    findings: Array.isArray(form.findings)
      ? form.findings.map((f) =>
          isRecord(f)
            ? {
                elementCode: typeof f.elementCode === "string" ? f.elementCode.trim() : undefined,
                rectifyBy: dateIn(f.rectifyBy),
              }
            : {},
        )
      : undefined,
  };
  const mineCode = typeof form.mineCode === "string" ? form.mineCode.trim() : "";
  const mine =
    can(caller.role, "spotCheck.record") && mineCode && hasNoNul(mineCode)
      ? await db.mine.findFirst({ where: { AND: [{ code: mineCode }, mineScope(caller)] }, select: { type: true } })
      : null;
  if (!mine) return sheet.checkedOn && sheet.checkedOn > today ? { checkedOn: "dateInFuture" } : {};
  // Without a readable date the form's own elements are those in force today.
  const ruleVersion = await ruleSetOn(sheet.checkedOn ?? today, { db });
  return sheetProblems(sheet, ruleVersion?.rules ?? null, mine.type, today);
}

/**
 * Records a completed spot-check: element scores (graded by the engine under the rule version in
 * force on the check date), findings and major hidden dangers, in one transaction with its audit
 * row and the decisions its triggers propose (management slide; hidden dangers above self-reports).
 */
export async function recordSpotCheck(caller: Caller, input: SpotCheckInput, opts: RecordOptions = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "spotCheck.record")) throw forbidden();

  const result = await db.$transaction(async (tx) => {
    // Scope is checked here, inside the transaction that writes: out of scope reads as not found.
    const mine = await tx.mine.findFirst({ where: { AND: [{ code: input.mineCode }, mineScope(caller)] } });
    if (!mine) throw notFound();
    const ruleVersion = await ruleSetOn(input.checkedOn, { db: tx });
    const fieldErrors = sheetProblems(input, ruleVersion?.rules ?? null, mine.type, today);
    if (!ruleVersion || Object.keys(fieldErrors).length)
      throw new ServiceError("VALIDATION", "validation", fieldErrors);
    const { rules } = ruleVersion;

    const result = computeGrade({ rules, mineType: mine.type, scores: input.scores, asOf: input.checkedOn });
    const authority = await authorityOf(tx, caller);
    const scoresheet = await tx.scoresheet.create({
      data: {
        mineId: mine.id,
        ruleVersionId: ruleVersion.id,
        kind: "SPOT_CHECK",
        mineType: mine.type,
        total: result.total ?? 0,
        level: result.level,
        scores: {
          create: Object.entries(input.scores).map(([elementCode, score]) => ({
            elementCode,
            score,
            notApplicable: score === null,
          })),
        },
      },
    });
    const spotCheck = await tx.spotCheck.create({
      data: {
        mineId: mine.id,
        checkedOn: dateValue(input.checkedOn),
        type: input.type,
        status: "COMPLETED",
        authorityId: authority.id,
        team: input.team,
        scoresheetId: scoresheet.id,
        conclusion: input.conclusion,
        notes: input.notes,
        createdById: caller.id,
        syncKey: opts.syncKey,
        findings: {
          create: input.findings.map((f) => ({
            elementCode: f.elementCode,
            text: f.text,
            severity: f.severity,
            rectifyBy: f.rectifyBy ? dateValue(f.rectifyBy) : null,
          })),
        },
        hiddenDangers: {
          create: input.majorHiddenDangers.map((h) => ({
            mineId: mine.id,
            source: "REGULATOR" as const,
            foundOn: dateValue(input.checkedOn),
            description: h.description,
            reportedById: caller.id,
          })),
        },
      },
      include: {
        findings: { select: { id: true }, orderBy: { id: "asc" } },
        hiddenDangers: { select: { id: true }, orderBy: { id: "asc" } },
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "spotCheck.record",
      entity: "SpotCheck",
      entityId: spotCheck.id,
      regionCode: mine.countyCode,
      after: {
        ...input,
        total: result.total,
        level: result.level,
        ruleVersion: rules.code,
        ...(opts.syncKey ? { syncKey: opts.syncKey } : {}),
      },
    });
    // The files, on the records created above (nested creates keep the input's order in their ids).
    for (const kind of ["finding", "hiddenDanger"] as const) {
      const records = kind === "finding" ? spotCheck.findings : spotCheck.hiddenDangers;
      for (const [index, record] of records.entries()) {
        const files = (opts.files ?? []).filter((f) => f.owner.kind === kind && f.owner.index === index);
        if (files.length)
          await storeEvidence(
            tx,
            { kind, id: record.id },
            files.map((f) => f.file),
            { actorId: caller.id, regionCode: mine.countyCode },
          );
      }
    }
    if (opts.alsoInTransaction) await opts.alsoInTransaction(tx);
    await notifySpotCheckFindings(
      tx,
      { id: spotCheck.id, mineId: mine.id, checkedOn: input.checkedOn, findings: input.findings.length },
      caller.id,
    );

    let proposals: { id: number; triggerKey: string }[] = [];
    const grade = await gradeInForce(tx, mine.id, input.checkedOn);
    if (grade) {
      const fired: ProposedDecision[] = [];
      const place = await consequencePlace(tx, mine.provinceCode);
      const slide = managementSlideTrigger(grade, { id: spotCheck.id, checkedOn: input.checkedOn }, result, place);
      if (slide) fired.push(slide);
      const dangers = hiddenDangerTrigger(rules, grade, await hiddenDangerFacts(tx, mine.id), input.checkedOn, place);
      if (dangers) fired.push(dangers);
      proposals = await saveProposals(tx, mine, grade.id, fired, caller.id);
    }
    return { spotCheckId: spotCheck.id, mineCode: mine.code, countyCode: mine.countyCode, result, proposals };
  });
  // The mine's cached figures and pages are stale now (lib/server/cache/tags.ts).
  const { countyCode, ...answer } = result;
  invalidate({ mines: [{ code: answer.mineCode, countyCode }] });
  return answer;
}
