"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { createAuthority } from "@/lib/server/services/create-authority";
import { updateAuthority } from "@/lib/server/services/update-authority";
import { createAuthoritySchema, updateAuthoritySchema } from "@/lib/validation/admin";

export const createAuthorityAction = callerAction({
  schema: createAuthoritySchema,
  run: async (caller, input) => {
    await createAuthority(caller, input);
    revalidatePath("/admin/authorities");
  },
});

export const updateAuthorityAction = callerAction({
  schema: updateAuthoritySchema,
  run: async (caller, input) => {
    await updateAuthority(caller, input);
    revalidatePath("/admin/authorities");
    revalidatePath(`/admin/authorities/${input.authorityId}`);
    // Grades, decisions and spot-checks name their authority: their pages show the new name.
    revalidatePath("/mines", "layout");
  },
});
