"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import {
  announceAction,
  assessAction,
  rejectAction,
  resolveObjectionAction,
  reviewAction,
  startNoticeAction,
  withdrawAction,
} from "@/app/(portal)/applications/[id]/actions";
import type { Act } from "@/lib/domain/application-workflow";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import type { FormState } from "@/lib/form-state";
import { FormMessage, primaryButton, secondaryButton, TextInput, useErrorText } from "./form-bits";
import { ScoreSheetFields } from "./score-sheet-fields";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

interface Target {
  applicationId: number;
  /** The version the page was rendered from: a step on a stale page conflicts instead of overwriting. */
  version: number;
}

function useStep(action: Action) {
  const [state, run, pending] = useActionState(action, { ok: false } as FormState);
  const errorText = useErrorText();
  const fe = state.fieldErrors ?? {};
  return { state, run, pending, err: (k: string) => errorText(fe[k]), formError: errorText(state.formError) };
}

function Hidden({ target }: { target: Target }) {
  return (
    <>
      <input type="hidden" name="applicationId" value={target.applicationId} />
      <input type="hidden" name="version" value={target.version} />
    </>
  );
}

function Done({ show }: { show: boolean }) {
  const t = useTranslations("applications.steps");
  return show ? (
    <p role="status" className="text-sm text-green-800">
      {t("done")}
    </p>
  ) : null;
}

const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

function ReviewForm({ target }: { target: Target }) {
  const t = useTranslations("applications.steps");
  const s = useStep(reviewAction);
  return (
    <form action={s.run} className={box} aria-labelledby="review-title" data-testid="review-form">
      <h3 id="review-title" className="font-semibold">
        {t("review")}
      </h3>
      <Hidden target={target} />
      <TextInput name="reason" label={t("reviewComment")} multiline error={s.err("reason")} />
      <FormMessage text={s.formError} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="outcome" value="PASS" disabled={s.pending} className={primaryButton}>
          {t("pass")}
        </button>
        <button type="submit" name="outcome" value="REJECT" disabled={s.pending} className={secondaryButton}>
          {t("rejectAtReview")}
        </button>
      </div>
      <Done show={s.state.ok} />
    </form>
  );
}

function AssessForm({
  target,
  rules,
  mineType,
  today,
}: {
  target: Target;
  rules: RuleSet;
  mineType: MineType;
  today: string;
}) {
  const t = useTranslations("applications.steps");
  const s = useStep(assessAction);
  const scoreErrors = Object.fromEntries(
    Object.entries(s.state.fieldErrors ?? {}).flatMap(([k]) => (k.startsWith("scores.") ? [[k, s.err(k)]] : [])),
  );
  return (
    <form action={s.run} className={box} aria-labelledby="assess-title" data-testid="assess-form" noValidate>
      <h3 id="assess-title" className="font-semibold">
        {t("assess")}
      </h3>
      <p className="text-sm text-slate-700">{t("assessHint")}</p>
      <Hidden target={target} />
      <ScoreSheetFields rules={rules} mineType={mineType} asOf={today} errors={scoreErrors} />
      <TextInput name="note" label={t("assessNote")} multiline error={s.err("note")} />
      <FormMessage text={s.formError} />
      <button type="submit" disabled={s.pending} className={primaryButton}>
        {t("assessSubmit")}
      </button>
      <Done show={s.state.ok} />
    </form>
  );
}

function StartNoticeForm({ target, days }: { target: Target; days: number }) {
  const t = useTranslations("applications.steps");
  const s = useStep(startNoticeAction);
  return (
    <form action={s.run} className={box} aria-labelledby="notice-title" data-testid="notice-form">
      <h3 id="notice-title" className="font-semibold">
        {t("startNotice")}
      </h3>
      <p className="text-sm text-slate-700">{t("startNoticeHint", { days })}</p>
      <Hidden target={target} />
      <FormMessage text={s.formError} />
      <button type="submit" disabled={s.pending} className={primaryButton}>
        {t("startNotice")}
      </button>
      <Done show={s.state.ok} />
    </form>
  );
}

