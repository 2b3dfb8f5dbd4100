"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { CALENDAR_NAME_MAX_LENGTH, CALENDAR_SOURCE_MAX_LENGTH } from "@/lib/validation/text-limits";
import { control, primaryButton, secondaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field, TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

export interface CalendarDayValue {
  date: string;
  kind: "HOLIDAY" | "WORKDAY";
  nameZh: string;
  nameEn: string;
  version: number;
}

/** Adds a day to the calendar, or changes the day given (its date then fixed, its version sent back). */
export function CalendarDayForm({ action, day }: { action: FormAction; day: CalendarDayValue | null }) {
  const t = useTranslations("calendar");
  const form = useFormAction(action, { ok: false });
  // After an error the form shows what was typed; before, the day's stored values.
  const kept = (name: "kind" | "nameZh" | "nameEn") => form.state.values?.[name] ?? day?.[name];
  return (
    <Form form={form} className="grid gap-3 sm:grid-cols-2" aria-label={t(day ? "editDay" : "addDay")}>
      <div className="sm:col-span-2" aria-live="polite">
        {form.state.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("saved")}
          </p>
        )}
        <ErrorSummary />
      </div>
      <input type="hidden" name="version" value={day ? String(day.version) : ""} />
      {day ? (
        <>
          <input type="hidden" name="date" value={day.date} />
          <p className="text-sm">
            <span className="font-medium">{t("date")}</span> {day.date}
          </p>
        </>
      ) : (
        <TextField name="date" type="date" label={t("date")} />
      )}
      <Field name="kind" label={t("kind")}>
        {(props) => (
          <select {...props} name="kind" defaultValue={kept("kind") ?? "HOLIDAY"} className={control}>
            <option value="HOLIDAY">{t("kinds.HOLIDAY")}</option>
            <option value="WORKDAY">{t("kinds.WORKDAY")}</option>
          </select>
        )}
      </Field>
      <TextField name="nameZh" label={t("nameZh")} defaultValue={kept("nameZh")} maxLength={CALENDAR_NAME_MAX_LENGTH} />
      <TextField name="nameEn" label={t("nameEn")} defaultValue={kept("nameEn")} maxLength={CALENDAR_NAME_MAX_LENGTH} />
      <div className="sm:col-span-2">
        <button type="submit" disabled={form.pending} className={primaryButton}>
          {t(day ? "saveDay" : "addDay")}
        </button>
      </div>
    </Form>
  );
}

/** Removes one day, at the version shown. */
export function RemoveCalendarDay({ action, date, version }: { action: FormAction; date: string; version: number }) {
  const t = useTranslations("calendar");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="inline" aria-label={t("removeDayOf", { date })}>
      <input type="hidden" name="date" value={date} />
      <input type="hidden" name="version" value={version} />
      <ErrorSummary />
      <button type="submit" disabled={form.pending} className={secondaryButton}>
        {t("remove")}
        <span className="sr-only"> {date}</span>
      </button>
    </Form>
  );
}

/** Marks the year as covered, naming the notice its days come from. */
export function CoverYearForm({ action, year }: { action: FormAction; year: number }) {
  const t = useTranslations("calendar");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="space-y-2" aria-label={t("coverYear", { year })}>
      <ErrorSummary />
      <input type="hidden" name="year" value={year} />
      <TextField name="source" label={t("source")} hint={t("sourceHint")} maxLength={CALENDAR_SOURCE_MAX_LENGTH} />
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("coverYear", { year })}
      </button>
    </Form>
  );
}
