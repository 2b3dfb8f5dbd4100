"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import { EVENT_LIMITS } from "@/lib/validation/text-limits";
import { ErrorSummary } from "./kit/error-summary";
import { TextField } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

export function AccidentForm({ action, mineCode, today }: { action: FormAction; mineCode: string; today: string }) {
  const t = useTranslations("events");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} className="max-w-xl space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <ErrorSummary />
      <input type="hidden" name="mineCode" value={mineCode} />
      <TextField name="occurredOn" type="date" max={today} label={t("occurredOn")} defaultValue={today} />
      <TextField name="deaths" type="number" label={t("deaths")} defaultValue="0" />
      <TextField name="injuries" type="number" label={t("injuries")} defaultValue="0" />
      <TextField name="description" label={t("description")} multiline maxLength={EVENT_LIMITS.description} />
      <button
        type="submit"
        disabled={form.pending}
        className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-2 text-white disabled:opacity-60"
      >
        {t("saveAccident")}
      </button>
    </Form>
  );
}
