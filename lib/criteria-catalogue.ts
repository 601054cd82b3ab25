// Every criterion thresholds.json may name, once: which sections may use it, how a person reads it (label,
// unit), and for the criteria k6 judges, the metric, statistic and measured-guard counter behind it. The plan
// parser's allowed names, the k6 thresholds, the drill's and soak's labels and the reports' units all come
// from here, so a new criterion is one entry, and a key can never show in one unit and be judged in another.
// Pure TypeScript: the bundles, the Node scripts and the unit tests share it.

/** Sections of thresholds.json that hold criteria: each test's own, and the shared ones. */
export type CriterionSection =
  | 'tests'
  | 'everyTest'
  | 'redisProbe'
  | 'failoverDrill'
  | 'instanceLoss'
  | 'soak';

/** How k6 measures a criterion: a metric, its statistic, and the counter that proves it was measured. */
export interface K6Measure {
  metric: string;
  /** Statistic of the k6 metric: "rate", "count", "p(95)", "max" ... */
  stat: string;
  /**
   * A counter that proves the metric was measured at all: k6 passes a rate or trend threshold that saw no
   * samples (see Criterion.sampledBy in criteria.ts).
   */
  sampledBy?: string;
}

export interface CatalogueEntry {
  sections: readonly CriterionSection[];
  label: string;
  unit: 'ms' | 's' | 'ratio' | 'count' | 'req/s' | 'MB' | 'MB/min' | '%';
  /** Set for criteria k6 judges; drill and soak criteria are judged by their Node commands. */
  k6?: K6Measure;
}

/** Calls made with revoked tokens: without them "0 revoked tokens accepted" is silence, not proof. */
export const REVOCATION_CHECKS = 'revocation_checks';

/** Steady-window request counter: throughput is judged on it (docs/plan.md, "Targets"). */
export const STEADY_REQUESTS = 'steady_requests';

const latency = (percentile: number): CatalogueEntry => ({
  sections: ['tests'],
  label: `Latency p${percentile}`,
  unit: 'ms',
  k6: { metric: 'http_req_duration', stat: `p(${percentile})`, sampledBy: 'http_reqs' },
});

const redisMonitor = (label: string, metric: string, unit: 'MB' | 'count'): CatalogueEntry => ({
  sections: ['redisProbe'],
  label,
  unit,
  k6: { metric, stat: 'max', sampledBy: 'redis_monitor_samples' },
});

