"use server";

import { callerAction } from "@/lib/server/action-result";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { createEnterprise } from "@/lib/server/services/create-enterprise";
import { enterpriseSchema } from "@/lib/validation/mine-register";

export const createEnterpriseAction = callerAction({
  schema: enterpriseSchema,
  run: async (caller, input) => {
    await createEnterprise(caller, input);
    revalidateRegister();
  },
});
