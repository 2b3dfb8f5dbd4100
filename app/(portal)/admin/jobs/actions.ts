"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { runJobNow } from "@/lib/server/services/run-job-now";
import { runJobNowSchema } from "@/lib/validation/jobs";

// The scheduled jobs (ADMIN; the service checks): queue a run of one now.
export const runJobNowAction = callerAction({
  schema: runJobNowSchema,
  run: async (caller, input) => {
    await runJobNow(caller, input);
    revalidatePath("/admin/jobs");
  },
});
