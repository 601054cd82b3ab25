// The alert rules, derived from thresholds.json: each threshold an alert compares against is a plan bound,
// and the comparison is that bound's violation (a target "< 0.01" alerts at ">= 0.01"). Each alert also
// carries the cases its promtool unit test feeds it (alert-tests.ts), chosen around the same bound, so a
// changed plan changes the rule and its proof together. Pure: no I/O.
import type { Bound, Operator, Plan } from '../../../lib/plan.ts';
import { DURATION_BUCKETS_S } from '../../../server/metrics/worker-metrics.ts';
import { failureRateTargetBounds, type PlanBound, p95TargetBounds } from './plan-bounds.ts';

/** Series values in promtool's expanding notation ("0+5x20"), one sample per evaluation interval. */
export type InputSeries = Record<string, string>;

/** One promtool case: these series, evaluated at `at`, make exactly the `firing` instances fire. */
export interface AlertCase {
  what: string;
  series: InputSeries;
  at: string;
  /** Labels of every instance expected to fire (besides alertname and severity); empty: none fires. */
  firing: Record<string, string>[];
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'warning' | 'critical' } & Record<string, string>;
  annotations: { summary: string; description: string; threshold: string };
  cases: AlertCase[];
}

/** The promtool test and Prometheus evaluate and sample every 5 s, as `npm run observe` scrapes. */
export const EVALUATION_INTERVAL = '5s';

const VIOLATION: Record<Operator, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=' };

/** The PromQL comparison that is true exactly when a value misses the bound. */
export function violation(bound: Bound): string {
  return `${VIOLATION[bound.op]} ${bound.value}`;
}

function where(bound: PlanBound): string {
  return `thresholds.json ${bound.criterion} "${bound.bound.op} ${bound.bound.value}" (${bound.usedBy.join(', ')})`;
}

/** Requests that answer users: /health answers 503 on purpose while Redis is down, /metrics is Prometheus. */
const USER_ROUTES = 'route!~"/health|/metrics"';
const MB = 1024 * 1024;
/** The loosest bound is what every test gating on the criterion fails past: critical. Tighter: warning. */
const severityOf = (bounds: PlanBound[], index: number) =>
  index === bounds.length - 1 ? ('critical' as const) : ('warning' as const);

function requestSeries(ok: number, failed: number, health503: number): InputSeries {
  const counter = (status: string, route: string, perStep: number) => [
    `auth_http_requests_total{worker="1",route="${route}",method="GET",status="${status}"}`,
    `0+${perStep}x40`,
  ];
  return Object.fromEntries([
    counter('200', '/api/protected', ok),
    counter('503', '/api/protected', failed),
    counter('503', '/health', health503),
  ]);
}

function errorRatioRules(plan: Plan): AlertRule[] {
  const bounds = failureRateTargetBounds(plan);
  return bounds.map((bound, index) => {
    const b = bound.bound.value;
    /** 100 answers per step with `ratio` of them 5xx. */
    const at = (ratio: number) => requestSeries(100 * (1 - ratio), 100 * ratio, 0);
    const firingAt = (ratio: number) =>
      bounds
        .filter((other) => ratio >= other.bound.value)
        .map((other) => ({ bound: String(other.bound.value) }));
    return {
      alert: 'AuthErrorRatioOverPlan',
      expr:
        `sum(rate(auth_http_requests_total{status=~"5..",${USER_ROUTES}}[1m]))` +
        ` / sum(rate(auth_http_requests_total{${USER_ROUTES}}[1m])) ${violation(bound.bound)}`,
      for: '1m',
      labels: { severity: severityOf(bounds, index), bound: String(b) },
      annotations: {
        summary: `Error ratio over the plan's failure-rate bound ${b}`,
        description:
          'The share of 5xx answers to user requests (all workers, /health and /metrics excluded) over the ' +
          `last minute has been at or over ${b} for a minute; the plan's load tests fail there. ` +
          '503s here are usually fail-closed answers: see AuthFailingClosed and RedisDown.',
        threshold: where(bound),
      },
      cases: [
        { what: `1.5x the bound`, series: at(b * 1.5), at: '2m', firing: firingAt(b * 1.5) },
        { what: `half the bound`, series: at(b / 2), at: '2m', firing: firingAt(b / 2) },
        {
          what: 'healthy requests with /health answering 503',
          series: requestSeries(100, 0, 50),
          at: '2m',
          firing: [],
        },
      ],
    };
  });
}

