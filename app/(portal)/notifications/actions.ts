"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import {
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationPreferences,
} from "@/lib/server/services/notifications";
import { markAllReadSchema, markReadSchema, preferencesSchema } from "@/lib/validation/notifications";

// The bell in the portal's header counts unread notifications: the layout is rendered again.
function refresh() {
  revalidatePath("/", "layout");
}

export const markReadAction = callerAction({
  schema: markReadSchema,
  run: async (caller, input) => {
    await markNotificationRead(caller, input);
    refresh();
    return { ok: true };
  },
});

export const markAllReadAction = callerAction({
  schema: markAllReadSchema,
  run: async (caller) => {
    await markAllNotificationsRead(caller);
    refresh();
    return { ok: true };
  },
});

export const savePreferencesAction = callerAction({
  schema: preferencesSchema,
  run: async (caller, input) => {
    await saveNotificationPreferences(caller, input);
    revalidatePath("/notifications/preferences");
    return { ok: true };
  },
});
