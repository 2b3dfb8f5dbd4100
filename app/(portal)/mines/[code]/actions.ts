"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { recordAccident } from "@/lib/server/services/record-accident";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { accidentSchema, hiddenDangerSchema } from "@/lib/validation/events";

function valuesOf(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
}

export const recordAccidentAction = formAction(async function recordAccidentAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = valuesOf(formData);
  const parsed = accidentSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  let mineCode: string;
  try {
    mineCode = (await recordAccident(caller, parsed.data)).mineCode;
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath(`/mines/${mineCode}`);
  redirect(`/mines/${encodeURIComponent(mineCode)}?saved=accident`);
});

export const reportHiddenDangerAction = formAction(async function reportHiddenDangerAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = valuesOf(formData);
  const parsed = hiddenDangerSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  try {
    const { mineCode } = await reportHiddenDanger(caller, parsed.data);
    revalidatePath(`/mines/${mineCode}`);
    return { ok: true };
  } catch (e) {
    return failure(e, values);
  }
});
