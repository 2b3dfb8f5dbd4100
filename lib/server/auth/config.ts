// The Auth.js configuration shared by the full instance (auth.ts, with the credentials provider
// and the database) and the proxy (proxy.ts), which only reads and renews the session cookie.
import type { NextAuthConfig } from "next-auth";
import { nowSeconds, SESSION_MAX_AGE_S, sessionState, touched } from "./session-policy";

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    // Returning null ends the session: Auth.js then clears the cookie and the request is signed out.
    jwt({ token, user }) {
      const now = nowSeconds();
      if (user?.id) return { ...token, uid: Number(user.id), signedInAt: now, lastSeen: now };
      if (sessionState(token, now) !== "active") return null;
      return touched(token, now);
    },
    session({ session, token }) {
      if (typeof token.uid === "number") session.user.id = String(token.uid);
      return session;
    },
  },
} satisfies NextAuthConfig;
