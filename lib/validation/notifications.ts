import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { MAX_ID } from "./primitives";

export const markReadSchema = z.object({
  notificationId: z.coerce.number().int().positive().max(MAX_ID),
});

/** Marking all read takes nothing but the caller. */
export const markAllReadSchema = z.object({});

const channel = z.enum(["IN_APP", "IN_APP_AND_EMAIL"], { message: "invalid" });

/** One channel per kind (each field named after its kind) and the language of the emails. */
export const preferencesSchema = z.object({
  ...(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channel])) as Record<NotificationKind, typeof channel>),
  emailLocale: z.enum(LOCALES, { message: "invalid" }),
});

export type MarkReadInput = z.infer<typeof markReadSchema>;
export type PreferencesInput = z.infer<typeof preferencesSchema>;
