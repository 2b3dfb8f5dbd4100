// What a metric query is asked for and what it answers (product.md, "Metric definitions"), with the
// checks and the period rule every metric query shares. No "server-only": scripts and tests use it.
import { isIsoDate } from "@/lib/domain/dates";
import { isScope } from "@/lib/domain/region-code";
import { DecisionReason } from "@/lib/generated/prisma/enums";

export interface MetricsParams {
  /** GB/T 2260 prefix: "" national, 2-digit province, 4-digit prefecture (6-digit county also accepted). */
  scope: string;
  /** YYYY-MM-DD */
  asOf: string;
  year: number;
}

export interface Metrics {
  scope: string;
  asOf: string;
  year: number;
  yearToDate: boolean;
  producing: number;
  graded: { l1: number; l2: number; l3: number };
  share: { l1: number; l2: number; l3: number; l12: number; unstandardized: number };
  coverage: { year: number; checked: number; graded: number; ratio: number; target: number | null };
  decisions: { downgrades: number; revocations: number; byReason: Record<string, number> };
}

/** Every decision reason, so that byReason always lists all of them (0 when none). */
export const DECISION_REASONS = Object.values(DecisionReason);

export class MetricsParamsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "MetricsParamsError";
  }
}

export function validateMetricsParams(p: MetricsParams): void {
  if (typeof p.scope !== "string" || !isScope(p.scope)) {
    throw new MetricsParamsError(`scope must be empty or a 2-, 4- or 6-digit region code: ${String(p.scope)}`);
  }
  if (typeof p.asOf !== "string" || !isIsoDate(p.asOf))
    throw new MetricsParamsError(`asOf must be YYYY-MM-DD: ${String(p.asOf)}`);
  if (!Number.isInteger(p.year) || p.year < 1900 || p.year > 9999)
    throw new MetricsParamsError(`year must be a year: ${String(p.year)}`);
}

/** The period of year Y that counts on asOf: [Y-01-01, min(Y-12-31, asOf)], or null when asOf is before Y. */
export function metricsPeriod(year: number, asOf: string): { from: string; to: string } | null {
  const from = `${String(year).padStart(4, "0")}-01-01`;
  const end = `${String(year).padStart(4, "0")}-12-31`;
  const to = asOf < end ? asOf : end;
  return to < from ? null : { from, to };
}
