"use server";

import { revokeSessionAndSignOut } from "@/lib/server/auth/session";

export async function signOutAction(): Promise<void> {
  await revokeSessionAndSignOut("/login");
}
