"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction, formValues } from "@/lib/server/action-result";
import { amendSpotCheck } from "@/lib/server/services/amend-spot-check";
import { amendmentFromForm, spotCheckAmendmentSchema } from "@/lib/validation/spot-check-amendment";

export const amendSpotCheckAction = callerAction({
  schema: spotCheckAmendmentSchema,
  read: (formData) => {
    const values = formValues(formData);
    return { raw: amendmentFromForm(values), values };
  },
  // On a conflict the user's input comes back with the message, so nothing typed is lost.
  run: async (caller, input) => {
    const { spotCheckId, mineCode } = await amendSpotCheck(caller, input);
    revalidatePath(`/mines/${mineCode}`);
    revalidatePath(`/mines/${mineCode}/spot-checks/${spotCheckId}`);
    redirect(`/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}?saved=amended`);
  },
});
