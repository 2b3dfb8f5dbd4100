import "server-only";
import { todayInChina } from "@/lib/domain/dates";
import { stoppedTrigger } from "@/lib/domain/triggers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidate, type CacheChange } from "@/lib/server/cache/tags";
import { can, mayPropose, mayProposeSomewhere } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { gradeInForce, statusPeriodFacts } from "@/lib/server/data/mine-facts";
import { authorityConfig, consequencePlace } from "@/lib/server/data/grading-config";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import { inForceOn } from "@/lib/server/grade-in-force";
import { invalidateFromJob } from "@/lib/server/jobs/invalidate";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";
import { saveProposals } from "./save-proposals";

/**
 * Proposes revocation for graded mines in the caller's scope that have been stopped longer than the
 * rule version allows. Idempotent (one proposal per stoppage and grade), so it can run any time. Only
 * the configured proposer proposes (ProvinceGradingConfig.proposerKind): a regulator who proposes at no
 * level is refused ("notProposer"), and one who does proposes only for the mines and grade levels it
 * is the proposer of.
 */
export async function scanStoppedMines(caller: Caller, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "decision.propose")) throw forbidden();
  const config = await authorityConfig(db);
  if (!mayProposeSomewhere(caller, config)) throw forbidden("notProposer");
  return proposeForStoppedMines(db, today, {
    where: mineScope(caller),
    mayProposeFor: (mine, level) => mayPropose(caller, config, mine, level),
    actorId: caller.id,
  });
}

/**
 * The daily scan of the scheduled jobs (lib/server/jobs): every mine in every jurisdiction, under the
 * system actor. Each proposal is made in the name of the body the configuration names as proposer
 * for the mine and level (saveProposals), exactly as a regulator's scan would; the system actor only
 * stands where a person's id would be (Decision.proposedById, the audit rows).
 */
export async function scanStoppedMinesEverywhere(opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  return proposeForStoppedMines(db, opts.today ?? todayInChina(), {
    where: {},
    mayProposeFor: () => true,
    actorId: SYSTEM_ACTOR_ID,
    invalidate: (change) => invalidateFromJob(db, change),
  });
}

async function proposeForStoppedMines(
  db: Db,
  today: string,
  who: {
    where: Prisma.MineWhereInput;
    mayProposeFor: (
      mine: { provinceCode: string; prefectureCode: string; countyCode: string },
      level: number,
    ) => boolean;
    actorId: number;
    /** How the cache learns of a mine's new proposals (a job's way differs from a request's). */
    invalidate?: (change: CacheChange) => void | Promise<void>;
  },
) {
  const rules = await ruleSetOn(today, { db });
  if (!rules) return { proposed: 0, examined: 0 };
  // Candidates: stopped now, with a grade in force; the trigger itself decides on the duration.
  const candidates = await db.mine.findMany({
    where: {
      AND: [who.where],
      status: "STOPPED",
      grades: { some: inForceOn(today) },
    },
    select: { id: true, code: true, provinceCode: true, prefectureCode: true, countyCode: true },
  });
  let proposed = 0;
  for (const mine of candidates) {
    const created = await db.$transaction(async (tx) => {
      const grade = await gradeInForce(tx, mine.id, today);
      if (!grade || !who.mayProposeFor(mine, grade.level)) return [];
      const place = await consequencePlace(tx, mine.provinceCode);
      const fired = stoppedTrigger(rules.rules, grade, await statusPeriodFacts(tx, mine.id), today, place);
      return fired ? saveProposals(tx, mine, grade.id, [fired], who.actorId) : [];
    });
    // A proposal shows on the regulators' view of the mine's profile (lib/server/data/mines.ts).
    if (created.length)
      await (who.invalidate ?? invalidate)({ mines: [{ code: mine.code, countyCode: mine.countyCode }] });
    proposed += created.length;
  }
  return { proposed, examined: candidates.length };
}
