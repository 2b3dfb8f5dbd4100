import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/server/auth/session";
import { homePath } from "@/lib/server/data/home";

// Each user's home: a mine manager lands on the mine; regulators, officials and administrators on the dashboard.
export default async function HomePage() {
  const caller = await requireCaller();
  redirect(await homePath(caller));
}
