// The sustained-load verdict's arithmetic: memory trend per worker, p95 drift, failure rate per window.
// Pure functions over samples, shared by `npm run soak`, `npm start` and the unit tests.

export interface MemorySample {
  /** Epoch ms. */
  t: number;
  worker: string;
  rssMb: number;
  heapUsedMb: number;
}

export interface WindowStats {
  /** Index of the window from the start of the run (window length is the analysis' bucket). */
  minute: number;
  startMs: number;
  requests: number;
  failures: number;
  failureRate: number;
  p95Ms: number;
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x values. */
export function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** Nearest-rank percentile of unsorted values (copied and sorted here). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** RSS growth in MB per minute for each worker, from samples taken after warm-up. */
export function memorySlopes(samples: MemorySample[], fromMs: number): Record<string, number> {
  const byWorker = new Map<string, Array<{ x: number; y: number }>>();
  for (const sample of samples) {
    if (sample.t < fromMs) continue;
    const points = byWorker.get(sample.worker) ?? [];
    points.push({ x: sample.t / 60_000, y: sample.rssMb });
    byWorker.set(sample.worker, points);
  }
  return Object.fromEntries([...byWorker].map(([worker, points]) => [worker, slope(points)]));
}

export interface RequestSample {
  timeMs: number;
  durationMs: number;
  failed: boolean;
}

/** Splits requests into consecutive windows of `windowS` seconds starting at `fromMs`. */
export function windows(
  requests: RequestSample[],
  fromMs: number,
  toMs: number,
  windowS: number,
): WindowStats[] {
  const width = windowS * 1000;
  const count = Math.max(0, Math.floor((toMs - fromMs) / width));
  const buckets = Array.from({ length: count }, () => ({ durations: [] as number[], failures: 0 }));
  for (const request of requests) {
    const index = Math.floor((request.timeMs - fromMs) / width);
    if (index < 0 || index >= count) continue;
    buckets[index].durations.push(request.durationMs);
    if (request.failed) buckets[index].failures++;
  }
  return buckets.map((bucket, index) => ({
    minute: index,
    startMs: fromMs + index * width,
    requests: bucket.durations.length,
    failures: bucket.failures,
    failureRate: bucket.durations.length === 0 ? 0 : bucket.failures / bucket.durations.length,
    p95Ms: percentile(bucket.durations, 95),
  }));
}

/** p95 over all requests in [fromMs, toMs). */
export function p95Between(requests: RequestSample[], fromMs: number, toMs: number): number {
  return percentile(
    requests.filter((r) => r.timeMs >= fromMs && r.timeMs < toMs).map((r) => r.durationMs),
    95,
  );
}
