"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { FormState } from "@/lib/form-state";
import { formAction, formValues } from "@/lib/server/action-result";
import { evidenceFailure } from "@/lib/server/files/form-state";
import { uploadsOf } from "@/lib/server/files/inspect";
import { clientIp } from "@/lib/server/http/client-ip";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { lodgeObjectionSchema } from "@/lib/validation/application";
import { invalidForm, parseForm } from "@/lib/validation/form-errors";

/** Public: no login. The objection's photos and PDFs (optional) are stored with it, in one transaction. */
export const lodgeObjectionAction = formAction(async function lodgeObjectionAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = formValues(formData);
  delete values.files;
  const parsed = parseForm(lodgeObjectionSchema, values);
  if (!parsed.success) return invalidForm(parsed, values);
  try {
    const files = await uploadsOf(formData);
    const { applicationId } = await lodgeObjection(parsed.data, { ip: clientIp(await headers()) }, { files });
    revalidatePath(`/applications/${applicationId}`);
    return { ok: true };
  } catch (e) {
    return evidenceFailure(e, values);
  }
});
