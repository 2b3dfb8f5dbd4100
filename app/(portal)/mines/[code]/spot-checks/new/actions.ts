"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { recordSpotCheck, spotCheckFormProblems } from "@/lib/server/services/record-spot-check";
import { spotCheckSchema } from "@/lib/validation/spot-check";

export const saveSpotCheck = callerAction({
  schema: spotCheckSchema,
  // The form is one JSON "payload" with the scores in their own field; it is controlled, so no values go back.
  read: (formData) => {
    try {
      const raw = JSON.parse(String(formData.get("payload") ?? "")) as Record<string, unknown>;
      // Unreadable or empty scores arrive as "": leave them out, so the engine reports them missing.
      const scores = JSON.parse(String(formData.get("scores") ?? "{}")) as Record<string, unknown>;
      raw.scores = Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== ""));
      return { raw, values: {} };
    } catch {
      return null;
    }
  },
  moreProblems: spotCheckFormProblems,
  run: async (caller, input) => {
    const { mineCode, spotCheckId, proposals } = await recordSpotCheck(caller, input);
    revalidatePath(`/mines/${mineCode}`);
    // The spot-check's own page says what the engine made of it and which decisions it proposed.
    const proposed = proposals.length ? `&proposals=${proposals.map((p) => p.id).join(",")}` : "";
    redirect(`/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}?saved=recorded${proposed}`);
  },
});
