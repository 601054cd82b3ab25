// The metrics of ONE worker, in its own prom-client registry. Each worker only knows its own numbers;
// GET /metrics gathers every worker's registry through the primary (see cluster-metrics.ts).
// Every series carries a `worker` label: the cluster aggregation sums series with equal labels, so
// distinct worker values keep per-worker numbers (memory above all, which the soak judges per worker)
// from being added together.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreOperation } from '../state/store-unavailable.ts';
import type { LiveHeapSampler } from './live-heap.ts';

/** What a worker hands to the primary: its registry as prom-client's JSON. */
export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * Upper bounds in seconds (prom-client adds +Inf). Every latency bound thresholds.json names (14, 50, 100,
 * 180, 300, 500, 800 ms and 1 s today) is one of them, so "share of requests slower than the p95 bound" is a
 * bucket ratio, exact rather than interpolated. The service does not read the test plan (it is the system
 * under test); spec/unit/metric-buckets.test.ts fails when the plan names a bound missing here.
 */
export const DURATION_BUCKETS_S = [
  0.001, 0.0025, 0.005, 0.01, 0.014, 0.025, 0.05, 0.1, 0.18, 0.25, 0.3, 0.5, 0.8, 1, 2.5, 5, 10,
];

export type LoginOutcome = 'success' | 'invalid_credentials' | 'rate_limited';
export const LOGIN_OUTCOMES: readonly LoginOutcome[] = ['success', 'invalid_credentials', 'rate_limited'];
/** What the login limiter said: let through, or refused by the account's or the client IP's limit. */
export type LimiterDecision = 'allowed' | 'account' | 'ip';
export const LIMITER_DECISIONS: readonly LimiterDecision[] = ['allowed', 'account', 'ip'];
/** Routes that refuse a token because it was revoked (logout refuses one revoked already). */
export type RevokedTokenRoute = 'protected' | 'logout';
const REVOKED_TOKEN_ROUTES: readonly RevokedTokenRoute[] = ['protected', 'logout'];
const STORE_OPERATIONS: readonly StoreOperation[] = ['revocation lookup', 'revocation write'];

