"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { amendSpotCheck } from "@/lib/server/services/amend-spot-check";
import { amendmentFromForm, spotCheckAmendmentSchema } from "@/lib/validation/spot-check-amendment";

export const amendSpotCheckAction = formAction(async function amendSpotCheckAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = Object.fromEntries(
    [...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]),
  );
  const parsed = spotCheckAmendmentSchema.safeParse(amendmentFromForm(values));
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  let result: { spotCheckId: number; mineCode: string };
  try {
    result = await amendSpotCheck(caller, parsed.data);
  } catch (e) {
    // On a conflict the user's input comes back with the message, so nothing typed is lost.
    return failure(e, values);
  }
  const base = `/mines/${encodeURIComponent(result.mineCode)}`;
  revalidatePath(`/mines/${result.mineCode}`);
  revalidatePath(`/mines/${result.mineCode}/spot-checks/${result.spotCheckId}`);
  redirect(`${base}/spot-checks/${result.spotCheckId}?saved=amended`);
});
