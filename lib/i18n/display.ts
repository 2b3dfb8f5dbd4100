import { getFormatter, getTranslations } from "next-intl/server";
import { displayFormat } from "./format";

/** The portal's date, number and level formatters in the request's locale (server components and actions). */
export async function getDisplayFormat() {
  const [format, grade] = await Promise.all([getFormatter(), getTranslations("grade")]);
  return displayFormat(format, grade);
}
