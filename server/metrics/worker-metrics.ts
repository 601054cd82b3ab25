// Counters and the request-latency histogram of ONE worker. Each worker only knows its own numbers;
// GET /metrics gathers every worker's snapshot through the primary (see cluster-metrics.ts).
// Recording is allocation-free on the hot path: nested Maps keyed by route, method and status.

/** Upper bounds in seconds; the last, implicit bucket is +Inf. */
export const DURATION_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RequestSeries {
  route: string;
  method: string;
  status: number;
  count: number;
  sumS: number;
  /** Non-cumulative counts per bucket; one more entry than DURATION_BUCKETS_S (for +Inf). */
  buckets: number[];
}

export interface WorkerSnapshot {
  worker: string;
  pid: number;
  uptimeS: number;
  requests: RequestSeries[];
  redisCommandErrors: number;
  redisConnectionErrors: number;
  revocations: number;
  loginRateLimited: { account: number; ip: number };
  loginLimitFallbacks: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export class WorkerMetrics {
  private readonly series = new Map<string, Map<string, Map<number, RequestSeries>>>();
  private redisCommandErrors = 0;
  private redisConnectionErrors = 0;
  private revocations = 0;
  private readonly loginRateLimited = { account: 0, ip: 0 };
  private loginLimitFallbacks = 0;

  constructor(readonly worker: string) {}

  observeRequest(route: string, method: string, status: number, durationS: number): void {
    let byMethod = this.series.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      this.series.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let series = byStatus.get(status);
    if (series === undefined) {
      series = {
        route,
        method,
        status,
        count: 0,
        sumS: 0,
        buckets: new Array(DURATION_BUCKETS_S.length + 1).fill(0),
      };
      byStatus.set(status, series);
    }
    series.count++;
    series.sumS += durationS;
    let bucket = 0;
    while (bucket < DURATION_BUCKETS_S.length && durationS > DURATION_BUCKETS_S[bucket]) bucket++;
    series.buckets[bucket]++;
  }

  redisCommandFailed(): void {
    this.redisCommandErrors++;
  }

  redisConnectionError(): void {
    this.redisConnectionErrors++;
  }

  revocationStored(): void {
    this.revocations++;
  }

  loginRejected(scope: 'account' | 'ip'): void {
    this.loginRateLimited[scope]++;
  }

  loginLimitFallback(): void {
    this.loginLimitFallbacks++;
  }

  snapshot(): WorkerSnapshot {
    const requests: RequestSeries[] = [];
    for (const byMethod of this.series.values())
      for (const byStatus of byMethod.values())
        for (const series of byStatus.values()) requests.push({ ...series, buckets: [...series.buckets] });
    const memory = process.memoryUsage();
    return {
      worker: this.worker,
      pid: process.pid,
      uptimeS: process.uptime(),
      requests,
      redisCommandErrors: this.redisCommandErrors,
      redisConnectionErrors: this.redisConnectionErrors,
      revocations: this.revocations,
      loginRateLimited: { ...this.loginRateLimited },
      loginLimitFallbacks: this.loginLimitFallbacks,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
  }
}
