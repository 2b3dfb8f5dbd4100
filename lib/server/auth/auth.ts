import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { clientIp } from "@/lib/server/http/client-ip";
import { authenticate } from "./authenticate";
import { authConfig } from "./config";

/** Refused because the account or the address is temporarily locked; `until` is when it opens. */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
  constructor(readonly until: Date) {
    super();
  }
}

/** The right password, but one the policy forbids in production mode: an administrator must set a new one. */
export class PasswordNotAllowed extends CredentialsSignin {
  code = "password_not_allowed";
}

const credentials = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input, request) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const result = await authenticate(db, parsed.data.email, parsed.data.password, clientIp(request?.headers));
        if (result.ok) return { id: String(result.user.id), email: result.user.email, name: result.user.name };
        if (result.reason === "locked") throw new SignInLocked(result.until);
        if (result.reason === "password_not_allowed") throw new PasswordNotAllowed();
        return null;
      },
    }),
  ],
});
