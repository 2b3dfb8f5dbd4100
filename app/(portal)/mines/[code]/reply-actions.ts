"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { addReply } from "@/lib/server/services/add-reply";
import { replySchema } from "@/lib/validation/reply";

/** A mine manager's reply to a finding or a decision of their mine (the service re-checks all of it). */
export const addReplyAction = formAction(async function addReplyAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = replySchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  try {
    const { mineCode, spotCheckId } = await addReply(caller, parsed.data);
    const base = `/mines/${encodeURIComponent(mineCode)}`;
    revalidatePath(base);
    revalidatePath(`${base}/timeline`);
    if (spotCheckId !== null) revalidatePath(`${base}/spot-checks/${spotCheckId}`);
    return { ok: true };
  } catch (e) {
    return failure(e, values);
  }
});
