"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { createSpotCheckTarget } from "@/lib/server/services/create-spot-check-target";
import { updateSpotCheckTarget } from "@/lib/server/services/update-spot-check-target";
import { createTargetSchema, updateTargetSchema } from "@/lib/validation/admin";

/** The pages that show coverage against a target (the services expire the cached figures themselves). */
function refresh() {
  revalidatePath("/admin/targets");
  revalidatePath("/dashboard", "layout");
}

export const createTargetAction = callerAction({
  schema: createTargetSchema,
  run: async (caller, input) => {
    await createSpotCheckTarget(caller, input);
    refresh();
  },
});

export const updateTargetAction = callerAction({
  schema: updateTargetSchema,
  run: async (caller, input) => {
    await updateSpotCheckTarget(caller, input);
    refresh();
  },
});
