// The handful of k6 numbers a reader looks for first, read from a run's metric values.
// Shared by the per-run reports and the plan report so both quote the same figures.
import { STEADY_REQUESTS } from '../criteria-catalogue.ts';

export type MetricValues = Record<string, Record<string, number>>;

export interface KeyNumbers {
  requests: number;
  /** Requests per second over the whole run, ramp-up included (k6's own rate). */
  requestsPerS: number;
  /** Requests per second while all users were running; undefined without a steady window. */
  steadyRequestsPerS: number | undefined;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  p99Ms: number | undefined;
  maxMs: number | undefined;
  /** Requests counted as failed (wrong answers; expected 401/429 are not failures). */
  failedRequests: number;
  failureRate: number | undefined;
  checksPassed: number;
  checksFailed: number;
  iterations: number;
  maxUsers: number | undefined;
}

export function keyNumbers(metrics: MetricValues, steadyS: number): KeyNumbers {
  const duration = metrics.http_req_duration ?? {};
  const failed = metrics.http_req_failed;
  const checks = metrics.checks ?? {};
  const steadyCount = metrics[STEADY_REQUESTS]?.count;
  return {
    requests: metrics.http_reqs?.count ?? 0,
    requestsPerS: metrics.http_reqs?.rate ?? 0,
    steadyRequestsPerS: steadyCount !== undefined && steadyS > 0 ? steadyCount / steadyS : undefined,
    p50Ms: duration.med ?? duration['p(50)'],
    p95Ms: duration['p(95)'],
    p99Ms: duration['p(99)'],
    maxMs: duration.max,
    // k6 Rate metrics count non-zero samples as "passes": for http_req_failed that is the failed requests.
    failedRequests: failed?.passes ?? 0,
    failureRate: failed?.rate,
    checksPassed: checks.passes ?? 0,
    checksFailed: checks.fails ?? 0,
    iterations: metrics.iterations?.count ?? 0,
    maxUsers: metrics.vus_max?.max ?? metrics.vus_max?.value,
  };
}
