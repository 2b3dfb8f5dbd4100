import "server-only";
import { OPEN_STATES } from "@/lib/domain/application-workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { mayUseApplications } from "@/lib/server/data/applications";
import type { DbOrTx } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";
import { EVIDENCE_OWNER_KINDS, type EvidenceOwnerKind } from "@/lib/validation/evidence-limits";
import type { EvidenceOwner } from "./storage";

// Who may read and who may add the files of a record: exactly who may read and who may write the
// record itself. Reads are a Prisma filter, so a file's page, its download and a list of files apply
// the very same rule in the query (an unreadable file is absent: 404, never 403).

const NOTHING: Prisma.EvidenceFileWhereInput = { id: -1 };

/**
 * The files `caller` may read (null: the public, who reads none: an objector's files are for the
 * regulators who handle the objection, not for other members of the public):
 * - a finding's: the readers of its spot-check (the mine in scope; a manager only once completed);
 * - an accident's, a hidden danger's: the readers of the mine's profile;
 * - an application's: the readers of the application (its mine's manager, regulators in scope, ADMIN);
 * - an objection's: the regulators of the application's mine who handle applications, the ones who
 *   see who objected (a mine manager reads the objection's text, never who objected or their files).
 */
export function readableEvidence(caller: Caller | null): Prisma.EvidenceFileWhereInput {
  if (!caller) return NOTHING;
  const scope = mineScope(caller);
  const byKind: Record<EvidenceOwnerKind, Prisma.EvidenceFileWhereInput> = {
    finding: {
      finding: {
        spotCheck: { mine: scope, ...(caller.role === "MINE_MANAGER" ? { status: "COMPLETED" as const } : {}) },
      },
    },
    accident: { accident: { mine: scope } },
    hiddenDanger: { hiddenDanger: { mine: scope } },
    application: { application: { mine: scope } },
    objection: { objection: { application: { mine: scope } } },
  };
  const or = EVIDENCE_OWNER_KINDS.filter((k) => readsKind(caller, k)).map((k) => byKind[k]);
  return or.length ? { OR: or } : NOTHING;
}

/** Whether the caller's role reads records of this kind at all (which ones is the mine scope). */
function readsKind(caller: Caller, kind: EvidenceOwnerKind): boolean {
  if (!can(caller.role, "mine.read")) return false;
  if (kind === "application") return mayUseApplications(caller);
  if (kind === "objection") return can(caller.role, "application.process");
  return true;
}

export interface OwnerPlace {
  mine: { id: number; code: string; countyCode: string };
  /** The page the record is shown on. */
  path: string;
}

const mineFields = { id: true, code: true, countyCode: true } as const;
const minePath = (code: string) => `/mines/${encodeURIComponent(code)}`;

/**
 * The record `owner` with its mine when `caller` may add files to it now (the writers of the record):
 * - a finding: the regulators who record and amend spot-checks, the mine in their jurisdiction;
 * - an accident: the regulators who record accidents, in their jurisdiction;
 * - a hidden danger: a self-report by its mine's manager; one found in a spot-check by the regulators
 *   who record spot-checks there;
 * - an application: its mine's manager, while it is a draft or in progress.
 * An objection takes its files when it is lodged, in the same transaction (lodgeObjection), never later.
 * A record the caller cannot read is absent (NOT_FOUND); one they read but may not add to, FORBIDDEN.
 */
export async function writableOwner(db: DbOrTx, caller: Caller, owner: EvidenceOwner): Promise<OwnerPlace> {
  const scope = mineScope(caller);
  const inScope = (mine: { id: number }) => db.mine.count({ where: { AND: [{ id: mine.id }, scope] } }).then(Boolean);
  const mayRead = readsKind(caller, owner.kind);
  switch (owner.kind) {
    case "finding": {
      const f = await db.finding.findUnique({
        where: { id: owner.id },
        select: { spotCheck: { select: { id: true, status: true, mine: { select: mineFields } } } },
      });
      if (!f || !mayRead || !(await inScope(f.spotCheck.mine))) throw notFound();
      if (caller.role === "MINE_MANAGER" && f.spotCheck.status !== "COMPLETED") throw notFound();
      if (!can(caller.role, "spotCheck.record")) throw forbidden();
      return { mine: f.spotCheck.mine, path: `${minePath(f.spotCheck.mine.code)}/spot-checks/${f.spotCheck.id}` };
    }
    case "accident": {
      const a = await db.accident.findUnique({ where: { id: owner.id }, select: { mine: { select: mineFields } } });
      if (!a || !mayRead || !(await inScope(a.mine))) throw notFound();
      if (!can(caller.role, "accident.record")) throw forbidden();
      return { mine: a.mine, path: minePath(a.mine.code) };
    }
    case "hiddenDanger": {
      const h = await db.hiddenDanger.findUnique({
        where: { id: owner.id },
        select: { source: true, spotCheckId: true, mine: { select: mineFields } },
      });
      if (!h || !mayRead || !(await inScope(h.mine))) throw notFound();
      const allowed =
        h.source === "SELF_REPORTED"
          ? can(caller.role, "hiddenDanger.selfReport") && caller.mineId === h.mine.id
          : can(caller.role, "spotCheck.record");
      if (!allowed) throw forbidden();
      return {
        mine: h.mine,
        path: h.spotCheckId ? `${minePath(h.mine.code)}/spot-checks/${h.spotCheckId}` : minePath(h.mine.code),
      };
    }
    case "application": {
      const app = await db.gradeApplication.findUnique({
        where: { id: owner.id },
        select: { state: true, mine: { select: mineFields } },
      });
      if (!app || !mayRead || !(await inScope(app.mine))) throw notFound();
      const open = app.state === "DRAFT" || OPEN_STATES.includes(app.state);
      if (!can(caller.role, "application.submit") || caller.mineId !== app.mine.id || !open) throw forbidden();
      return { mine: app.mine, path: `/applications/${owner.id}` };
    }
    case "objection": {
      const o = await db.objection.findUnique({
        where: { id: owner.id },
        select: { application: { select: { mine: { select: mineFields } } } },
      });
      if (!o || !mayRead || !(await inScope(o.application.mine))) throw notFound();
      throw forbidden();
    }
  }
}
