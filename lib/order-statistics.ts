// Percentiles and medians of samples, one definition for every report, soak judgement and chart, so two
// tables can never disagree about "the p95" of the same requests. Pure.

/** Nearest-rank percentile of ascending values: an exact sample, never interpolated. NaN when empty. */
export function sortedPercentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Nearest-rank percentile of unsorted values (copied and sorted here). */
export function percentile(values: readonly number[], p: number): number {
  return sortedPercentile(Float64Array.from(values).sort(), p);
}

/** The middle value, or the mean of the two middle values of an even count. NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
