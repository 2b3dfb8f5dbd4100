"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { confirmDecision, withdrawDecision } from "@/lib/server/services/decide-decision";
import { scanStoppedMines } from "@/lib/server/services/scan-stopped-mines";
import { confirmDecisionSchema, withdrawDecisionSchema } from "@/lib/validation/decision";

export const confirmAction = formAction(async function confirmAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = confirmDecisionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  let mineCode: string;
  try {
    mineCode = (await confirmDecision(caller, parsed.data)).mineCode;
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath(`/mines/${mineCode}`);
  redirect(`/decisions?done=confirmed&mine=${encodeURIComponent(mineCode)}`);
});

export const withdrawAction = formAction(async function withdrawAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = withdrawDecisionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  let mineCode: string;
  try {
    mineCode = (await withdrawDecision(caller, parsed.data)).mineCode;
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath(`/mines/${mineCode}`);
  redirect(`/decisions?done=withdrawn&mine=${encodeURIComponent(mineCode)}`);
});

export async function scanStoppedAction(): Promise<void> {
  const caller = await requireCaller();
  try {
    await scanStoppedMines(caller);
  } catch (e) {
    // The button is only on the regulators' queue; a forged post by another role does nothing.
    if (e instanceof ServiceError) return;
    throw e;
  }
  revalidatePath("/decisions");
}