function AnnounceForm({ target }: { target: Target }) {
  const t = useTranslations("applications.steps");
  const s = useStep(announceAction);
  return (
    <form action={s.run} className={box} aria-labelledby="announce-title" data-testid="announce-form">
      <h3 id="announce-title" className="font-semibold">
        {t("announce")}
      </h3>
      <p className="text-sm text-slate-700">{t("announceHint")}</p>
      <Hidden target={target} />
      <TextInput
        name="announcementNo"
        label={t("announcementNo")}
        error={s.err("announcementNo")}
        defaultValue={s.state.values?.announcementNo}
      />
      <FormMessage text={s.formError} />
      <button type="submit" disabled={s.pending} className={primaryButton}>
        {t("announce")}
      </button>
      <Done show={s.state.ok} />
    </form>
  );
}

/** Rejecting or withdrawing: a reason is required; kept behind a disclosure so it is not clicked by mistake. */
function ReasonForm({
  target,
  action,
  title,
  testId,
}: {
  target: Target;
  action: Action;
  title: string;
  testId: string;
}) {
  const t = useTranslations("applications.steps");
  const s = useStep(action);
  return (
    <details className={box} data-testid={testId} open={Boolean(s.state.formError)}>
      <summary className="cursor-pointer font-semibold">{title}</summary>
      <form action={s.run} className="mt-3 space-y-3" aria-label={title}>
        <Hidden target={target} />
        <TextInput
          name="reason"
          label={t("reason")}
          multiline
          error={s.err("reason")}
          defaultValue={s.state.values?.reason}
        />
        <FormMessage text={s.formError} />
        <button type="submit" disabled={s.pending} className={secondaryButton}>
          {title}
        </button>
        <Done show={s.state.ok} />
      </form>
    </details>
  );
}

export function ResolveObjectionForm({ target, objectionId }: { target: Target; objectionId: number }) {
  const t = useTranslations("applications.steps");
  const s = useStep(resolveObjectionAction);
  const groupId = useId();
  const outcomeError = s.err("outcome");
  return (
    <form
      action={s.run}
      className="mt-2 space-y-2 rounded border border-slate-200 p-3"
      aria-label={t("resolveTitle", { id: objectionId })}
      data-testid={`resolve-${objectionId}`}
    >
      <Hidden target={target} />
      <input type="hidden" name="objectionId" value={objectionId} />
      <fieldset
        className="flex flex-wrap gap-4 text-sm"
        aria-describedby={outcomeError ? `${groupId}-error` : undefined}
      >
        <legend className="mb-1 font-medium">{t("outcome")}</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="outcome" value="DISMISSED" defaultChecked /> {t("dismiss")}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="outcome" value="UPHELD" /> {t("uphold")}
        </label>
      </fieldset>
      {outcomeError && (
        <p id={`${groupId}-error`} className="text-xs text-red-700">
          {outcomeError}
        </p>
      )}
      <TextInput name="reason" label={t("resolveReason")} multiline error={s.err("reason")} />
      <FormMessage text={s.formError} />
      <button type="submit" disabled={s.pending} className={primaryButton}>
        {t("resolve")}
      </button>
      <Done show={s.state.ok} />
    </form>
  );
}

/** The forms for the steps the caller may take now (the server decided which: `acts`). */
export function ApplicationSteps({
  target,
  acts,
  state,
  rules,
  mineType,
  today,
  publicNoticeDays,
}: {
  target: Target;
  acts: Act[];
  state: string;
  rules: RuleSet | null;
  mineType: MineType;
  today: string;
  publicNoticeDays: number;
}) {
  const t = useTranslations("applications.steps");
  return (
    <div className="space-y-4">
      {acts.includes("PASS_REVIEW") && <ReviewForm target={target} />}
      {acts.includes("ASSESS") && rules && (
        <AssessForm target={target} rules={rules} mineType={mineType} today={today} />
      )}
      {acts.includes("START_NOTICE") && <StartNoticeForm target={target} days={publicNoticeDays} />}
      {acts.includes("ANNOUNCE") && <AnnounceForm target={target} />}
      {acts.includes("REJECT") && state !== "SUBMITTED" && (
        <ReasonForm target={target} action={rejectAction} title={t("reject")} testId="reject-form" />
      )}
      {acts.includes("WITHDRAW") && (
        <ReasonForm target={target} action={withdrawAction} title={t("withdraw")} testId="withdraw-form" />
      )}
    </div>
  );
}
