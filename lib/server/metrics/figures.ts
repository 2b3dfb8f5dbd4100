// Turning the counts the metric queries return into the figures of product.md: shares are fractions
// of the producing mines (0 when none produce), and decisions are tallied by type and by reason.
import { DECISION_REASONS, type Metrics } from "./metrics-params";

export function frac(n: number, d: number): number {
  return d > 0 ? n / d : 0;
}

/** Share at each level; unstandardized = producing and graded at no level. */
export function shareOf(producing: number, l1: number, l2: number, l3: number, any: number): Metrics["share"] {
  return {
    l1: frac(l1, producing),
    l2: frac(l2, producing),
    l3: frac(l3, producing),
    l12: frac(l1 + l2, producing),
    unstandardized: frac(producing - any, producing),
  };
}

/** Counts of (type, reason) rows as downgrades, revocations and a count for every reason. */
export function tallyDecisions(rows: { type: string; reason: string; n: number }[]): Metrics["decisions"] {
  const byReason: Record<string, number> = Object.fromEntries(DECISION_REASONS.map((r) => [r, 0]));
  let downgrades = 0;
  let revocations = 0;
  for (const r of rows) {
    byReason[r.reason] = (byReason[r.reason] ?? 0) + r.n;
    if (r.type === "DOWNGRADE") downgrades += r.n;
    else if (r.type === "REVOCATION") revocations += r.n;
  }
  return { downgrades, revocations, byReason };
}
