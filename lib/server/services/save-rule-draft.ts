import "server-only";
import { todayInChina } from "@/lib/domain/dates";
import { validateDraft } from "@/lib/domain/rule-draft";
import { SCALAR_PARAMETERS, thresholdKey, vetoKey, weightKey } from "@/lib/domain/rule-sources";
import type { RuleSet } from "@/lib/domain/rules";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import { loadDraftForWrite, toDraftRuleSet } from "./rule-draft-rows";
import type { SaveRuleDraftInput } from "@/lib/validation/rule-version";
import { afterCommit } from "@/lib/server/cache/tags";

const EDITABLE_SCALARS = SCALAR_PARAMETERS.filter(
  (k): k is "validityYears" | "publicNoticeDays" | "hiddenDangerWindowMonths" | "stoppedMonthsLimit" =>
    k !== "effectiveFrom" &&
    k !== "gradeRequiredToProduce" &&
    k !== "directExtension" &&
    k !== "directExtensionWindowMonths",
);

/** A decimal number as a form sends it; NaN when it is not one. */
function numberOf(text: string): number {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * Changes the values of a draft rule version (ADMIN only), at the version seen. Fields that are not a
 * parameter of the draft are ignored; the result must pass validateDraft (weights sum to 1 per mine type,
 * Level 1 ≥ Level 2 ≥ Level 3, windows positive) or nothing changes. A changed value's source becomes
 * a placeholder naming the change, until someone records where it comes from.
 */
export async function saveRuleDraft(caller: Caller, input: SaveRuleDraftInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "ruleVersion.manage")) throw forbidden();
  const { code, version, ...fields } = input;
  const write = db.$transaction(async (tx) => {
    const row = await loadDraftForWrite(tx, code, version);
    const rules: RuleSet = toDraftRuleSet(row);
    const fieldErrors: Record<string, string> = {};
    const changed: Record<string, { before: number; after: number }> = {};
    const known = new Set<string>([
      ...EDITABLE_SCALARS,
      ...row.thresholds.map((t) => thresholdKey(t)),
      ...row.elements.map((e) => weightKey(e.mineType, e.code)),
      ...row.vetoes.map((v) => vetoKey(v)),
    ]);
    const values = new Map<string, number>();
    for (const [key, text] of Object.entries(fields)) {
      if (typeof text !== "string") continue;
      // Only the draft's own parameters are read; anything else a request carries is ignored, as a
      // schema would strip it.
      if (!known.has(key)) continue;
      const n = numberOf(text);
      if (Number.isNaN(n)) fieldErrors[key] = "number";
      else values.set(key, n);
    }
    const take = (key: string, current: number) => {
      const next = values.get(key);
      if (next === undefined || next === current) return current;
      changed[key] = { before: current, after: next };
      return next;
    };
    for (const k of EDITABLE_SCALARS) rules[k] = take(k, rules[k]);
    rules.thresholds = rules.thresholds.map((t) => ({ ...t, minScore: take(thresholdKey(t), t.minScore) }));
    rules.elements = rules.elements.map((e) => ({ ...e, weight: take(weightKey(e.mineType, e.code), e.weight) }));
    rules.vetoes = rules.vetoes.map((v) => ({ ...v, windowMonths: take(vetoKey(v), v.windowMonths) }));
    for (const [key, message] of Object.entries(validateDraft(rules))) if (key in fields) fieldErrors[key] ??= message;
    // A problem on a field the form did not send (a partial form) is still a problem.
    const all = validateDraft(rules);
    if (Object.keys(fieldErrors).length > 0 || Object.keys(all).length > 0)
      throw new ServiceError("VALIDATION", "validation", { ...all, ...fieldErrors });

    for (const t of row.thresholds) {
      const c = changed[thresholdKey(t)];
      if (c) await tx.ruleLevelThreshold.update({ where: { id: t.id }, data: { minScore: c.after } });
    }
    for (const e of row.elements) {
      const c = changed[weightKey(e.mineType, e.code)];
      if (c) await tx.ruleElement.update({ where: { id: e.id }, data: { weight: c.after } });
    }
    for (const v of row.vetoes) {
      const c = changed[vetoKey(v)];
      if (c) await tx.ruleVeto.update({ where: { id: v.id }, data: { windowMonths: c.after } });
    }
    const scalars = Object.fromEntries(EDITABLE_SCALARS.filter((k) => changed[k]).map((k) => [k, changed[k].after]));
    const bumped = await tx.ruleVersion.updateMany({
      where: { id: row.id, version, publishedAt: null },
      data: { ...scalars, version: { increment: 1 } },
    });
    if (bumped.count !== 1) throw new ServiceError("CONFLICT", "ruleVersionChanged");
    const today = todayInChina();
    for (const [parameter, c] of Object.entries(changed)) {
      const source = `Changed on ${today} from ${c.before} to ${c.after}; no source recorded yet`;
      await tx.ruleParameterSource.upsert({
        where: { ruleVersionId_parameter: { ruleVersionId: row.id, parameter } },
        create: { ruleVersionId: row.id, parameter, source, status: "PLACEHOLDER" },
        update: { source, status: "PLACEHOLDER" },
      });
    }
    await audit(tx, {
      actorId: caller.id,
      action: "ruleVersion.edit",
      entity: "RuleVersion",
      entityId: code,
      before: { version, ...Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.before])) },
      after: { version: version + 1, ...Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.after])) },
    });
    return { code, changed: Object.keys(changed).length };
  });
  return afterCommit(write, () => ({ rules: true }));
}