function bucketLabel(ms: number): string {
  const le = DURATION_BUCKETS_S.find((bucket) => Math.abs(bucket * 1000 - ms) < 1e-9);
  if (le === undefined) {
    throw new Error(
      `thresholds.json has a p95 bound of ${ms} ms, but auth_http_request_duration_seconds has no bucket ` +
        'there: add it to DURATION_BUCKETS_S in server/metrics/worker-metrics.ts',
    );
  }
  return String(le);
}

function latencyRules(plan: Plan): AlertRule[] {
  const bounds = p95TargetBounds(plan);
  /** 100 requests per step; `slowerShare(bound)` of them slower than each bound. */
  const series = (slowerShare: (index: number) => number): InputSeries => {
    const out: InputSeries = {
      'auth_http_request_duration_seconds_count{worker="1",route="/api/protected",method="GET",status="200"}':
        '0+100x40',
    };
    bounds.forEach((bound, index) => {
      const le = bucketLabel(bound.bound.value);
      out[
        `auth_http_request_duration_seconds_bucket{le="${le}",worker="1",route="/api/protected",method="GET",status="200"}`
      ] = `0+${100 * (1 - slowerShare(index))}x40`;
    });
    return out;
  };
  return bounds.map((bound, index) => {
    const ms = bound.bound.value;
    const le = bucketLabel(ms);
    const firingUpTo = (last: number) =>
      bounds.slice(0, last + 1).map((b) => ({ bound_ms: String(b.bound.value) }));
    return {
      alert: 'AuthLatencyOverP95Bound',
      expr:
        `1 - sum(rate(auth_http_request_duration_seconds_bucket{le="${le}",${USER_ROUTES}}[1m]))` +
        ` / sum(rate(auth_http_request_duration_seconds_count{${USER_ROUTES}}[1m])) > 0.05`,
      for: '1m',
      labels: { severity: severityOf(bounds, index), bound_ms: String(ms) },
      annotations: {
        summary: `More than 5% of requests slower than the plan's p95 bound of ${ms} ms`,
        description:
          `More than 5% of user requests over the last minute took longer than ${ms} ms, for a minute: ` +
          `their p95 misses the plan's bound (histogram bucket le=${le}, exact).`,
        threshold: where(bound),
      },
      cases: [
        {
          what: `10% slower than ${ms} ms, 1% slower than the looser bounds`,
          series: series((i) => (i <= index ? 0.1 : 0.01)),
          at: '2m',
          firing: firingUpTo(index),
        },
        { what: '3% slower than every bound', series: series(() => 0.03), at: '2m', firing: [] },
      ],
    };
  });
}

function redisDownRule(): AlertRule {
  const series = { 'redis_up{instance="redis"}': '1x12 0x12 1x24' };
  return {
    alert: 'RedisDown',
    expr: 'redis_up == 0',
    for: '5s',
    labels: { severity: 'critical' },
    annotations: {
      summary: 'Redis does not answer the exporter',
      description:
        'The Redis exporter at {{ $labels.instance }} cannot reach Redis. The service fails closed: ' +
        'protected calls and logouts answer 503 until it is back; logins fall back to per-worker limits.',
      threshold: 'Redis must answer (the failover drill stops it on purpose)',
    },
    cases: [
      { what: 'before the outage', series, at: '55s', firing: [] },
      { what: 'during the outage', series, at: '115s', firing: [{ instance: 'redis' }] },
      { what: 'after recovery', series, at: '3m', firing: [] },
    ],
  };
}

