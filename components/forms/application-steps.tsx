"use client";

import { useTranslations } from "next-intl";
import type { Act } from "@/lib/domain/application-workflow";
import type { MineType, RuleSet } from "@/lib/domain/rules";
import type { FormAction } from "@/lib/form-state";
import { APPLICATION_LIMITS } from "@/lib/validation/text-limits";
import { primaryButton, secondaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction, useFormContext } from "./kit/form";
import { ScoreSheetFields } from "./score-sheet-fields";

/** The server actions of the workflow's steps (app/(portal)/applications/[id]/actions.ts), passed by the page. */
export interface StepActions {
  review: FormAction;
  assess: FormAction;
  startNotice: FormAction;
  announce: FormAction;
  reject: FormAction;
  withdraw: FormAction;
}

interface Target {
  applicationId: number;
  /** The version the page was rendered from: a step on a stale page conflicts instead of overwriting. */
  version: number;
}

const NAMESPACES = ["applicationErrors", "errors"] as const;

function Hidden({ target }: { target: Target }) {
  return (
    <>
      <input type="hidden" name="applicationId" value={target.applicationId} />
      <input type="hidden" name="version" value={target.version} />
    </>
  );
}

function Done() {
  const t = useTranslations("applications.steps");
  const form = useFormContext();
  return form?.state.ok ? (
    <p role="status" className="text-sm text-green-800">
      {t("done")}
    </p>
  ) : null;
}

const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

function ReviewForm({ action, target }: { action: FormAction; target: Target }) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={NAMESPACES} className={box} aria-labelledby="review-title" data-testid="review-form">
      <h3 id="review-title" className="font-semibold">
        {t("review")}
      </h3>
      <ErrorSummary />
      <Hidden target={target} />
      <TextField name="reason" label={t("reviewComment")} multiline maxLength={APPLICATION_LIMITS.note} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="outcome" value="PASS" disabled={form.pending} className={primaryButton}>
          {t("pass")}
        </button>
        <button type="submit" name="outcome" value="REJECT" disabled={form.pending} className={secondaryButton}>
          {t("rejectAtReview")}
        </button>
      </div>
      <Done />
    </Form>
  );
}

function AssessForm({
  action,
  target,
  rules,
  mineType,
  today,
}: {
  action: FormAction;
  target: Target;
  rules: RuleSet;
  mineType: MineType;
  today: string;
}) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={NAMESPACES} className={box} aria-labelledby="assess-title" data-testid="assess-form">
      <h3 id="assess-title" className="font-semibold">
        {t("assess")}
      </h3>
      <p className="text-sm text-slate-700">{t("assessHint")}</p>
      <ErrorSummary />
      <Hidden target={target} />
      <ScoreSheetFields rules={rules} mineType={mineType} asOf={today} />
      <TextField name="note" label={t("assessNote")} multiline maxLength={APPLICATION_LIMITS.note} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("assessSubmit")}
      </button>
      <Done />
    </Form>
  );
}

/** The notice a start today would give: its working days and its last day, formatted. */
interface NoticeToday {
  days: number;
  endsOn: string;
}

function StartNoticeForm({
  action,
  target,
  notice,
  extension,
}: {
  action: FormAction;
  target: Target;
  notice: NoticeToday;
  extension: boolean;
}) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={NAMESPACES} className={box} aria-labelledby="notice-title" data-testid="notice-form">
      <h3 id="notice-title" className="font-semibold">
        {t("startNotice")}
      </h3>
      <p className="text-sm text-slate-700" data-testid="notice-ends-if-started">
        {t(extension ? "startExtensionNoticeHint" : "startNoticeHint", { days: notice.days, ends: notice.endsOn })}
      </p>
      <ErrorSummary />
      <Hidden target={target} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("startNotice")}
      </button>
      <Done />
    </Form>
  );
}

function AnnounceForm({ action, target, extension }: { action: FormAction; target: Target; extension: boolean }) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <Form
      form={form}
      namespaces={NAMESPACES}
      className={box}
      aria-labelledby="announce-title"
      data-testid="announce-form"
    >
      <h3 id="announce-title" className="font-semibold">
        {t("announce")}
      </h3>
      <p className="text-sm text-slate-700">{t(extension ? "announceExtensionHint" : "announceHint")}</p>
      <ErrorSummary />
      <Hidden target={target} />
      <TextField name="announcementNo" label={t("announcementNo")} maxLength={APPLICATION_LIMITS.announcementNo} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("announce")}
      </button>
      <Done />
    </Form>
  );
}

