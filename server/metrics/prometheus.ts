// Renders the snapshots of all workers (plus the primary's own counters) as Prometheus text
// exposition format 0.0.4. Pure: no I/O, so the format is easy to test and to keep stable.
import { DURATION_BUCKETS_S, type WorkerSnapshot } from './worker-metrics.ts';

export interface PrimaryStats {
  workerRestarts: number;
  workersAlive: number;
  workersConfigured: number;
}

export interface ClusterMetrics {
  workers: WorkerSnapshot[];
  /** Absent when the worker runs without a cluster primary (in-process tests). */
  primary?: PrimaryStats;
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string | number>): string {
  const parts = Object.entries(pairs).map(([name, value]) => `${name}="${escapeLabel(String(value))}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

class Exposition {
  private readonly lines: string[] = [];

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }

  sample(name: string, pairs: Record<string, string | number>, value: number): void {
    this.lines.push(`${name}${labels(pairs)} ${value}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function perWorker(
  out: Exposition,
  workers: WorkerSnapshot[],
  name: string,
  type: 'counter' | 'gauge',
  help: string,
  value: (snapshot: WorkerSnapshot) => number,
): void {
  out.family(name, type, help);
  for (const snapshot of workers) out.sample(name, { worker: snapshot.worker }, value(snapshot));
}

export function renderPrometheus({ workers, primary }: ClusterMetrics): string {
  const out = new Exposition();
  const ordered = [...workers].sort((a, b) => a.worker.localeCompare(b.worker, 'en', { numeric: true }));

  out.family(
    'auth_http_requests_total',
    'counter',
    'HTTP requests answered, by worker, route, method and status.',
  );
  for (const snapshot of ordered)
    for (const s of snapshot.requests)
      out.sample(
        'auth_http_requests_total',
        { worker: snapshot.worker, route: s.route, method: s.method, status: s.status },
        s.count,
      );

  out.family(
    'auth_http_request_duration_seconds',
    'histogram',
    'Time to answer, by worker, route, method and status.',
  );
  for (const snapshot of ordered)
    for (const s of snapshot.requests) {
      const base = { worker: snapshot.worker, route: s.route, method: s.method, status: s.status };
      let cumulative = 0;
      DURATION_BUCKETS_S.forEach((bound, index) => {
        cumulative += s.buckets[index];
        out.sample('auth_http_request_duration_seconds_bucket', { ...base, le: bound }, cumulative);
      });
      out.sample('auth_http_request_duration_seconds_bucket', { ...base, le: '+Inf' }, s.count);
      out.sample('auth_http_request_duration_seconds_sum', base, s.sumS);
      out.sample('auth_http_request_duration_seconds_count', base, s.count);
    }

  out.family('auth_redis_errors_total', 'counter', 'Redis failures: failed commands and connection errors.');
  for (const snapshot of ordered) {
    out.sample(
      'auth_redis_errors_total',
      { worker: snapshot.worker, kind: 'command' },
      snapshot.redisCommandErrors,
    );
    out.sample(
      'auth_redis_errors_total',
      { worker: snapshot.worker, kind: 'connection' },
      snapshot.redisConnectionErrors,
    );
  }
  perWorker(
    out,
    ordered,
    'auth_revocations_total',
    'counter',
    'Tokens revoked (stored) by logout.',
    (s) => s.revocations,
  );
  out.family(
    'auth_login_rate_limited_total',
    'counter',
    'Login attempts answered 429, by the limit that was hit.',
  );
  for (const snapshot of ordered)
    for (const scope of ['account', 'ip'] as const)
      out.sample(
        'auth_login_rate_limited_total',
        { worker: snapshot.worker, scope },
        snapshot.loginRateLimited[scope],
      );
  perWorker(
    out,
    ordered,
    'auth_login_limit_fallback_total',
    'counter',
    'Login attempts limited by per-worker memory counters because Redis was unavailable.',
    (s) => s.loginLimitFallbacks,
  );
  perWorker(
    out,
    ordered,
    'auth_worker_rss_bytes',
    'gauge',
    'Resident set size of the worker process.',
    (s) => s.rssBytes,
  );
  perWorker(
    out,
    ordered,
    'auth_worker_heap_used_bytes',
    'gauge',
    'V8 heap in use by the worker.',
    (s) => s.heapUsedBytes,
  );
  perWorker(
    out,
    ordered,
    'auth_worker_uptime_seconds',
    'gauge',
    'Seconds since the worker started.',
    (s) => s.uptimeS,
  );

  if (primary) {
    out.family(
      'auth_worker_restarts_total',
      'counter',
      'Workers the primary replaced after they died unexpectedly.',
    );
    out.sample('auth_worker_restarts_total', {}, primary.workerRestarts);
    out.family('auth_workers_alive', 'gauge', 'Workers currently serving (listening).');
    out.sample('auth_workers_alive', {}, primary.workersAlive);
    out.family('auth_workers_configured', 'gauge', 'Workers the service is configured to run (WORKERS).');
    out.sample('auth_workers_configured', {}, primary.workersConfigured);
  }
  return out.text();
}
