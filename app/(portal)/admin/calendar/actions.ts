"use server";

import { revalidatePath } from "next/cache";
import { callerAction } from "@/lib/server/action-result";
import { coverCalendarYear } from "@/lib/server/services/cover-calendar-year";
import { deleteCalendarDay } from "@/lib/server/services/delete-calendar-day";
import { saveCalendarDay } from "@/lib/server/services/save-calendar-day";
import { coverCalendarYearSchema, deleteCalendarDaySchema, saveCalendarDaySchema } from "@/lib/validation/calendar";

// The working-day calendar (ADMIN; the services check). Notice periods already started keep their dates:
// only notices started afterwards count on the changed calendar, and pages that warn re-read it.
const done = () => {
  revalidatePath("/admin/calendar");
  revalidatePath("/applications", "layout");
};

export const saveCalendarDayAction = callerAction({
  schema: saveCalendarDaySchema,
  run: async (caller, input) => {
    await saveCalendarDay(caller, input);
    done();
  },
});

export const deleteCalendarDayAction = callerAction({
  schema: deleteCalendarDaySchema,
  run: async (caller, input) => {
    await deleteCalendarDay(caller, input);
    done();
  },
});

export const coverCalendarYearAction = callerAction({
  schema: coverCalendarYearSchema,
  run: async (caller, input) => {
    await coverCalendarYear(caller, input);
    done();
  },
});
