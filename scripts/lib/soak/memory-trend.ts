// The soak's memory verdict: a least-squares line through each worker's memory series with a confidence
// interval for its slope. A bound is met only when the whole interval meets it, missed only when none of
// it does; an interval that straddles the bound means this soak cannot tell, and says so.
import { slope } from './soak-analysis.ts';

/** Confidence of the one-sided bounds of the interval (a 90% two-sided interval). */
export const TREND_CONFIDENCE = 0.95;
/** Fewest points for an interval: the residual spread needs some degrees of freedom. */
export const MIN_TREND_POINTS = 6;

export interface SlopeInterval {
  slope: number;
  low: number;
  high: number;
  points: number;
}

const Z_95 = 1.6448536269514722;

/**
 * One-sided 95% quantile of Student's t with `df` degrees of freedom, by the Cornish-Fisher expansion
 * around the normal quantile (Abramowitz & Stegun 26.7.5); within 0.01 of the tables from df = 4.
 */
export function tQuantile95(df: number): number {
  const z = Z_95;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92_160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Slope of y over x with its interval; NaN bounds with fewer than MIN_TREND_POINTS points. */
export function slopeInterval(points: Array<{ x: number; y: number }>): SlopeInterval {
  const n = points.length;
  const fitted = slope(points);
  if (n < MIN_TREND_POINTS) return { slope: fitted, low: Number.NaN, high: Number.NaN, points: n };
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const residuals = points.reduce((sum, p) => sum + (p.y - meanY - fitted * (p.x - meanX)) ** 2, 0);
  const standardError = Math.sqrt(residuals / (n - 2) / sxx);
  const half = tQuantile95(n - 2) * standardError;
  return { slope: fitted, low: fitted - half, high: fitted + half, points: n };
}
