// Chart axes (issue 11, item 19): even ticks, written in the reader's locale. A stacked share can sum
// to 100.00000000000001% in floating point; the axes never show that, because their ticks are
// chosen here (not derived from the data's extent) and written by Intl, rounded.

/** The ticks of a share axis, as fractions: 0, 25, 50, 75 and 100 %. */
export const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1] as const;

/** The domain of a share axis: exactly 0–100 %, whatever the floating-point sum of a stack. */
export const SHARE_DOMAIN: [number, number] = [0, 1];

/** A share tick ("25%", "25 %" in some locales), in whole percent. */
export function formatPercentTick(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** A count tick, grouped in the locale's way and never fractional ("1,200"). */
export function formatCountTick(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(value));
}

/**
 * Evenly spaced whole-number ticks from 0 that reach `max`: a step of 1, 2 or 5 times a power of ten,
 * at most `most` intervals (so 0/30/60/100 never happens: 0/25/50/75/100 or 0/50/100/150).
 */
export function countTicks(max: number, most = 5): number[] {
  const top = Math.max(1, Math.ceil(Number.isFinite(max) ? max : 0));
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const found = [1, 2, 5].map((m) => m * power).find((s) => Math.ceil(top / s) <= most);
    if (found) {
      step = found;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}
