import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { CalendarDayKind } from "@/lib/generated/prisma/enums";
import { requiredText } from "./primitives";
import { CALENDAR_NAME_MAX_LENGTH, CALENDAR_SOURCE_MAX_LENGTH } from "./text-limits";

/** The years the calendar may hold: the portal's history (from 2004, the package's first year) to a decade ahead. */
export const CALENDAR_FIRST_YEAR = 2004;
export const CALENDAR_LAST_YEAR = 2040;

const calendarDate = z
  .string({ message: "required" })
  .trim()
  .min(1, "required")
  .refine(isIsoDate, "dateInvalid")
  .refine((d) => {
    const y = Number(d.slice(0, 4));
    return y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR;
  }, "yearOutOfRange");

/** The version seen, for a conditional update; empty for a new day. */
const seenVersion = z
  .union([z.literal(""), z.coerce.number().int().min(0).max(1_000_000)])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

export const saveCalendarDaySchema = z.object({
  date: calendarDate,
  kind: z.enum(CalendarDayKind, { message: "required" }),
  nameZh: requiredText(CALENDAR_NAME_MAX_LENGTH),
  nameEn: requiredText(CALENDAR_NAME_MAX_LENGTH),
  version: seenVersion,
});
export type SaveCalendarDayInput = z.infer<typeof saveCalendarDaySchema>;

export const deleteCalendarDaySchema = z.object({
  date: calendarDate,
  version: z.coerce.number({ message: "invalid" }).int("invalid").min(0, "invalid").max(1_000_000, "invalid"),
});
export type DeleteCalendarDayInput = z.infer<typeof deleteCalendarDaySchema>;

export const coverCalendarYearSchema = z.object({
  year: z.coerce
    .number({ message: "required" })
    .int("invalid")
    .min(CALENDAR_FIRST_YEAR, "yearOutOfRange")
    .max(CALENDAR_LAST_YEAR, "yearOutOfRange"),
  source: requiredText(CALENDAR_SOURCE_MAX_LENGTH),
});
export type CoverCalendarYearInput = z.infer<typeof coverCalendarYearSchema>;
