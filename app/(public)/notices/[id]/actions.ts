"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { lodgeObjectionSchema } from "@/lib/validation/application";

/** The client's address as the proxy in front reports it (the first hop of X-Forwarded-For), for the rate limit. */
async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "";
}

/** Public: no login. */
export const lodgeObjectionAction = formAction(async function lodgeObjectionAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = lodgeObjectionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  try {
    const { applicationId } = await lodgeObjection(parsed.data, { ip: await clientIp() });
    revalidatePath(`/applications/${applicationId}`);
    return { ok: true };
  } catch (e) {
    return failure(e, values);
  }
});