/** In the plan's order: reports list a test's rows in this order, whichever level introduced them. */
export const CRITERIA_CATALOGUE = {
  failure_rate: {
    sections: ['tests', 'everyTest'],
    label: 'Failed requests',
    unit: 'ratio',
    k6: { metric: 'http_req_failed', stat: 'rate', sampledBy: 'http_reqs' },
  },
  p50_ms: latency(50),
  p90_ms: latency(90),
  p95_ms: latency(95),
  p99_ms: latency(99),
  throughput_rps: {
    sections: ['tests'],
    label: 'Steady throughput',
    unit: 'req/s',
    k6: { metric: STEADY_REQUESTS, stat: 'count' },
  },
  revoked_token_accepted: {
    sections: ['tests', 'everyTest', 'failoverDrill', 'instanceLoss'],
    label: 'Revoked tokens accepted',
    unit: 'count',
    k6: { metric: 'revoked_token_accepted', stat: 'count', sampledBy: REVOCATION_CHECKS },
  },
  state_sync_errors: {
    sections: ['tests', 'everyTest'],
    label: 'State-sync errors',
    unit: 'count',
    k6: { metric: 'state_sync_errors', stat: 'count', sampledBy: REVOCATION_CHECKS },
  },
  cross_instance_errors: {
    sections: ['tests'],
    label: 'Cross-instance errors',
    unit: 'count',
    k6: { metric: 'cross_instance_errors', stat: 'count', sampledBy: 'cross_instance_checks' },
  },
  login_limit_bypassed: {
    sections: ['tests'],
    label: 'Login limit not shared',
    unit: 'count',
    k6: { metric: 'login_limit_bypassed', stat: 'count', sampledBy: 'login_limit_checks' },
  },
  login_success_rate: {
    sections: ['tests', 'everyTest'],
    label: 'Logins that got a token',
    unit: 'ratio',
    k6: { metric: 'login_success', stat: 'rate', sampledBy: 'login_attempts' },
  },
  blacklist_synced_rate: {
    sections: ['redisProbe'],
    label: 'Revocations found in Redis',
    unit: 'ratio',
    k6: { metric: 'blacklist_synced', stat: 'rate', sampledBy: 'blacklist_checks' },
  },
  redis_probe_p95_ms: {
    sections: ['redisProbe'],
    label: 'Redis probe p95',
    unit: 'ms',
    k6: { metric: 'redis_probe_duration', stat: 'p(95)', sampledBy: 'blacklist_checks' },
  },
  redis_used_memory_mb: redisMonitor('Redis used memory', 'redis_used_memory_mb', 'MB'),
  redis_rejected_connections: redisMonitor(
    'Redis rejected connections',
    'redis_rejected_connections',
    'count',
  ),
  redis_evicted_keys: redisMonitor('Redis evicted keys', 'redis_evicted_keys', 'count'),
  recovery_s: { sections: ['failoverDrill'], label: 'Recovery after Redis is back (s)', unit: 's' },
  lost_revocations: {
    sections: ['failoverDrill', 'instanceLoss'],
    label: 'Acknowledged revocations lost',
    unit: 'count',
  },
  error_window_s: {
    sections: ['instanceLoss'],
    label: 'Seconds with wrong answers through the balancer',
    unit: 's',
  },
  sessions_lost: {
    sections: ['instanceLoss'],
    label: 'Users who had to log in again (live token refused)',
    unit: 'count',
  },
  worker_crashes: { sections: ['failoverDrill'], label: 'Service worker crashes', unit: 'count' },
  wrong_answers_after_recovery: {
    sections: ['failoverDrill'],
    label: 'Wrong answers after recovery',
    unit: 'count',
  },
  memory_slope_mb_per_min: {
    sections: ['soak'],
    label: 'Worker memory growth after warm-up (MB/min, worst worker)',
    unit: 'MB/min',
  },
  p95_drift_pct: {
    sections: ['soak'],
    label: 'Rise of the median block p95, last blocks vs first after warm-up (%)',
    unit: '%',
  },
  worst_minute_failure_rate: { sections: ['soak'], label: 'Failure rate of the worst window', unit: 'ratio' },
} as const satisfies Record<string, CatalogueEntry>;

export type CriterionKey = keyof typeof CRITERIA_CATALOGUE;

const ENTRIES = Object.entries(CRITERIA_CATALOGUE) as [CriterionKey, CatalogueEntry][];

/** The entry for a key, or undefined for a key no section may use (a record from another version). */
export function catalogueEntry(key: string): CatalogueEntry | undefined {
  return (CRITERIA_CATALOGUE as Record<string, CatalogueEntry>)[key];
}

/** The criteria a section of thresholds.json may name, in the plan's order. */
export function criteriaOfSection(section: CriterionSection): string[] {
  return ENTRIES.filter(([, entry]) => entry.sections.includes(section)).map(([key]) => key);
}

/** Every key in the plan's order. */
export const CRITERION_ORDER: readonly string[] = ENTRIES.map(([key]) => key);

/** A criterion's unit; "count" for a key the catalogue does not know (shown, never judged, by its unit). */
export function unitOf(key: string): string {
  return catalogueEntry(key)?.unit ?? 'count';
}

/** A criterion's label, or its key for one the catalogue does not know. */
export function labelOf(key: string): string {
  return catalogueEntry(key)?.label ?? key;
}
