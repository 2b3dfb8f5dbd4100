import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db";
import { auth } from "./auth";
import { loadCaller } from "./load-caller";
import type { Caller } from "./scope";

/**
 * The signed-in user, reloaded from the database on every request: a deactivated user or a
 * changed role takes effect at once, whatever the JWT still says.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  return loadCaller(db, Number(session?.user?.id));
});

export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/login");
  return caller;
}
