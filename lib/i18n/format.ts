// How every page writes dates and numbers, so that they read the same everywhere: a calendar date is
// "2026/12/06" in Chinese and "12/06/2026" in English, a count is grouped ("2,334") in both.
import type { createFormatter } from "next-intl";
import { dateValue } from "@/lib/domain/dates";
import { roundForDisplay } from "@/lib/domain/grading";

export type Formatter = ReturnType<typeof createFormatter>;

/**
 * A calendar date. Grades, decisions and spot-checks are dated, not timed: PostgreSQL `date` columns
 * arrive as UTC midnight, so they are written in UTC (in China time a date would never shift, but an
 * American reader's browser zone must not move it either).
 */
export const DATE_FORMAT = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" } as const;

/** A moment (a reply, an audit row, a proposal), in China time, where the portal's records are kept. */
export const DATE_TIME_FORMAT = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Asia/Shanghai",
} as const;

/** The China calendar date of a moment, written like a calendar date. */
export const DAY_OF_MOMENT_FORMAT = { ...DATE_FORMAT, timeZone: "Asia/Shanghai" } as const;

/** The "grade" catalogue namespace (`getTranslations("grade")`, `useTranslations("grade")`). */
export type GradeTranslator = (
  key: "level" | "none" | "revoked" | "change",
  values?: Record<string, string | number>,
) => string;

/**
 * The one way a level is named ("一级", "Level 1"; "未达标" for none) and a change of level is written
 * ("一级 → 撤消"): sentences take the name as an argument instead of spelling "{level}级" themselves.
 */
export function levelLabels(t: GradeTranslator) {
  const level = (value: number | null | undefined) => (value ? t("level", { level: value }) : t("none"));
  /** A change of grade; `to` null (or 0) is a revocation. */
  const levelChange = (from: number, to: number | null | undefined) =>
    t("change", { from: level(from), to: to ? level(to) : t("revoked") });
  return { level, levelChange };
}

/**
 * The portal's formatters over next-intl's locale-aware one (`getFormatter()` on the server), with the
 * level names (`getDisplayFormat()` in lib/i18n/display.ts builds both from the request's locale).
 */
export function displayFormat(format: Formatter, grade: GradeTranslator) {
  /** A calendar date, given as a date column's Date or as "YYYY-MM-DD"; "—" when there is none. */
  const date = (value: Date | string | null | undefined) =>
    value ? format.dateTime(typeof value === "string" ? dateValue(value) : value, DATE_FORMAT) : "—";
  /** A moment with its time of day in China; "—" when there is none. */
  const dateTime = (value: Date | null | undefined) => (value ? format.dateTime(value, DATE_TIME_FORMAT) : "—");
  /** The day (in China) a moment fell on. */
  const day = (value: Date | null | undefined) => (value ? format.dateTime(value, DAY_OF_MOMENT_FORMAT) : "—");
  /** A count, grouped in the locale's way ("2,334"). */
  const count = (n: number) => format.number(n);
  /** A figure as entered (an element score), with up to two decimals. */
  const number = (n: number) => format.number(n, { maximumFractionDigits: 2 });
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
  /** A weight or share 0–1 as a percentage with one decimal. */
  const weight = (n: number) =>
    format.number(n, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return { date, dateTime, day, count, number, score, margin, weight, ...levelLabels(grade) };
}

export type DisplayFormat = ReturnType<typeof displayFormat>;
