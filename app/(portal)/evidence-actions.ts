"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { evidenceFailure } from "@/lib/server/files/form-state";
import { uploadsOf } from "@/lib/server/files/inspect";
import { attachEvidence } from "@/lib/server/services/attach-evidence";
import { attachEvidenceSchema } from "@/lib/validation/evidence";
import { invalidForm, parseForm } from "@/lib/validation/form-errors";

/**
 * Adds photos or PDFs to a finding, an accident, a hidden danger or an application, by exactly who
 * may write that record (the service checks it, and the limits and each file's type from its bytes).
 */
export const attachEvidenceAction = formAction(async function attachEvidenceAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const caller = await requireCaller();
  const values = { ownerKind: String(formData.get("ownerKind") ?? ""), ownerId: String(formData.get("ownerId") ?? "") };
  const parsed = parseForm(attachEvidenceSchema, values);
  if (!parsed.success) return invalidForm(parsed, values);
  try {
    const uploads = await uploadsOf(formData);
    const { path } = await attachEvidence(caller, { kind: parsed.data.ownerKind, id: parsed.data.ownerId }, uploads);
    revalidatePath(path);
    return { ok: true };
  } catch (e) {
    return evidenceFailure(e, values);
  }
});
