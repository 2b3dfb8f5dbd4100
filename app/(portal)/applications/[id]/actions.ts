"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { callerAction, formValues, type FormInput } from "@/lib/server/action-result";
import type { Caller } from "@/lib/server/auth/scope";
import { announceApplication } from "@/lib/server/services/announce-application";
import { assessApplication } from "@/lib/server/services/assess-application";
import { rejectApplication } from "@/lib/server/services/reject-application";
import { resolveObjection } from "@/lib/server/services/resolve-objection";
import { reviewApplication } from "@/lib/server/services/review-application";
import { startPublicNotice } from "@/lib/server/services/start-public-notice";
import { withdrawApplication } from "@/lib/server/services/withdraw-application";
import {
  announceApplicationSchema,
  assessApplicationSchema,
  rejectApplicationSchema,
  resolveObjectionSchema,
  reviewApplicationSchema,
  scoresFromForm,
  startNoticeSchema,
  withdrawApplicationSchema,
} from "@/lib/validation/application";

/** One step of the workflow: the service runs it, then everything that shows the application is revalidated. */
function step<S extends z.ZodType>(
  schema: S,
  run: (caller: Caller, input: z.output<S>) => Promise<{ applicationId: number; mineCode: string }>,
  read?: (formData: FormData) => FormInput | null,
) {
  return callerAction({
    schema,
    read,
    run: async (caller, input) => {
      const { applicationId, mineCode } = await run(caller, input);
      revalidatePath(`/applications/${applicationId}`);
      revalidatePath("/applications");
      revalidatePath(`/mines/${mineCode}`);
      revalidatePath("/notices");
    },
  });
}

/** The assessment's score sheet travels as JSON in "scores"; the other fields as text. */
function readAssessment(formData: FormData): FormInput | null {
  const scores = scoresFromForm(formData.get("scores"));
  if (!scores) return null;
  const values = formValues(formData);
  delete values.scores;
  return { raw: { ...values, scores }, values };
}

export const reviewAction = step(reviewApplicationSchema, reviewApplication);
export const assessAction = step(assessApplicationSchema, assessApplication, readAssessment);
export const startNoticeAction = step(startNoticeSchema, startPublicNotice);
export const rejectAction = step(rejectApplicationSchema, rejectApplication);
export const withdrawAction = step(withdrawApplicationSchema, withdrawApplication);
export const announceAction = step(announceApplicationSchema, announceApplication);
export const resolveObjectionAction = step(resolveObjectionSchema, resolveObjection);
