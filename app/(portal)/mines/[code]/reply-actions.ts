"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { addReply } from "@/lib/server/services/add-reply";
import { replySchema } from "@/lib/validation/reply";

/** A mine manager's reply to a finding or a decision of their mine (the service re-checks all of it). */
export const addReplyAction = callerAction({
  schema: replySchema,
  run: async (caller, input) => {
    const { mineCode, spotCheckId } = await addReply(caller, input);
    const base = `/mines/${encodeURIComponent(mineCode)}`;
    revalidatePath(base);
    revalidatePath(`${base}/timeline`);
    if (spotCheckId !== null) revalidatePath(`${base}/spot-checks/${spotCheckId}`);
  },
});
