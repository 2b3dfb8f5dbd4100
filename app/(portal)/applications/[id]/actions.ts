"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { failure, formAction, zodFieldErrors } from "@/lib/server/action-result";
import type { Caller } from "@/lib/server/auth/scope";
import { requireCaller } from "@/lib/server/auth/session";
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

/** Parse → load the caller → run the step → revalidate what shows the application; errors go back to the form. */
async function step<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  run: (caller: Caller, input: z.infer<S>) => Promise<{ applicationId: number; mineCode: string }>,
  extra: Record<string, unknown> = {},
): Promise<FormState> {
  const caller = await requireCaller();
  const values = Object.fromEntries(
    [...formData.entries()].filter(([k]) => k !== "scores").map(([k, v]) => [k, String(v)]),
  );
  const parsed = schema.safeParse({ ...values, ...extra });
  if (!parsed.success) return { ok: false, formError: "validation", fieldErrors: zodFieldErrors(parsed.error), values };
  try {
    const { applicationId, mineCode } = await run(caller, parsed.data);
    revalidatePath(`/applications/${applicationId}`);
    revalidatePath("/applications");
    revalidatePath(`/mines/${mineCode}`);
    revalidatePath("/notices");
    return { ok: true };
  } catch (e) {
    return failure(e, values);
  }
}

export const reviewAction = formAction(async function reviewAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(reviewApplicationSchema, formData, (c, input) => reviewApplication(c, input));
});

export const assessAction = formAction(async function assessAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const scores = scoresFromForm(formData.get("scores"));
  if (!scores) return { ok: false, formError: "validation" };
  return step(assessApplicationSchema, formData, (c, input) => assessApplication(c, input), { scores });
});

export const startNoticeAction = formAction(async function startNoticeAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(startNoticeSchema, formData, (c, input) => startPublicNotice(c, input));
});

export const rejectAction = formAction(async function rejectAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(rejectApplicationSchema, formData, (c, input) => rejectApplication(c, input));
});

export const withdrawAction = formAction(async function withdrawAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(withdrawApplicationSchema, formData, (c, input) => withdrawApplication(c, input));
});

export const announceAction = formAction(async function announceAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(announceApplicationSchema, formData, (c, input) => announceApplication(c, input));
});

export const resolveObjectionAction = formAction(async function resolveObjectionAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return step(resolveObjectionSchema, formData, (c, input) => resolveObjection(c, input));
});
