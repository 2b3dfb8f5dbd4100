import "server-only";
import { isoDate } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";

export interface SelfReportedDanger {
  id: number;
  foundOn: string;
  description: string;
  /** The day it was rectified; null while it is open. */
  rectifiedOn: string | null;
  reportedAt: Date;
}

/**
 * The major hidden dangers a mine reported itself (自查上报), newest first, for any reader of the mine
 * (its manager, regulators and officials of its region); null when the mine is absent or out of the
 * caller's scope. They weigh against regulators' findings in the hidden-danger trigger, so the mine
 * profile lists them beside the count.
 */
export async function selfReportedDangers(
  caller: Caller,
  mineCode: string,
  opts: { db?: Db } = {},
): Promise<SelfReportedDanger[] | null> {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "mine.read")) return null;
  const mine = await db.mine.findFirst({
    where: { AND: [{ code: mineCode }, mineScope(caller)] },
    select: {
      hiddenDangers: {
        where: { source: "SELF_REPORTED" },
        orderBy: [{ foundOn: "desc" }, { id: "desc" }],
        select: { id: true, foundOn: true, description: true, rectifiedOn: true, createdAt: true },
      },
    },
  });
  if (!mine) return null;
  return mine.hiddenDangers.map((h) => ({
    id: h.id,
    foundOn: isoDate(h.foundOn),
    description: h.description,
    rectifiedOn: h.rectifiedOn ? isoDate(h.rectifiedOn) : null,
    reportedAt: h.createdAt,
  }));
}