function failClosedRule(): AlertRule {
  const series = {
    'auth_fail_closed_total{worker="1",operation="revocation lookup"}': '0x12 0+20x12 240x36',
  };
  return {
    alert: 'AuthFailingClosed',
    expr: 'sum by (operation) (increase(auth_fail_closed_total[30s])) > 0',
    for: '5s',
    labels: { severity: 'critical' },
    annotations: {
      summary: 'Requests refused with 503 because the revocation store cannot answer',
      description:
        'Over the last 30 s, requests needing a {{ $labels.operation }} were answered 503: the ' +
        'service refuses rather than guess whether a token was revoked. Redis is down or failing.',
      threshold: 'revoked_token_accepted "== 0" (every test): failing closed is how it is kept',
    },
    cases: [
      { what: 'before the outage', series, at: '55s', firing: [] },
      { what: 'during the outage', series, at: '110s', firing: [{ operation: 'revocation lookup' }] },
      { what: 'a minute after the last refusal', series, at: '4m', firing: [] },
    ],
  };
}

function workerRestartRule(plan: Plan): AlertRule | undefined {
  const bound = plan.failoverDrill.target.worker_crashes;
  if (bound === undefined) return undefined;
  const series = { auth_worker_restarts_total: '0x24 1x100' };
  return {
    alert: 'AuthWorkerRestarted',
    expr: `increase(auth_worker_restarts_total[5m]) ${violation(bound)}`,
    for: '0s',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'A service worker died and was replaced',
      description:
        'A worker restarted in the last 5 minutes. The primary replaces a dead worker, but its ' +
        'in-flight requests failed; look for the crash in the service log.',
      threshold: `thresholds.json failoverDrill worker_crashes "${bound.op} ${bound.value}"`,
    },
    cases: [
      { what: 'no restart', series, at: '100s', firing: [] },
      { what: 'just after a restart', series, at: '150s', firing: [{}] },
      { what: 'more than 5 minutes later', series, at: '8m', firing: [] },
    ],
  };
}

function memoryGrowthRule(plan: Plan): AlertRule | undefined {
  const bound = plan.soak.target.memory_slope_mb_per_min;
  if (bound === undefined) return undefined;
  const steps = 400; // 5 s steps: 33 minutes, past the 10-minute window and the 15 minutes of `for`
  /** Bytes per 5 s step for a growth of `mbPerMin`. */
  const perStep = (mbPerMin: number) => Math.round((mbPerMin * MB) / 12);
  const heap = (name: string, mbPerMin: number) => ({
    [`${name}{worker="1"}`]: `${100 * MB}+${perStep(mbPerMin)}x${steps}`,
  });
  const growth = bound.value;
  return {
    alert: 'AuthWorkerMemoryGrowing',
    // The live heap (after a forced GC) when the service samples it, else the heap in use.
    expr:
      `(deriv(auth_worker_heap_live_bytes[10m]) or deriv(auth_worker_heap_used_bytes[10m])) * 60 / ${MB}` +
      ` ${violation(bound)}`,
    for: '15m',
    labels: { severity: 'warning' },
    annotations: {
      summary: "A worker's heap grows faster than the soak's bound",
      description:
        `Worker {{ $labels.worker }}'s heap has grown faster than ${bound.value} MB/min (slope over 10 minutes) ` +
        'for 15 minutes: a leak at this rate exhausts memory. The soak judges the same slope.',
      threshold: `thresholds.json soak memory_slope_mb_per_min "${bound.op} ${bound.value}"`,
    },
    cases: [
      {
        what: `heap growing ${growth * 2} MB/min`,
        series: heap('auth_worker_heap_used_bytes', growth * 2),
        at: '30m',
        firing: [{ worker: '1' }],
      },
      {
        what: `heap growing ${growth / 2} MB/min`,
        series: heap('auth_worker_heap_used_bytes', growth / 2),
        at: '30m',
        firing: [],
      },
      {
        what: 'heap in use growing fast while the live heap is flat (garbage, not a leak)',
        series: {
          ...heap('auth_worker_heap_used_bytes', growth * 4),
          ...heap('auth_worker_heap_live_bytes', 0),
        },
        at: '30m',
        firing: [],
      },
    ],
  };
}

