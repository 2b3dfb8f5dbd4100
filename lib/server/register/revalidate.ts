import "server-only";
import { revalidatePath } from "next/cache";

/**
 * The pages a register write changes: the registry and every mine page under it, the dashboard's
 * figures and the decisions page (its stopped-mines scan reads the status), and the public
 * register's mine pages. Called by the register's actions after the service committed.
 */
export function revalidateRegister(mineCode?: string): void {
  revalidatePath("/mines", "layout");
  if (mineCode) revalidatePath(`/mines/${mineCode}`);
  revalidatePath("/dashboard", "layout");
  revalidatePath("/decisions");
  revalidatePath("/register", "layout");
  revalidatePath("/enterprises", "layout");
}
