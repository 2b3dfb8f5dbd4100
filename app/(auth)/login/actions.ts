"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/server/auth/auth";
import { fieldErrorsFrom, type FormState } from "@/lib/form-state";
import { loginSchema } from "@/lib/validation/login";

type Field = "email" | "password";

export async function login(_prev: FormState<Field>, formData: FormData): Promise<FormState<Field>> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom<Field>(parsed.error.issues), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/home" });
    return { ok: true };
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      return { ok: false, formError: code === "rate_limited" ? "rateLimited" : "invalidCredentials", values };
    }
    throw e; // the redirect after a successful sign-in
  }
}
