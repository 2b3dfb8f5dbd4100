"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { formAction, failure } from "@/lib/server/action-result";
import { signIn } from "@/lib/server/auth/auth";
import { getSessionUser } from "@/lib/server/auth/session";
import { changeOwnPassword } from "@/lib/server/services/change-own-password";
import { invalidForm, parseForm } from "@/lib/validation/form-errors";
import { changePasswordSchema } from "@/lib/validation/admin";

/**
 * The signed-in user (also one who must still replace a one-time password) sets a new password,
 * then is signed in afresh with it: the change ends every session begun before, this one included.
 * No password is ever sent back.
 */
export const changePasswordAction = formAction(async (_prev: FormState, formData: FormData): Promise<FormState> => {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const raw = {
    current: formData.get("current") ?? undefined,
    password: formData.get("password") ?? undefined,
    confirm: formData.get("confirm") ?? undefined,
  };
  const parsed = parseForm(changePasswordSchema, raw);
  if (!parsed.success) return invalidForm(parsed);
  let email: string;
  try {
    ({ email } = await changeOwnPassword(user.caller, parsed.data));
  } catch (e) {
    return failure(e);
  }
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/home" });
  } catch (e) {
    // Saved, but the fresh sign-in was refused (an address locked meanwhile): sign in by hand.
    if (e instanceof AuthError) redirect("/login");
    throw e;
  }
  return { ok: true };
});
