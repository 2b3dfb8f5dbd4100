import { z } from "zod";
import { FIRST_SERIES_YEAR } from "@/lib/domain/series";
import { isIsoDate } from "@/lib/domain/dates";
import { isScope } from "@/lib/domain/region-code";

/** The dashboard's URL state. scope "" is national; asOf lies inside the year and not after today. */
export interface DashboardParams {
  scope: string;
  year: number;
  asOf: string;
}

export type DashboardParse =
  | {
      ok: true;
      params: DashboardParams;
      /** The asOf asked for lay outside the chosen year or after today and was moved (the page says so). */
      asOfAdjusted: boolean;
      /** The scope came from the caller's jurisdiction, not from the URL. */
      defaultScope: boolean;
    }
  | { ok: false };

const one = z.string().optional();
const raw = z.object({
  scope: one,
  year: one.refine((v) => v === undefined || /^\d{4}$/.test(v)),
  asOf: one.refine((v) => v === undefined || isIsoDate(v)),
});

/** 31 December of a year, or today in the running year: the default as-of date for a year. */
export function defaultAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

/**
 * Reads ?scope=&year=&asOf= (repeated or malformed values fail; the page answers 404, an export 400).
 * An absent scope is the caller's jurisdiction; a present, empty one is national. An absent year is
 * asOf's year, else the current one; an absent asOf is the year's end or today. An asOf outside the
 * chosen year or in the future is replaced by the year's default, and reported.
 */
export function parseDashboardParams(
  input: Record<string, string | string[] | undefined>,
  opts: { jurisdiction: string; today: string },
): DashboardParse {
  if (Object.values(input).some((v) => Array.isArray(v))) return { ok: false };
  const parsed = raw.safeParse(input);
  if (!parsed.success) return { ok: false };
  const { scope: rawScope, year: rawYear, asOf: rawAsOf } = parsed.data;
  const scope = rawScope ?? opts.jurisdiction;
  if (!isScope(scope)) return { ok: false };
  const currentYear = Number(opts.today.slice(0, 4));
  const year = rawYear !== undefined ? Number(rawYear) : rawAsOf ? Number(rawAsOf.slice(0, 4)) : currentYear;
  if (year < FIRST_SERIES_YEAR || year > currentYear) return { ok: false };
  const fallback = defaultAsOf(year, opts.today);
  const inYear = rawAsOf !== undefined && rawAsOf.startsWith(`${year}-`) && rawAsOf <= opts.today;
  const asOf = inYear ? rawAsOf : fallback;
  return {
    ok: true,
    params: { scope, year, asOf },
    asOfAdjusted: rawAsOf !== undefined && !inYear,
    defaultScope: rawScope === undefined,
  };
}

/** The query string of a dashboard state; scope is always written so that "" (national) survives. */
export function dashboardQuery(p: DashboardParams, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ scope: p.scope, year: String(p.year), asOf: p.asOf, ...extra }).toString();
}
