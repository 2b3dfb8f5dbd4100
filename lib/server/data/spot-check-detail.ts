import "server-only";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { scoreSheet, ScoreInputError, type ElementInput, type PartResult } from "@/lib/domain/grading";
import { elementsFor } from "@/lib/domain/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { loadRuleSet } from "./rules";

export interface ReplyView {
  id: number;
  text: string;
  createdAt: Date;
  authorName: string;
}

const replyOrder: Prisma.ReplyOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
const replyFields = {
  id: true,
  text: true,
  createdAt: true,
  author: { select: { name: true } },
} satisfies Prisma.ReplySelect;

function toReply(r: { id: number; text: string; createdAt: Date; author: { name: string } }): ReplyView {
  return { id: r.id, text: r.text, createdAt: r.createdAt, authorName: r.author.name };
}

/**
 * One spot-check of one mine, or null when the mine is out of the caller's scope, the spot-check
 * belongs to another mine (the URL holds both ids), or it is a draft and the caller a mine manager.
 * Findings carry their replies and whether they are overdue (deadline passed, not rectified).
 */
export async function getSpotCheckDetail(
  caller: Caller,
  mineCode: string,
  spotCheckId: number,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "mine.read") || !Number.isSafeInteger(spotCheckId) || spotCheckId <= 0) return null;
  const mine = await db.mine.findFirst({
    where: { AND: [{ code: mineCode }, mineScope(caller)] },
    select: { id: true, code: true, name: true, nameEn: true, type: true },
  });
  if (!mine) return null;
  const check = await db.spotCheck.findFirst({
    where: { id: spotCheckId, mineId: mine.id, ...(caller.role === "MINE_MANAGER" ? { status: "COMPLETED" } : {}) },
    include: {
      authority: { select: { nameZh: true, nameEn: true } },
      scoresheet: {
        include: {
          scores: true,
          ruleVersion: { select: { id: true, code: true, nameZh: true, nameEn: true } },
        },
      },
      findings: { orderBy: { id: "asc" }, include: { replies: { orderBy: replyOrder, select: replyFields } } },
      hiddenDangers: { orderBy: { id: "asc" }, select: { id: true, description: true, rectifiedOn: true } },
    },
  });
  if (!check) return null;

  const loaded = await loadRuleSet({ id: check.scoresheet.ruleVersionId }, { db });
  const ruleElements = loaded ? elementsFor(loaded.rules, check.scoresheet.mineType) : [];
  const byCode = new Map(check.scoresheet.scores.map((s) => [s.elementCode, s]));
  const elements = ruleElements.map((e) => {
    const s = byCode.get(e.code);
    return {
      code: e.code,
      partCode: e.partCode,
      nameZh: e.nameZh,
      nameEn: e.nameEn,
      weight: e.weight,
      score: s && !s.notApplicable && s.score !== null ? Number(s.score) : null,
      notApplicable: s ? s.notApplicable || s.score === null : false,
      recorded: s !== undefined,
    };
  });
  // Scores stored under a code the rule version does not know are still shown, last.
  for (const s of check.scoresheet.scores) {
    if (ruleElements.some((e) => e.code === s.elementCode)) continue;
    elements.push({
      code: s.elementCode,
      partCode: "",
      nameZh: s.elementCode,
      nameEn: s.elementCode,
      weight: 0,
      score: s.score === null ? null : Number(s.score),
      notApplicable: s.notApplicable,
      recorded: true,
    });
  }

  let parts: (PartResult & { nameZh: string; nameEn: string })[] = [];
  if (loaded) {
    const scores: Record<string, ElementInput> = Object.fromEntries(
      check.scoresheet.scores.map((s) => [s.elementCode, s.notApplicable || s.score === null ? null : Number(s.score)]),
    );
    try {
      const sheet = scoreSheet(loaded.rules, check.scoresheet.mineType, scores);
      parts = sheet.parts.map((p) => {
        const named = loaded.rules.parts.find((r) => r.code === p.code);
        return { ...p, nameZh: named?.nameZh ?? p.code, nameEn: named?.nameEn ?? p.code };
      });
    } catch (e) {
      if (!(e instanceof ScoreInputError)) throw e;
    }
  }

  const elementName = new Map(elements.map((e) => [e.code, { nameZh: e.nameZh, nameEn: e.nameEn }]));
  const findings = check.findings.map((f) => {
    const rectifyBy = f.rectifyBy ? isoDate(f.rectifyBy) : null;
    const rectifiedOn = f.rectifiedOn ? isoDate(f.rectifiedOn) : null;
    return {
      id: f.id,
      elementCode: f.elementCode,
      elementName: elementName.get(f.elementCode) ?? null,
      text: f.text,
      severity: f.severity,
      rectifyBy,
      rectifiedOn,
      overdue: rectifyBy !== null && rectifiedOn === null && rectifyBy < today,
      replies: f.replies.map(toReply),
    };
  });

  return {
    mine,
    today,
    spotCheck: {
      id: check.id,
      checkedOn: isoDate(check.checkedOn),
      type: check.type,
      status: check.status,
      conclusion: check.conclusion,
      team: check.team,
      notes: check.notes,
      /** Bumped by every amendment; the amendment form sends back the version it was rendered from. */
      version: check.version,
      authority: check.authority,
      ruleVersion: check.scoresheet.ruleVersion,
      total: Number(check.scoresheet.total),
      level: check.scoresheet.level,
    },
    elements,
    parts,
    findings,
    hiddenDangers: check.hiddenDangers.map((h) => ({
      id: h.id,
      description: h.description,
      rectifiedOn: h.rectifiedOn ? isoDate(h.rectifiedOn) : null,
    })),
  };
}

export type SpotCheckDetail = NonNullable<Awaited<ReturnType<typeof getSpotCheckDetail>>>;

/**
 * Replies to the decisions of a mine the caller can read, by decision id (empty when the mine is out
 * of scope). Managers only see decisions once confirmed, so only replies to those are returned to them.
 */
export async function decisionReplies(
  caller: Caller,
  mineCode: string,
  opts: { db?: Db } = {},
): Promise<Map<number, ReplyView[]>> {
  const db = opts.db ?? defaultDb;
  const out = new Map<number, ReplyView[]>();
  if (!can(caller.role, "mine.read")) return out;
  const rows = await db.reply.findMany({
    where: {
      decision: {
        mine: { AND: [{ code: mineCode }, mineScope(caller)] },
        ...(caller.role === "MINE_MANAGER" ? { status: "CONFIRMED" } : {}),
      },
    },
    orderBy: replyOrder,
    select: { ...replyFields, decisionId: true },
  });
  for (const r of rows) {
    if (r.decisionId === null) continue;
    const list = out.get(r.decisionId) ?? [];
    list.push(toReply(r));
    out.set(r.decisionId, list);
  }
  return out;
}
