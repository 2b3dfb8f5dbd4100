"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { submitApplication } from "@/lib/server/services/submit-application";
import { conditionsFromForm, scoresFromForm, submitApplicationSchema } from "@/lib/validation/application";

export const submitApplicationAction = callerAction({
  schema: submitApplicationSchema,
  read: (formData) => {
    const values: Record<string, string> = {
      kind: String(formData.get("kind") ?? ""),
      appliedLevel: String(formData.get("appliedLevel") ?? ""),
      note: String(formData.get("note") ?? ""),
    };
    // The basic conditions' answers and evidence go back to the form as they were sent.
    for (const [key, value] of formData.entries())
      if (key.startsWith("conditions.") && typeof value === "string") values[key] = value;
    const scores = scoresFromForm(formData.get("scores"));
    const { kind, ...rest } = values;
    const raw = { ...rest, ...(kind ? { kind } : {}), scores, conditions: conditionsFromForm(formData) };
    return scores ? { raw, values } : null;
  },
  run: async (caller, input) => {
    const { applicationId, mineCode } = await submitApplication(caller, input);
    revalidatePath("/applications");
    revalidatePath(`/mines/${mineCode}`);
    redirect(`/applications/${applicationId}`);
  },
});
