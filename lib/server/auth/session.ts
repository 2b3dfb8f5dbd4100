import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db";
import { auth } from "./auth";
import type { Caller } from "./scope";

/**
 * The signed-in user, reloaded from the database on every request: a deactivated user or a
 * changed role takes effect at once, whatever the JWT still says.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, jurisdiction: true, mineId: true, active: true },
  });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, jurisdiction: user.jurisdiction, mineId: user.mineId };
});

export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/login");
  return caller;
}
