"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { endUserSessions } from "@/lib/server/services/end-user-sessions";
import { liftUserLockout } from "@/lib/server/services/lift-user-lockout";
import { linkUserMine } from "@/lib/server/services/link-user-mine";
import { resetUserPassword } from "@/lib/server/services/reset-user-password";
import { setUserActive } from "@/lib/server/services/set-user-active";
import { updateUser } from "@/lib/server/services/update-user";
import { linkMineSchema, updateUserSchema, userRefSchema } from "@/lib/validation/admin";

function refresh(userId: number) {
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${userId}`);
}

export const updateUserAction = callerAction({
  schema: updateUserSchema,
  run: async (caller, input) => {
    await updateUser(caller, input);
    refresh(input.userId);
    return { ok: true, done: "updated" };
  },
});

export const disableUserAction = callerAction({
  schema: userRefSchema,
  run: async (caller, input) => {
    await setUserActive(caller, input, false);
    refresh(input.userId);
    return { ok: true, done: "disabled" };
  },
});

export const enableUserAction = callerAction({
  schema: userRefSchema,
  run: async (caller, input) => {
    await setUserActive(caller, input, true);
    refresh(input.userId);
    return { ok: true, done: "enabled" };
  },
});

/** Answers with the new one-time password: shown once, on this answer only. */
export const resetPasswordAction = callerAction({
  schema: userRefSchema,
  run: async (caller, input) => {
    const { password } = await resetUserPassword(caller, input);
    refresh(input.userId);
    return { ok: true, done: "passwordReset", password };
  },
});

export const liftLockoutAction = callerAction({
  schema: userRefSchema,
  run: async (caller, input) => {
    await liftUserLockout(caller, input);
    refresh(input.userId);
    return { ok: true, done: "lockoutLifted" };
  },
});

export const endSessionsAction = callerAction({
  schema: userRefSchema,
  run: async (caller, input) => {
    await endUserSessions(caller, input);
    refresh(input.userId);
    return { ok: true, done: "sessionsEnded" };
  },
});

export const linkMineAction = callerAction({
  schema: linkMineSchema,
  run: async (caller, input) => {
    await linkUserMine(caller, input);
    refresh(input.userId);
    return { ok: true, done: "mineLinked" };
  },
});