/** Rejecting or withdrawing: a reason is required; kept behind a disclosure so it is not clicked by mistake. */
function ReasonForm({
  action,
  target,
  title,
  testId,
}: {
  action: FormAction;
  target: Target;
  title: string;
  testId: string;
}) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <details className={box} data-testid={testId} open={Boolean(form.state.formError)}>
      <summary className="cursor-pointer font-semibold">{title}</summary>
      <Form form={form} namespaces={NAMESPACES} className="mt-3 space-y-3" aria-label={title}>
        <ErrorSummary />
        <Hidden target={target} />
        <TextField name="reason" label={t("reason")} multiline maxLength={APPLICATION_LIMITS.reason} />
        <button type="submit" disabled={form.pending} className={secondaryButton}>
          {title}
        </button>
        <Done />
      </Form>
    </details>
  );
}

export function ResolveObjectionForm({
  action,
  target,
  objectionId,
}: {
  action: FormAction;
  target: Target;
  objectionId: number;
}) {
  const t = useTranslations("applications.steps");
  const form = useFormAction(action, { ok: false });
  return (
    <Form
      form={form}
      namespaces={NAMESPACES}
      className="mt-2 space-y-2 rounded border border-slate-200 p-3"
      aria-label={t("resolveTitle", { id: objectionId })}
      data-testid={`resolve-${objectionId}`}
    >
      <ErrorSummary />
      <Hidden target={target} />
      <input type="hidden" name="objectionId" value={objectionId} />
      <OutcomeGroup />
      <TextField name="reason" label={t("resolveReason")} multiline maxLength={APPLICATION_LIMITS.reason} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("resolve")}
      </button>
      <Done />
    </Form>
  );
}

/** Dismiss or uphold: a radio group, its error under it. */
function OutcomeGroup() {
  const t = useTranslations("applications.steps");
  const form = useFormContext();
  const id = form?.idFor("outcome") ?? "outcome";
  const error = form?.error("outcome");
  return (
    <>
      <fieldset
        id={id}
        className="flex flex-wrap gap-4 text-sm"
        aria-describedby={error ? `${id}-error` : undefined}
        tabIndex={-1}
      >
        <legend className="mb-1 font-medium">{t("outcome")}</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="outcome" value="DISMISSED" defaultChecked /> {t("dismiss")}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="outcome" value="UPHELD" /> {t("uphold")}
        </label>
      </fieldset>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

/** The forms for the steps the caller may take now (the server decided which: `acts`). */
export function ApplicationSteps({
  actions,
  target,
  acts,
  state,
  rules,
  mineType,
  today,
  notice,
  extension = false,
}: {
  actions: StepActions;
  target: Target;
  acts: Act[];
  state: string;
  rules: RuleSet | null;
  mineType: MineType;
  today: string;
  /** The notice a start today would give (null unless the application is assessed, or an extension reviewed). */
  notice: NoticeToday | null;
  /** A direct extension (直接延期): no assessment, and the grade starts when the current one ends. */
  extension?: boolean;
}) {
  const t = useTranslations("applications.steps");
  return (
    <div className="space-y-4">
      {acts.includes("PASS_REVIEW") && <ReviewForm action={actions.review} target={target} />}
      {acts.includes("ASSESS") && rules && (
        <AssessForm action={actions.assess} target={target} rules={rules} mineType={mineType} today={today} />
      )}
      {acts.includes("START_NOTICE") && notice && (
        <StartNoticeForm action={actions.startNotice} target={target} notice={notice} extension={extension} />
      )}
      {acts.includes("ANNOUNCE") && <AnnounceForm action={actions.announce} target={target} extension={extension} />}
      {acts.includes("REJECT") && state !== "SUBMITTED" && (
        <ReasonForm action={actions.reject} target={target} title={t("reject")} testId="reject-form" />
      )}
      {acts.includes("WITHDRAW") && (
        <ReasonForm action={actions.withdraw} target={target} title={t("withdraw")} testId="withdraw-form" />
      )}
    </div>
  );
}
