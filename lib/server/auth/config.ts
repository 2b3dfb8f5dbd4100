// The Auth.js configuration shared by the full instance (auth.ts, with the credentials provider
// and the database) and the proxy (proxy.ts), which only reads and renews the session cookie.
import type { NextAuthConfig, Session } from "next-auth";
import { authLogger } from "@/lib/server/log/auth-log";
import { nowSeconds, SESSION_MAX_AGE_S, sessionState, touched } from "./session-policy";

/** The session as the portal reads it: Auth.js's, plus the session's id and when it began (seconds). */
export type SessionWithId = Session & { sid?: string; signedInAt?: number };

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [],
  logger: authLogger,
  callbacks: {
    // Returning null ends the session: Auth.js then clears the cookie and the request is signed out.
    jwt({ token, user }) {
      const now = nowSeconds();
      // `sid` names this session, so that signing out can revoke it (and every copy of its cookie).
      if (user?.id) return { ...token, uid: Number(user.id), sid: crypto.randomUUID(), signedInAt: now, lastSeen: now };
      if (sessionState(token, now) !== "active") return null;
      return touched(token, now);
    },
    session({ session, token }) {
      if (typeof token.uid === "number") session.user.id = String(token.uid);
      if (typeof token.sid === "string") (session as SessionWithId).sid = token.sid;
      if (typeof token.signedInAt === "number") (session as SessionWithId).signedInAt = token.signedInAt;
      return session;
    },
  },
} satisfies NextAuthConfig;
