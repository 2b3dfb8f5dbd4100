"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { clientIp } from "@/lib/server/http/client-ip";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { lodgeObjectionSchema } from "@/lib/validation/application";

/** Public: no login. */
export const lodgeObjectionAction = formAction(async function lodgeObjectionAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = lodgeObjectionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  try {
    const { applicationId } = await lodgeObjection(parsed.data, { ip: clientIp(await headers()) });
    revalidatePath(`/applications/${applicationId}`);
    return { ok: true };
  } catch (e) {
    return failure(e, values);
  }
});
