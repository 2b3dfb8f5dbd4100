import "server-only";
import { dateValue } from "@/lib/domain/dates";
import { validateDraft } from "@/lib/domain/rule-draft";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { PublishRuleVersionInput } from "@/lib/validation/rule-version";
import { loadDraftForWrite, toDraftRuleSet } from "./rule-draft-rows";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Publishes a draft with its effective date (ADMIN only), at the version seen: from then on the
 * engine grades with it on and after that date, and it never changes again. Two published versions
 * may not share an effective date (the one in force on a day must be unambiguous).
 */
export async function publishRuleVersion(caller: Caller, input: PublishRuleVersionInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "ruleVersion.manage")) throw forbidden();
  const effectiveFrom = dateValue(input.effectiveFrom);
  const write = db.$transaction(async (tx) => {
    const row = await loadDraftForWrite(tx, input.code, input.version);
    const problems = validateDraft(toDraftRuleSet(row));
    if (Object.keys(problems).length > 0) throw new ServiceError("VALIDATION", "ruleDraftInvalid");
    const clash = await tx.ruleVersion.findFirst({
      where: { effectiveFrom, publishedAt: { not: null } },
      select: { code: true },
    });
    if (clash) throw new ServiceError("CONFLICT", "validation", { effectiveFrom: "ruleEffectiveDateTaken" });
    const done = await tx.ruleVersion.updateMany({
      where: { id: row.id, version: input.version, publishedAt: null },
      data: { effectiveFrom, publishedAt: new Date(), version: { increment: 1 } },
    });
    if (done.count !== 1) throw new ServiceError("CONFLICT", "ruleVersionChanged");
    await tx.ruleParameterSource.upsert({
      where: { ruleVersionId_parameter: { ruleVersionId: row.id, parameter: "effectiveFrom" } },
      create: {
        ruleVersionId: row.id,
        parameter: "effectiveFrom",
        source: `Published with this date by an administrator`,
        status: "PLACEHOLDER",
      },
      update: { source: `Published with this date by an administrator`, status: "PLACEHOLDER" },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "ruleVersion.publish",
      entity: "RuleVersion",
      entityId: input.code,
      before: { version: input.version, published: false },
      after: { version: input.version + 1, published: true, effectiveFrom: input.effectiveFrom },
    });
    return { code: input.code };
  });
  return afterCommit(write, () => ({ rules: true }));
}
