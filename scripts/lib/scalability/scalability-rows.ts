// The plan's scalability comparison: the same load against 1, 2 and 4 workers with Redis, and 4 workers
// with per-worker memory state. Throughput per worker and scaling efficiency against the single worker:
// efficiency(n) = throughput(n) / (n x throughput(1)); 1.0 is linear scaling. Pure functions.

import { sortedPercentile } from '../../../lib/order-statistics.ts';
import type { TimedRequest } from '../analysis/k6-csv.ts';
import type { ErrorCategory } from '../analysis/request-stats.ts';

export type { TimedRequest };

export interface ScalabilityMeasurement {
  label: string;
  /** Workers per instance. */
  workers: number;
  /** Service instances behind the balancer (INSTANCES >= 2 adds such a row); absent: one. */
  instances?: number;
  state: 'redis' | 'memory';
  /** Requests completed in the steady window (after ramp-up, before the run time ended). */
  requests: number;
  steadyS: number;
  throughputRps: number;
  p95Ms: number;
  failures: number;
  failureRate: number;
  /** Mean CPU of all workers together, % of one core; undefined when not sampled. */
  serviceCpuPct?: number;
  /** Mean CPU of the load generator, % of one core. */
  loadGeneratorCpuPct?: number;
  /** Mean CPU of every process on the machine, % of one core: shows a machine busy with other work. */
  machineCpuPct?: number;
  /** Wrong answers of the whole run by category (only categories that occurred). */
  wrongByCategory?: Partial<Record<ErrorCategory, number>>;
}

export interface ScalabilityRow extends ScalabilityMeasurement {
  rpsPerWorker: number;
  /** Against the single Redis-backed worker; undefined without one. */
  efficiency: number | undefined;
}

/** reports/<run-id>/scalability.json */
export interface ScalabilityFile {
  schema: 'auth-loadtest/scalability@1';
  test: string;
  users: number;
  runTimeS: number;
  rampS: number;
  thinkS: [number, number];
  cores: number;
  /** Wall time of the whole comparison, seconds (stacks started and stopped included). */
  wallS: number;
  rows: ScalabilityRow[];
}

/** The steady window of one run: the requests that completed between ramp end and run end. */
export function steadyMeasurement(
  requests: TimedRequest[],
  run: { rampS: number; runTimeS: number },
): Pick<
  ScalabilityMeasurement,
  'requests' | 'steadyS' | 'throughputRps' | 'p95Ms' | 'failures' | 'failureRate'
> {
  const firstMs = requests.reduce((min, r) => Math.min(min, r.timeMs), Number.POSITIVE_INFINITY);
  const fromMs = firstMs + run.rampS * 1000;
  const toMs = firstMs + run.runTimeS * 1000;
  const steady = requests.filter((r) => r.timeMs >= fromMs && r.timeMs < toMs);
  const steadyS = Math.max(0, run.runTimeS - run.rampS);
  const failures = steady.filter((r) => r.failed).length;
  const durations = Float64Array.from(steady.map((r) => r.durationMs)).sort();
  return {
    requests: steady.length,
    steadyS,
    throughputRps: steadyS > 0 ? steady.length / steadyS : Number.NaN,
    p95Ms: sortedPercentile(durations, 95),
    failures,
    failureRate: steady.length ? failures / steady.length : Number.NaN,
  };
}

export function scalabilityRows(measurements: ScalabilityMeasurement[]): ScalabilityRow[] {
  const single = measurements.find((m) => m.workers === 1 && (m.instances ?? 1) === 1 && m.state === 'redis');
  return measurements.map((m) => {
    const workers = m.workers * (m.instances ?? 1);
    return {
      ...m,
      rpsPerWorker: m.throughputRps / workers,
      efficiency:
        single && single.throughputRps > 0 ? m.throughputRps / (workers * single.throughputRps) : undefined,
    };
  });
}
