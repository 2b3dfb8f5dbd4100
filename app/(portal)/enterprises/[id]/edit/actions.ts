"use server";

import { redirect } from "next/navigation";
import { callerAction } from "@/lib/server/action-result";
import { revalidateRegister } from "@/lib/server/register/revalidate";
import { editEnterprise } from "@/lib/server/services/edit-enterprise";
import { editEnterpriseSchema } from "@/lib/validation/mine-register";

export const editEnterpriseAction = callerAction({
  schema: editEnterpriseSchema,
  run: async (caller, input) => {
    const { enterpriseId } = await editEnterprise(caller, input);
    revalidateRegister();
    redirect(`/enterprises/${enterpriseId}/edit?saved=1`);
  },
});
