import { z } from "zod";
import { JOB_NAMES } from "@/lib/server/jobs/definitions";

/** "Run now" on /admin/jobs: which job. */
export const runJobNowSchema = z.object({
  job: z.enum(JOB_NAMES, { message: "invalid" }),
});
export type RunJobNowInput = z.infer<typeof runJobNowSchema>;