export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'worker' | 'route' | 'method' | 'status'>;
  private readonly durations: Histogram<'worker' | 'route' | 'method' | 'status'>;
  private readonly redisErrors: Counter<'worker' | 'kind'>;
  private readonly revocations: Counter<'worker'>;
  private readonly loginRateLimited: Counter<'worker' | 'scope'>;
  private readonly loginLimitFallbacks: Counter<'worker'>;
  private readonly logins: Counter<'worker' | 'outcome'>;
  private readonly limiterDecisions: Counter<'worker' | 'decision'>;
  private readonly revokedTokenRefusals: Counter<'worker' | 'route'>;
  private readonly failClosed: Counter<'worker' | 'operation'>;

  /** `liveHeap`: the live-heap sampler, when LIVE_HEAP_SAMPLE_S turned it on (its gauge exists only then). */
  constructor(
    readonly worker: string,
    liveHeap?: LiveHeapSampler,
  ) {
    const registers = [this.registry];
    const requestLabels = ['worker', 'route', 'method', 'status'] as const;
    this.requests = new Counter({
      name: 'auth_http_requests_total',
      help: 'HTTP requests answered, by worker, route, method and status.',
      labelNames: requestLabels,
      registers,
    });
    this.durations = new Histogram({
      name: 'auth_http_request_duration_seconds',
      help: 'Time to answer, by worker, route, method and status.',
      labelNames: requestLabels,
      buckets: DURATION_BUCKETS_S,
      registers,
    });
    this.redisErrors = new Counter({
      name: 'auth_redis_errors_total',
      help: 'Redis failures: failed commands and connection errors.',
      labelNames: ['worker', 'kind'],
      registers,
    });
    this.revocations = new Counter({
      name: 'auth_revocations_total',
      help: 'Tokens revoked (stored) by logout.',
      labelNames: ['worker'],
      registers,
    });
    this.loginRateLimited = new Counter({
      name: 'auth_login_rate_limited_total',
      help: 'Login attempts answered 429, by the limit that was hit.',
      labelNames: ['worker', 'scope'],
      registers,
    });
    this.loginLimitFallbacks = new Counter({
      name: 'auth_login_limit_fallback_total',
      help: 'Login attempts limited by per-worker memory counters because Redis was unavailable.',
      labelNames: ['worker'],
      registers,
    });
    this.logins = new Counter({
      name: 'auth_logins_total',
      help: 'Login attempts answered, by outcome: success, invalid_credentials (401), rate_limited (429).',
      labelNames: ['worker', 'outcome'],
      registers,
    });
    this.limiterDecisions = new Counter({
      name: 'auth_login_limiter_decisions_total',
      help: 'Login limiter decisions: allowed, or refused by the account or ip limit.',
      labelNames: ['worker', 'decision'],
      registers,
    });
    this.revokedTokenRefusals = new Counter({
      name: 'auth_revoked_token_refusals_total',
      help: 'Requests refused (401) because their token is revoked, by route.',
      labelNames: ['worker', 'route'],
      registers,
    });
    this.failClosed = new Counter({
      name: 'auth_fail_closed_total',
      help: 'Requests answered 503 because the revocation store could not answer (fail closed), by operation.',
      labelNames: ['worker', 'operation'],
      registers,
    });
    // Zero-valued series exist from the start, so a reader sees "0" rather than a missing series.
    for (const kind of ['command', 'connection']) this.redisErrors.inc({ worker, kind }, 0);
    for (const scope of ['account', 'ip']) this.loginRateLimited.inc({ worker, scope }, 0);
    this.revocations.inc({ worker }, 0);
    this.loginLimitFallbacks.inc({ worker }, 0);
    for (const outcome of LOGIN_OUTCOMES) this.logins.inc({ worker, outcome }, 0);
    for (const decision of LIMITER_DECISIONS) this.limiterDecisions.inc({ worker, decision }, 0);
    for (const route of REVOKED_TOKEN_ROUTES) this.revokedTokenRefusals.inc({ worker, route }, 0);
    for (const operation of STORE_OPERATIONS) this.failClosed.inc({ worker, operation }, 0);
    this.processGauges(registers, liveHeap);
  }

  /** Read when the registry is collected; 'first' because a gauge must never be summed across workers. */
  private processGauges(registers: Registry[], liveHeap: LiveHeapSampler | undefined): void {
    const worker = this.worker;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['worker'],
        aggregator: 'first',
        registers,
        collect() {
          this.set({ worker }, read());
        },
      });
    gauge('auth_worker_rss_bytes', 'Resident set size of the worker process.', () =>
      process.memoryUsage.rss(),
    );
    gauge(
      'auth_worker_heap_used_bytes',
      'V8 heap in use by the worker.',
      () => process.memoryUsage().heapUsed,
    );
    if (liveHeap !== undefined) {
      // Before the first forced collection there is no live figure; the last one read stands meanwhile.
      gauge(
        'auth_worker_heap_live_bytes',
        'V8 heap in use right after the latest forced full collection (LIVE_HEAP_SAMPLE_S).',
        () => liveHeap.read() ?? Number.NaN,
      );
    }
    gauge('auth_worker_uptime_seconds', 'Seconds since the worker started.', () => process.uptime());
    // CPU as a counter that catches up with process.cpuUsage() at each collection, so rate() gives the
    // worker's CPU use; summed across workers it stays per worker thanks to the worker label.
    let counted = 0;
    new Counter({
      name: 'auth_worker_cpu_seconds_total',
      help: 'User and system CPU time the worker process has used.',
      labelNames: ['worker'],
      registers,
      collect() {
        const { user, system } = process.cpuUsage();
        const total = (user + system) / 1e6;
        this.inc({ worker }, Math.max(0, total - counted));
        counted = total;
      },
    });
  }

  observeRequest(route: string, method: string, status: number, durationS: number): void {
    const labels = { worker: this.worker, route, method, status };
    this.requests.inc(labels);
    this.durations.observe(labels, durationS);
  }

  redisCommandFailed(): void {
    this.redisErrors.inc({ worker: this.worker, kind: 'command' });
  }

  redisConnectionError(): void {
    this.redisErrors.inc({ worker: this.worker, kind: 'connection' });
  }

  revocationStored(): void {
    this.revocations.inc({ worker: this.worker });
  }

  loginRejected(scope: 'account' | 'ip'): void {
    this.loginRateLimited.inc({ worker: this.worker, scope });
  }

  loginAnswered(outcome: LoginOutcome): void {
    this.logins.inc({ worker: this.worker, outcome });
  }

  limiterDecided(decision: LimiterDecision): void {
    this.limiterDecisions.inc({ worker: this.worker, decision });
  }

  revokedTokenRefused(route: RevokedTokenRoute): void {
    this.revokedTokenRefusals.inc({ worker: this.worker, route });
  }

  failedClosed(operation: StoreOperation): void {
    this.failClosed.inc({ worker: this.worker, operation });
  }

  loginLimitFallback(): void {
    this.loginLimitFallbacks.inc({ worker: this.worker });
  }

  snapshot(): Promise<MetricsJson> {
    return this.registry.getMetricsAsJSON();
  }
}
