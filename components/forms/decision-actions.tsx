"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { DECISION_LIMITS } from "@/lib/validation/text-limits";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

/**
 * Confirm (number, legal basis, effective date) or withdraw (reason) one proposal. Both send the
 * version the page was rendered from, so a proposal changed in between is a conflict, not decided unseen.
 */
export function DecisionActions({
  confirmAction,
  withdrawAction,
  decisionId,
  version,
  effectiveOn,
  fromEvent,
}: {
  confirmAction: FormAction;
  withdrawAction: FormAction;
  decisionId: number;
  version: number;
  /** The date the form starts from: the event's date where the rules give it, else today. */
  effectiveOn: string;
  /** Whether effectiveOn is the event's date the rules give (said in the field's hint). */
  fromEvent: boolean;
}) {
  const t = useTranslations("decisions");
  const confirm = useFormAction(confirmAction, { ok: false });
  const withdraw = useFormAction(withdrawAction, { ok: false });
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
      <Form form={confirm} className="space-y-2 rounded border border-slate-200 p-3" aria-label={t("confirm")}>
        <ErrorSummary />
        <input type="hidden" name="decisionId" value={decisionId} />
        <input type="hidden" name="version" value={version} />
        <TextField name="number" label={t("number")} maxLength={DECISION_LIMITS.number} />
        <TextField name="legalBasis" label={t("legalBasis")} maxLength={DECISION_LIMITS.legalBasis} />
        <TextField
          name="effectiveOn"
          type="date"
          label={t("effectiveOn")}
          defaultValue={effectiveOn}
          hint={fromEvent ? t("effectiveFromEvent") : undefined}
        />
        <button
          type="submit"
          disabled={confirm.pending}
          className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1 text-white disabled:opacity-60"
        >
          {t("confirm")}
        </button>
      </Form>
      <Form form={withdraw} className="space-y-2 rounded border border-slate-200 p-3" aria-label={t("withdraw")}>
        <ErrorSummary />
        <input type="hidden" name="decisionId" value={decisionId} />
        <input type="hidden" name="version" value={version} />
        <TextField name="reason" label={t("withdrawReason")} maxLength={DECISION_LIMITS.reason} />
        <button
          type="submit"
          disabled={withdraw.pending}
          className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 disabled:opacity-60"
        >
          {t("withdraw")}
        </button>
      </Form>
    </div>
  );
}
