"use server";

import { AuthError } from "next-auth";
import { getFormatter } from "next-intl/server";
import { fieldErrorsFrom, type FormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action-result";
import { signIn } from "@/lib/server/auth/auth";
import { minutesRemaining } from "@/lib/server/auth/lockout";
import { ServiceError } from "@/lib/server/errors";
import { loginSchema } from "@/lib/validation/login";

type Field = "email" | "password";

/** The form's state: `formErrorValues` fills the placeholders of the form-level message. */
export type LoginState = FormState<Field> & { formErrorValues?: Record<string, string | number> };

export const login = formAction(async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom<Field>(parsed.error.issues), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/home" });
    return { ok: true };
  } catch (e) {
    if (!(e instanceof AuthError)) throw e; // the redirect after a successful sign-in
    const code = (e as AuthError & { code?: string }).code;
    if (code === "locked") {
      const until = (e as AuthError & { until?: Date }).until ?? new Date();
      const format = await getFormatter();
      return {
        ok: false,
        formError: "locked",
        // In the portal's time zone (lib/i18n/request.ts), with the minutes left for anyone elsewhere.
        formErrorValues: {
          time: format.dateTime(until, { timeStyle: "short" }),
          minutes: minutesRemaining(until, new Date()),
        },
        values,
      };
    }
    if (code === "password_not_allowed") return { ok: false, formError: "passwordNotAllowed", values };
    // Auth.js wraps what authorize() threw; a lost database is not a wrong password.
    const cause = (e as AuthError & { cause?: { err?: unknown } }).cause?.err;
    if (cause instanceof ServiceError && cause.code === "UNAVAILABLE")
      return { ok: false, formError: "databaseUnavailable", values };
    return { ok: false, formError: "invalidCredentials", values };
  }
});
