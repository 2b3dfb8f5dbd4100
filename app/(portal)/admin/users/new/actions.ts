"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { createUser } from "@/lib/server/services/create-user";
import { createUserSchema } from "@/lib/validation/admin";

/** Creates the account and answers with its one-time password: shown once, on this answer only. */
export const createUserAction = callerAction({
  schema: createUserSchema,
  run: async (caller, input) => {
    const { userId, password } = await createUser(caller, input);
    revalidatePath("/admin/users");
    return { ok: true, created: { userId, email: input.email, password } };
  },
});
