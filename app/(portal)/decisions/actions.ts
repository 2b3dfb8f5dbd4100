"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { requireCaller } from "@/lib/server/auth/session";
import { ServiceError } from "@/lib/server/errors";
import { confirmDecision, withdrawDecision } from "@/lib/server/services/decide-decision";
import { scanStoppedMines } from "@/lib/server/services/scan-stopped-mines";
import { confirmDecisionSchema, withdrawDecisionSchema } from "@/lib/validation/decision";

export const confirmAction = callerAction({
  schema: confirmDecisionSchema,
  run: async (caller, input) => {
    const { mineCode } = await confirmDecision(caller, input);
    revalidatePath(`/mines/${mineCode}`);
    redirect(`/decisions?done=confirmed&mine=${encodeURIComponent(mineCode)}`);
  },
});

export const withdrawAction = callerAction({
  schema: withdrawDecisionSchema,
  run: async (caller, input) => {
    const { mineCode } = await withdrawDecision(caller, input);
    revalidatePath(`/mines/${mineCode}`);
    redirect(`/decisions?done=withdrawn&mine=${encodeURIComponent(mineCode)}`);
  },
});

export async function scanStoppedAction(): Promise<void> {
  const caller = await requireCaller();
  try {
    await scanStoppedMines(caller);
  } catch (e) {
    // The button is only on the queue of a regulator who proposes (the configuration's proposer). A regulator
    // of another tier (a page rendered before the configuration changed, or a forged post) is told why;
    // a forged post by a role without the queue does nothing.
    if (e instanceof ServiceError && e.messageKey === "notProposer") redirect("/decisions?refused=notProposer");
    if (e instanceof ServiceError) return;
    throw e;
  }
  revalidatePath("/decisions");
}
