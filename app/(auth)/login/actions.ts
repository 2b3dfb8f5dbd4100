"use server";

import { AuthError } from "next-auth";
import { getFormatter } from "next-intl/server";
import type { FormState } from "@/lib/form-state";
import { publicAction } from "@/lib/server/action-result";
import { signIn } from "@/lib/server/auth/auth";
import { minutesRemaining } from "@/lib/server/auth/lockout";
import { ServiceError } from "@/lib/server/errors";
import { loginSchema } from "@/lib/validation/login";
import { safeReturnPath } from "@/lib/validation/return-path";

export const login = publicAction({
  schema: loginSchema,
  invalid: "checkFields",
  // The password is never sent back; `next` is the page a signed-out visit asked for.
  read: (formData) => ({
    raw: { email: formData.get("email"), password: formData.get("password") },
    values: { email: String(formData.get("email") ?? ""), next: String(formData.get("next") ?? "") },
  }),
  run: async (_public, credentials, values): Promise<FormState> => {
    try {
      await signIn("credentials", { ...credentials, redirectTo: safeReturnPath(values.next) ?? "/home" });
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
          formErrorParams: {
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
  },
});
