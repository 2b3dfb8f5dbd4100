import "server-only";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { accidentTrigger } from "@/lib/domain/triggers";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { consequencePlace } from "@/lib/server/data/grading-config";
import { gradeInForce } from "@/lib/server/data/mine-facts";
import { ruleSetOn } from "@/lib/server/data/rules";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import type { AccidentInput } from "@/lib/validation/events";
import { saveProposals } from "./save-proposals";
import { afterCommit } from "@/lib/server/cache/tags";

/** Records an accident (regulators); a fatal one proposes a downgrade or revocation of the grade then in force. */
export async function recordAccident(caller: Caller, input: AccidentInput, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "accident.record")) throw forbidden();
  if (input.occurredOn > (opts.today ?? todayInChina()))
    throw new ServiceError("VALIDATION", "validation", { occurredOn: "dateInFuture" });
  let county = "";
  const write = db.$transaction(async (tx) => {
    const mine = await tx.mine.findFirst({ where: { AND: [{ code: input.mineCode }, mineScope(caller)] } });
    if (!mine) throw notFound();
    const accident = await tx.accident.create({
      data: {
        mineId: mine.id,
        occurredOn: dateValue(input.occurredOn),
        deaths: input.deaths,
        injuries: input.injuries,
        description: input.description,
        recordedById: caller.id,
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "accident.record",
      entity: "Accident",
      entityId: accident.id,
      regionCode: mine.countyCode,
      after: input,
    });
    const grade = await gradeInForce(tx, mine.id, input.occurredOn);
    // The consequence is the one of the rules in force on the accident date.
    const rules = grade ? await ruleSetOn(input.occurredOn, { db: tx }) : null;
    const fired =
      grade && rules
        ? accidentTrigger(
            rules.rules,
            grade,
            { id: accident.id, occurredOn: input.occurredOn, deaths: input.deaths },
            await consequencePlace(tx, mine.provinceCode),
          )
        : null;
    const proposals = grade && fired ? await saveProposals(tx, mine, grade.id, [fired], caller.id) : [];
    county = mine.countyCode;
    return { accidentId: accident.id, mineCode: mine.code, proposals };
  });
  return afterCommit(write, (r) => ({ mines: [{ code: r.mineCode, countyCode: county }] }));
}
