// The sustained-load verdict's arithmetic: memory series per worker, failure rate and p95 per window
// (latency blocks: soak-drift.ts).
// Pure functions over samples, shared by `npm run soak`, `npm start` and the unit tests.
import { percentile } from '../../../lib/order-statistics.ts';

export interface MemorySample {
  /** Epoch ms. */
  t: number;
  worker: string;
  rssMb: number;
  heapUsedMb: number;
  /** Heap right after a forced full GC (the reference service with LIVE_HEAP_SAMPLE_S); absent otherwise. */
  liveHeapMb?: number;
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

/** What a worker's memory trend is fitted to: its live heap when the service measures it, else heap floors. */
export type MemorySeriesSource = 'live heap' | 'heap floor';

export interface MemorySeries {
  source: MemorySeriesSource;
  /** x: minutes (epoch), y: MB. */
  points: Array<{ x: number; y: number }>;
}

/**
 * Each worker's memory series after `fromMs`, one point per `floorWindowMs`: the lowest live heap (heap
 * after a forced full GC) when the service reports it, else the lowest heapUsed (the heap just after a
 * collection). heapUsed alone saw-tooths with every scavenge, and its floor still climbs with garbage
 * promoted between major GCs (1-2 MB/min for minutes in a healthy worker here), so over a short soak only
 * the live heap tells a leak from a collection not yet run.
 */
export function memorySeries(
  samples: MemorySample[],
  fromMs: number,
  floorWindowMs: number,
): Record<string, MemorySeries> {
  const series: Record<string, MemorySeries> = {};
  for (const [worker, group] of byWorker(samples, fromMs)) {
    const live = group.some((sample) => sample.liveHeapMb !== undefined);
    const floors = new Map<number, number>();
    for (const sample of group) {
      const value = live ? sample.liveHeapMb : sample.heapUsedMb;
      if (value === undefined) continue;
      const window = Math.floor((sample.t - fromMs) / floorWindowMs);
      floors.set(window, Math.min(floors.get(window) ?? Number.POSITIVE_INFINITY, value));
    }
    series[worker] = {
      source: live ? 'live heap' : 'heap floor',
      points: [...floors].map(([window, floor]) => ({
        x: (fromMs + (window + 0.5) * floorWindowMs) / 60_000,
        y: floor,
      })),
    };
  }
  return series;
}

/** Growth of each worker's memory series (see memorySeries) in MB per minute. */
export function heapFloorSlopes(
  samples: MemorySample[],
  fromMs: number,
  floorWindowMs: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(memorySeries(samples, fromMs, floorWindowMs)).map(([worker, { points }]) => [
      worker,
      slope(points),
    ]),
  );
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
