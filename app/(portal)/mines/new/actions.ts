"use server";

import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { registerMine } from "@/lib/server/services/register-mine";
import { registerMineSchema } from "@/lib/validation/mine-register";

export const registerMineAction = callerAction({
  schema: registerMineSchema,
  run: async (caller, input) => {
    const { mineCode } = await registerMine(caller, input);
    revalidateRegister(mineCode);
    redirect(`/mines/${encodeURIComponent(mineCode)}?saved=registered`);
  },
});
