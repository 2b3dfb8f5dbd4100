"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { spotCheckSchema } from "@/lib/validation/spot-check";

export const saveSpotCheck = formAction(async function saveSpotCheck(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(String(formData.get("payload") ?? ""));
    // Unreadable or empty scores arrive as "": leave them out, so the engine reports them missing.
    const scores = JSON.parse(String(formData.get("scores") ?? "{}")) as Record<string, unknown>;
    raw.scores = Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== ""));
  } catch {
    return { ok: false, formError: "validation" };
  }
  const parsed = spotCheckSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error) };
  let mineCode: string;
  try {
    mineCode = (await recordSpotCheck(caller, parsed.data)).mineCode;
  } catch (e) {
    return failure(e);
  }
  revalidatePath(`/mines/${mineCode}`);
  redirect(`/mines/${encodeURIComponent(mineCode)}?saved=spot-check`);
});
