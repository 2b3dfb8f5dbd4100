"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { recordAccident } from "@/lib/server/services/record-accident";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { accidentSchema, hiddenDangerSchema } from "@/lib/validation/events";

export const recordAccidentAction = callerAction({
  schema: accidentSchema,
  run: async (caller, input) => {
    const { mineCode } = await recordAccident(caller, input);
    revalidatePath(`/mines/${mineCode}`);
    redirect(`/mines/${encodeURIComponent(mineCode)}?saved=accident`);
  },
});

export const reportHiddenDangerAction = callerAction({
  schema: hiddenDangerSchema,
  run: async (caller, input) => {
    const { mineCode } = await reportHiddenDanger(caller, input);
    revalidatePath(`/mines/${mineCode}`);
  },
});
