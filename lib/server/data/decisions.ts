import "server-only";
import { decisionBodies, type Body } from "@/lib/domain/authority-config";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DecisionStatus } from "@/lib/generated/prisma/enums";
import { can, mayDecide, mayProposeSomewhere } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { db as defaultDb, type Db } from "@/lib/server/db";

export const DECISION_STATUSES = Object.values(DecisionStatus);
export type DecisionStatusFilter = DecisionStatus;

/**
 * Decisions on mines in the caller's scope (regulators only), newest first, with what the caller may do:
 * decide on each (canDecide), and propose at all (proposes).
 */
export async function listDecisions(
  caller: Caller,
  filter: { status: DecisionStatusFilter; page?: number; pageSize?: number },
  opts: { db?: Db } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "decision.propose") && !can(caller.role, "decision.confirm"))
    return { items: [], total: 0, proposes: false };
  const where: Prisma.DecisionWhereInput = { status: filter.status, mine: mineScope(caller) };
  const pageSize = filter.pageSize ?? 50;
  const page = filter.page ?? 1;
  const [total, rows] = await Promise.all([
    db.decision.count({ where }),
    db.decision.findMany({
      where,
      orderBy: [{ proposedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        mine: {
          select: { code: true, name: true, nameEn: true, provinceCode: true, prefectureCode: true, countyCode: true },
        },
        authority: { select: { nameZh: true, nameEn: true } },
        proposerAuthority: { select: { nameZh: true, nameEn: true } },
        grade: { select: { level: true, announcedOn: true, validUntil: true } },
      },
    }),
  ]);
  const [config, authorities] = await Promise.all([
    authorityConfig(db),
    db.authority.findMany({ select: { kind: true, regionCode: true, nameZh: true, nameEn: true } }),
  ]);
  const named = (body: Body | undefined) =>
    body ? (authorities.find((a) => a.kind === body.kind && a.regionCode === body.regionCode) ?? null) : null;
  return {
    items: rows.map((d) => ({
      ...d,
      canDecide: d.status === "PROPOSED" && mayDecide(caller, config, d.mine, d.fromLevel),
      // Who must act on a proposal, by the configuration (null where no such authority is registered).
      confirmer: named(decisionBodies(config, d.mine, d.fromLevel)?.confirmer),
    })),
    total,
    // Whether the caller proposes at some level (the configuration's proposer): the stopped-mine scan is its.
    proposes: mayProposeSomewhere(caller, config),
  };
}
