"use server";

import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { editMine } from "@/lib/server/services/edit-mine";
import { editMineSchema } from "@/lib/validation/mine-register";

export const editMineAction = callerAction({
  schema: editMineSchema,
  run: async (caller, input) => {
    const { mineCode } = await editMine(caller, input);
    revalidateRegister(mineCode);
    redirect(`/mines/${encodeURIComponent(mineCode)}?saved=edited`);
  },
});
