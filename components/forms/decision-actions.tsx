"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { confirmAction, withdrawAction } from "@/app/(portal)/decisions/actions";
import type { FormState } from "@/lib/form-state";

/**
 * Confirm (number, legal basis, effective date) or withdraw (reason) one proposal. Both send the
 * version the page was rendered from, so a proposal changed in between is a conflict, not decided unseen.
 */
export function DecisionActions({
  decisionId,
  version,
  today,
}: {
  decisionId: number;
  version: number;
  today: string;
}) {
  const t = useTranslations("decisions");
  const terr = useTranslations("errors");
  const [confirmState, confirm, confirming] = useActionState(confirmAction, { ok: false } as FormState);
  const [withdrawState, withdraw, withdrawing] = useActionState(withdrawAction, { ok: false } as FormState);
  const ce = confirmState.fieldErrors ?? {};
  const we = withdrawState.fieldErrors ?? {};
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <form action={confirm} className="space-y-2 rounded border border-slate-200 p-3" aria-label={t("confirm")}>
        <input type="hidden" name="decisionId" value={decisionId} />
        <input type="hidden" name="version" value={version} />
        <Field
          name="number"
          label={t("number")}
          error={ce.number && terr(ce.number)}
          defaultValue={confirmState.values?.number}
        />
        <Field
          name="legalBasis"
          label={t("legalBasis")}
          error={ce.legalBasis && terr(ce.legalBasis)}
          defaultValue={confirmState.values?.legalBasis}
        />
        <Field
          name="effectiveOn"
          type="date"
          label={t("effectiveOn")}
          error={ce.effectiveOn && terr(ce.effectiveOn)}
          defaultValue={confirmState.values?.effectiveOn ?? today}
        />
        {confirmState.formError && (
          <p role="alert" className="text-sm text-red-800">
            {terr(confirmState.formError)}
          </p>
        )}
        <button
          type="submit"
          disabled={confirming}
          className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1 text-white disabled:opacity-60"
        >
          {t("confirm")}
        </button>
      </form>
      <form action={withdraw} className="space-y-2 rounded border border-slate-200 p-3" aria-label={t("withdraw")}>
        <input type="hidden" name="decisionId" value={decisionId} />
        <input type="hidden" name="version" value={version} />
        <Field
          name="reason"
          label={t("withdrawReason")}
          error={we.reason && terr(we.reason)}
          defaultValue={withdrawState.values?.reason}
        />
        {withdrawState.formError && (
          <p role="alert" className="text-sm text-red-800">
            {terr(withdrawState.formError)}
          </p>
        )}
        <button
          type="submit"
          disabled={withdrawing}
          className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 disabled:opacity-60"
        >
          {t("withdraw")}
        </button>
      </form>
    </div>
  );
}
