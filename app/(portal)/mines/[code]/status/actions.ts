"use server";

import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { changeMineStatus } from "@/lib/server/services/change-mine-status";
import { changeStatusSchema } from "@/lib/validation/mine-register";

export const changeStatusAction = callerAction({
  schema: changeStatusSchema,
  run: async (caller, input) => {
    const { mineCode } = await changeMineStatus(caller, input);
    revalidateRegister(mineCode);
    redirect(`/mines/${encodeURIComponent(mineCode)}/status?saved=status`);
  },
});
