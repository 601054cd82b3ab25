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

function byWorker(samples: MemorySample[], fromMs: number): Map<string, MemorySample[]> {
  const groups = new Map<string, MemorySample[]>();
  for (const sample of samples) {
    if (sample.t < fromMs) continue;
    const group = groups.get(sample.worker) ?? [];
    group.push(sample);
    groups.set(sample.worker, group);
  }
  return groups;
}

/** RSS growth in MB per minute for each worker, from samples taken after warm-up (reported, not judged). */
export function rssSlopes(samples: MemorySample[], fromMs: number): Record<string, number> {
  return Object.fromEntries(
    [...byWorker(samples, fromMs)].map(([worker, group]) => [
      worker,
      slope(group.map((s) => ({ x: s.t / 60_000, y: s.rssMb }))),
    ]),
  );
}

/**
 * Growth of each worker's heap floor in MB per minute: the lowest heapUsed in every `floorWindowMs`
 * (the heap just after a collection, i.e. what the worker retains), fitted over time. This is what a
 * leak moves. Raw heapUsed saw-tooths with every collection and RSS climbs while V8 and the allocator
 * size their pools, so over minutes rather than hours either would read as growth in a healthy service.
 */
export function heapFloorSlopes(
  samples: MemorySample[],
  fromMs: number,
  floorWindowMs: number,
): Record<string, number> {
  const slopes: Record<string, number> = {};
  for (const [worker, group] of byWorker(samples, fromMs)) {
    const floors = new Map<number, number>();
    for (const sample of group) {
      const window = Math.floor((sample.t - fromMs) / floorWindowMs);
      floors.set(window, Math.min(floors.get(window) ?? Number.POSITIVE_INFINITY, sample.heapUsedMb));
    }
    slopes[worker] = slope(
      [...floors].map(([window, floor]) => ({
        x: (fromMs + (window + 0.5) * floorWindowMs) / 60_000,
        y: floor,
      })),
    );
  }
  return slopes;
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
