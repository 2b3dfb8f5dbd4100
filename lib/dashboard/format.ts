// How the dashboard writes its figures, on the page and in the exports alike (so that they match).
import { boundedMemo } from "@/lib/bounded-memo";
import { dateValue } from "@/lib/domain/dates";
import { DATE_FORMAT } from "@/lib/i18n/format";
import type { Cell } from "./tables";

// One formatter per locale and kind: making an Intl formatter costs far more than using one, and a
// dashboard writes hundreds of cells (the CPU profile of a loaded server showed it). A few locales
// in practice; bounded all the same, since the locale comes from the request.
export const FORMATTERS_PER_KIND = 8;
export const ratioFormat = boundedMemo(
  FORMATTERS_PER_KIND,
  (locale) => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
);
const countFormat = boundedMemo(FORMATTERS_PER_KIND, (locale) => new Intl.NumberFormat(locale));
const dayFormat = boundedMemo(FORMATTERS_PER_KIND, (locale) => new Intl.DateTimeFormat(locale, DATE_FORMAT));

/** A fraction 0–1 as a percentage with one decimal ("39.2%"); "—" when there is none. */
export function formatRatio(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return ratioFormat.get(locale).format(value);
}

/** A count with the locale's grouping ("1,234"). */
export function formatCount(value: number, locale: string): string {
  return countFormat.get(locale).format(value);
}

/** A table cell as the page shows it. */
export function cellText(cell: Cell, locale: string): string {
  if (cell.kind === "ratio") return formatRatio(cell.value, locale);
  if (cell.kind === "count") return formatCount(cell.value, locale);
  if (cell.kind === "date") return formatDay(cell.value, locale);
  return cell.value;
}

/** A calendar date ("YYYY-MM-DD") in the locale's way, as every page writes dates ("12/31/2020", "2020/12/31"). */
export function formatDay(iso: string, locale: string): string {
  return dayFormat.get(locale).format(dateValue(iso));
}
