"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { submitApplication } from "@/lib/server/services/submit-application";
import { scoresFromForm, submitApplicationSchema } from "@/lib/validation/application";

export const submitApplicationAction = callerAction({
  schema: submitApplicationSchema,
  read: (formData) => {
    const values = {
      appliedLevel: String(formData.get("appliedLevel") ?? ""),
      note: String(formData.get("note") ?? ""),
    };
    const scores = scoresFromForm(formData.get("scores"));
    return scores ? { raw: { ...values, scores }, values } : null;
  },
  run: async (caller, input) => {
    const { applicationId, mineCode } = await submitApplication(caller, input);
    revalidatePath("/applications");
    revalidatePath(`/mines/${mineCode}`);
    redirect(`/applications/${applicationId}`);
  },
});
