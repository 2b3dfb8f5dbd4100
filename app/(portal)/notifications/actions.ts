"use server";

import { refresh as refreshRouter, revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import {
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationPreferences,
} from "@/lib/server/services/notifications";
import { markAllReadSchema, markReadSchema, preferencesSchema } from "@/lib/validation/notifications";

// The bell in the portal's header counts unread notifications, read fresh on every render (never
// cached): the page the user is on is rendered again. Not revalidatePath("/", "layout"), which would
// also expire every prerendered route (the service worker's script among them) for nothing.
function refresh() {
  refreshRouter();
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
