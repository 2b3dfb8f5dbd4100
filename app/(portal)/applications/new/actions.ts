"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { submitApplication } from "@/lib/server/services/submit-application";
import { scoresFromForm, submitApplicationSchema } from "@/lib/validation/application";

export const submitApplicationAction = formAction(async function submitApplicationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = { appliedLevel: String(formData.get("appliedLevel") ?? ""), note: String(formData.get("note") ?? "") };
  const scores = scoresFromForm(formData.get("scores"));
  if (!scores) return { ok: false, formError: "validation", values };
  const parsed = submitApplicationSchema.safeParse({ ...values, scores });
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  let result: { applicationId: number; mineCode: string };
  try {
    result = await submitApplication(caller, parsed.data);
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath("/applications");
  revalidatePath(`/mines/${result.mineCode}`);
  redirect(`/applications/${result.applicationId}`);
});
