import type { getFormatter } from "next-intl/server";
import { dateValue } from "@/lib/domain/dates";
import { roundForDisplay } from "@/lib/domain/grading";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** Locale-aware formatting of the calendar dates and scores the mine pages show. */
export function mineFormatters(format: Formatter) {
  const date = (iso: string | null | undefined) =>
    iso ? format.dateTime(dateValue(iso), { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }) : "—";
  /** A score to one decimal (display only: the engine compares exact values). */
  const score = (n: number | null | undefined) =>
    n === null || n === undefined
      ? "—"
      : format.number(roundForDisplay(n, 1), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  /**
   * A difference of scores, signed; to one decimal unless that would show a non-zero margin as 0.0
   * (a score 0.04 below a floor must not read as meeting it).
   */
  const margin = (n: number) => {
    for (const digits of [1, 2, 3, 4]) {
      const r = roundForDisplay(n, digits);
      if (r !== 0 || n === 0) {
        return format.number(r, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
          signDisplay: "exceptZero",
        });
      }
    }
    return format.number(n, { maximumSignificantDigits: 2, signDisplay: "exceptZero" });
  };
  const weight = (n: number) =>
    format.number(n, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = (n: number) => format.number(n);
  return { date, score, margin, weight, count };
}

export type MineFormatters = ReturnType<typeof mineFormatters>;
