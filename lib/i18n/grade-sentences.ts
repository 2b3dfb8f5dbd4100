// The grading engine's reasons and a decision's evidence as sentences in the reader's language: "why
// this grade" and the decisions page say the same thing the same way, never in codes (THRESHOLD_MISSED,
// BASIC). Pure: the caller passes the translators, formatters and names.
import { z } from "zod";
import type { Reason } from "@/lib/domain/grading";
import { VetoKind } from "@/lib/generated/prisma/enums";
import type { DisplayFormat } from "./format";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface SentenceKit {
  /** The "managerView" catalogue namespace: reason.* and accidentClass.* */
  t: Translate;
  f: DisplayFormat;
  /** A part's name in the reader's language (its code when unknown); null is the total. */
  partName: (code: string) => string;
  elementName?: (code: string) => string;
  /** How the language joins a list ("、" in Chinese). */
  listSeparator: string;
}

/** One reason of the engine (lib/domain/grading.ts Reason) as a sentence. */
export function reasonSentence(r: Reason, { t, f, partName, elementName, listSeparator }: SentenceKit): string {
  const what = (partCode: string | null) => (partCode === null ? t("why.theTotal") : partName(partCode));
  switch (r.code) {
    case "NOT_APPLICABLE_RENORMALISED":
      return t("reason.NOT_APPLICABLE_RENORMALISED", {
        count: r.elementCodes.length,
        elements: r.elementCodes.map((c) => `${c} ${elementName?.(c) ?? ""}`.trim()).join(listSeparator),
      });
    case "OPEN_PIT_ELEMENT_SET":
      return t("reason.OPEN_PIT_ELEMENT_SET");
    case "THRESHOLD_MET":
    case "THRESHOLD_MISSED":
      return t(`reason.${r.code}`, {
        level: f.level(r.level),
        what: r.elementCode ? `${r.elementCode} ${elementName?.(r.elementCode) ?? ""}`.trim() : what(r.partCode),
        score: f.score(r.score),
        required: f.score(r.required),
        margin: f.margin(r.score - r.required),
      });
    case "PART_NOT_ASSESSED":
      return t("reason.PART_NOT_ASSESSED", {
        level: f.level(r.level),
        what: what(r.partCode),
        required: f.score(r.required),
      });
    case "VETO":
      return t(`reason.VETO_${r.kind}`, {
        level: f.level(r.level),
        accidentClass: r.accidentClass ? t(`accidentClass.${r.accidentClass}`) : "",
        eventOn: f.date(r.eventOn),
        windowMonths: r.windowMonths,
        until: f.date(r.until),
      });
    case "LEVEL_NOT_DEFINED":
    case "LEVEL_REACHED":
      return t(`reason.${r.code}`, { level: f.level(r.level) });
    case "NO_LEVEL_REACHED":
      return t("reason.NO_LEVEL_REACHED");
  }
}

// Decision.evidence is JSON written by the triggers (lib/domain/triggers.ts) and, in older shapes, by
// the seed and imports: every field is optional, and one that does not parse is left out, not shown raw.
const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);
const missed = z.union([
  z.object({
    code: z.literal("THRESHOLD_MISSED"),
    level,
    partCode: z.string().nullable(),
    score: z.number(),
    required: z.number(),
  }),
  z.object({ code: z.literal("PART_NOT_ASSESSED"), level, partCode: z.string().nullable(), required: z.number() }),
]);
const veto = z.object({
  code: z.literal("VETO"),
  level,
  kind: z.enum(VetoKind),
  accidentClass: z.enum(["ORDINARY", "LARGER", "MAJOR", "EXTRAORDINARY"]).nullable(),
  eventOn: day,
  windowMonths: count,
  until: day,
});
const evidenceSchema = z.object({
  occurredOn: day.optional().catch(undefined),
  deaths: count.optional().catch(undefined),
  checkedOn: day.optional().catch(undefined),
  total: z.number().nullable().optional().catch(undefined),
  level: level.nullable().optional().catch(undefined),
  parts: z
    .array(z.object({ code: z.string(), score: z.number().nullable() }))
    .optional()
    .catch(undefined),
  missed: z.array(missed).optional().catch(undefined),
  vetoes: z.array(veto).optional().catch(undefined),
  regulator: count.optional().catch(undefined),
  regulatorCount: count.optional().catch(undefined),
  selfReported: count.optional().catch(undefined),
  selfReportedCount: count.optional().catch(undefined),
  windowMonths: count.optional().catch(undefined),
  windowEnd: day.optional().catch(undefined),
  stoppedSince: day.optional().catch(undefined),
  daysStopped: count.optional().catch(undefined),
  stoppedMonthsLimit: count.optional().catch(undefined),
  monthsLimit: count.optional().catch(undefined),
  note: z.string().max(2000).optional().catch(undefined),
});

/**
 * A decision's evidence as sentences: the accident, the spot-check and what it missed, the hidden-danger
 * counts, the stoppage, a note. `td` is the "decisions" catalogue namespace (evidenceText.*).
 */
export function evidenceSentences(evidence: unknown, td: Translate, kit: SentenceKit): string[] {
  const parsed = evidenceSchema.safeParse(evidence ?? {});
  if (!parsed.success) return [];
  const e = parsed.data;
  const { f } = kit;
  const out: string[] = [];
  if (e.occurredOn) {
    out.push(
      td("evidenceText.accident", {
        date: f.date(e.occurredOn),
        deaths: e.deaths ?? 0,
        known: e.deaths === undefined ? "no" : "yes",
      }),
    );
  }
  if (e.checkedOn) {
    out.push(
      td("evidenceText.spotCheck", {
        date: f.date(e.checkedOn),
        total: e.total === undefined || e.total === null ? "—" : f.score(e.total),
        scored: e.total === undefined || e.total === null ? "no" : "yes",
      }),
    );
    if (e.parts?.length) {
      const parts = e.parts.map((p) => `${kit.partName(p.code)} ${f.score(p.score)}`).join(kit.listSeparator);
      out.push(td("evidenceText.parts", { parts }));
    }
    if (e.level !== undefined)
      out.push(
        e.level === null
          ? td("evidenceText.scoresReachNone")
          : td("evidenceText.scoresReach", { level: f.level(e.level) }),
      );
    for (const r of e.missed ?? []) out.push(reasonSentence(r, kit));
    for (const r of e.vetoes ?? []) out.push(reasonSentence(r, kit));
  }
  const regulator = e.regulatorCount ?? e.regulator;
  const selfReported = e.selfReportedCount ?? e.selfReported;
  if (regulator !== undefined && selfReported !== undefined) {
    out.push(
      td("evidenceText.hiddenDangers", {
        months: e.windowMonths ?? 0,
        end: e.windowEnd ? f.date(e.windowEnd) : "",
        hasEnd: e.windowEnd ? "yes" : "no",
        regulator,
        selfReported,
      }),
    );
  }
  if (e.stoppedSince) {
    out.push(
      td("evidenceText.stopped", {
        since: f.date(e.stoppedSince),
        days: e.daysStopped ?? 0,
        hasDays: e.daysStopped === undefined ? "no" : "yes",
        limit: e.stoppedMonthsLimit ?? e.monthsLimit ?? 0,
      }),
    );
  }
  if (e.note) out.push(td("evidenceText.note", { note: e.note }));
  return out;
}