function redisCounterRule(
  plan: Plan,
  criterion: 'redis_evicted_keys' | 'redis_rejected_connections',
  alert: string,
  metric: string,
  summary: string,
  why: string,
): AlertRule | undefined {
  const bound = plan.redisProbe.target[criterion];
  if (bound === undefined) return undefined;
  const series = { [`${metric}{instance="redis"}`]: '0x24 3x100' };
  return {
    alert,
    expr: `increase(${metric}[5m]) ${violation(bound)}`,
    for: '0s',
    labels: { severity: 'critical' },
    annotations: {
      summary,
      description: `At least once in the last 5 minutes on {{ $labels.instance }}. ${why}`,
      threshold: `thresholds.json redisProbe ${criterion} "${bound.op} ${bound.value}"`,
    },
    cases: [
      { what: 'none yet', series, at: '100s', firing: [] },
      { what: 'just after', series, at: '150s', firing: [{ instance: 'redis' }] },
    ],
  };
}

function redisMemoryRule(plan: Plan): AlertRule | undefined {
  const bound = plan.redisProbe.target.redis_used_memory_mb;
  if (bound === undefined) return undefined;
  const series = (mb: number) => ({ 'redis_memory_used_bytes{instance="redis"}': `${mb * MB}x40` });
  return {
    alert: 'RedisMemoryOverPlan',
    expr: `redis_memory_used_bytes / ${MB} ${violation(bound)}`,
    for: '1m',
    labels: { severity: 'warning' },
    annotations: {
      summary: "Redis uses more memory than the plan's bound",
      description:
        `Redis at {{ $labels.instance }} has used more than ${bound.value} MB for a minute. With noeviction, at maxmemory ` +
        'writes fail and logouts answer 503.',
      threshold: `thresholds.json redisProbe redis_used_memory_mb "${bound.op} ${bound.value}"`,
    },
    cases: [
      { what: 'over the bound', series: series(bound.value * 2), at: '2m', firing: [{ instance: 'redis' }] },
      { what: 'under the bound', series: series(bound.value / 2), at: '2m', firing: [] },
    ],
  };
}

export interface AlertGroup {
  name: string;
  rules: AlertRule[];
}

/** Every alert the plan gives rise to, in groups as Prometheus loads them. */
export function alertGroups(plan: Plan): AlertGroup[] {
  const present = (rules: (AlertRule | undefined)[]) => rules.filter((rule) => rule !== undefined);
  return [
    { name: 'auth-service', rules: [...errorRatioRules(plan), ...latencyRules(plan), failClosedRule()] },
    { name: 'auth-workers', rules: present([workerRestartRule(plan), memoryGrowthRule(plan)]) },
    {
      name: 'redis',
      rules: present([
        redisDownRule(),
        redisCounterRule(
          plan,
          'redis_evicted_keys',
          'RedisEvictingKeys',
          'redis_evicted_keys_total',
          'Redis evicted keys',
          'An evicted denylist key un-revokes a token: Redis must run with maxmemory-policy noeviction.',
        ),
        redisCounterRule(
          plan,
          'redis_rejected_connections',
          'RedisRejectingConnections',
          'redis_rejected_connections_total',
          'Redis refused client connections',
          'Redis reached maxclients: service workers cannot (re)connect and fail closed.',
        ),
        redisMemoryRule(plan),
      ]),
    },
  ];
}
