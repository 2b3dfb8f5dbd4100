import "server-only";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { rectifiedOnField, type SpotCheckAmendmentInput } from "@/lib/validation/spot-check-amendment";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Amends a recorded spot-check: its team, its notes and the rectification of its findings (verifying
 * a rectification is how a finding is closed). Scores and conclusion stay as recorded: they decided a
 * grade and may have proposed a decision.
 *
 * One transaction: the spot-check is loaded in the caller's scope and under the mine of the URL (else
 * NOT_FOUND), then claimed with a conditional update on (id, version), so of two regulators amending
 * from the same version exactly one succeeds; the other gets a CONFLICT and writes nothing. Findings
 * are changed only after the claim, with the audit row.
 */
export async function amendSpotCheck(
  caller: Caller,
  input: SpotCheckAmendmentInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  let mine = { code: "", countyCode: "" };
  const write = db.$transaction(async (tx) => {
    const check = await tx.spotCheck.findFirst({
      where: { id: input.spotCheckId, mine: { AND: [{ code: input.mineCode }, mineScope(caller)] } },
      include: {
        mine: { select: { id: true, code: true, countyCode: true } },
        findings: { orderBy: { id: "asc" }, select: { id: true, rectifiedOn: true } },
      },
    });
    if (!check) throw notFound();
    if (!can(caller.role, "spotCheck.record")) throw forbidden();
    // Already amended since the form was rendered: say so before anything else (the claim below
    // catches the same thing when the other amendment commits while this one runs).
    if (check.version !== input.version) throw new ServiceError("CONFLICT", "spotCheckChanged");

    // Every finding named must belong to this spot-check (the form names them by id).
    const current = new Map(check.findings.map((f) => [f.id, f.rectifiedOn ? isoDate(f.rectifiedOn) : null]));
    const checkedOn = isoDate(check.checkedOn);
    const fieldErrors: Record<string, string> = {};
    const changes: { id: number; from: string | null; to: string | null }[] = [];
    for (const [key, to] of Object.entries(input.rectifiedOn)) {
      const id = Number(key);
      if (!current.has(id)) throw notFound();
      if (to !== null && to < checkedOn) fieldErrors[rectifiedOnField(id)] = "rectifiedBeforeCheck";
      else if (to !== null && to > today) fieldErrors[rectifiedOnField(id)] = "dateInFuture";
      const from = current.get(id) ?? null;
      if (from !== to) changes.push({ id, from, to });
    }
    if (Object.keys(fieldErrors).length > 0) throw new ServiceError("VALIDATION", "validation", fieldErrors);

    const claimed = await tx.spotCheck.updateMany({
      where: { id: check.id, version: input.version },
      data: { team: input.team, notes: input.notes, version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new ServiceError("CONFLICT", "spotCheckChanged");

    for (const c of changes) {
      await tx.finding.update({
        where: { id: c.id },
        data: { rectifiedOn: c.to === null ? null : dateValue(c.to) },
      });
    }
    await audit(tx, {
      actorId: caller.id,
      action: "spotCheck.amend",
      entity: "SpotCheck",
      entityId: check.id,
      regionCode: check.mine.countyCode,
      before: {
        version: check.version,
        team: check.team,
        notes: check.notes,
        findings: changes.map((c) => ({ id: c.id, rectifiedOn: c.from })),
      },
      after: {
        version: check.version + 1,
        team: input.team,
        notes: input.notes,
        findings: changes.map((c) => ({ id: c.id, rectifiedOn: c.to })),
      },
    });
    mine = check.mine;
    return { spotCheckId: check.id, mineCode: check.mine.code, version: check.version + 1 };
  });
  // The check's scores and findings count in the figures and show on the mine's pages.
  return afterCommit(write, () => ({ mines: [mine] }));
}
