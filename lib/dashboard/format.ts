// How the dashboard writes its figures, on the page and in the exports alike (so that they match).
import { dateValue } from "@/lib/domain/dates";
import { DATE_FORMAT } from "@/lib/i18n/format";
import type { Cell } from "./tables";

/** A fraction 0–1 as a percentage with one decimal ("39.2%"); "—" when there is none. */
export function formatRatio(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A count with the locale's grouping ("1,234"). */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
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
  return new Intl.DateTimeFormat(locale, DATE_FORMAT).format(dateValue(iso));
}
