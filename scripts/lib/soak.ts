// The sustained-load run and its verdict: k6's mixed workload against the embedded stack, while this
// process samples each worker's memory from /metrics; afterwards, memory trend, p95 drift and the
// failure rate of every window are judged against thresholds.json's "soak" section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../lib/plan.ts';
import type { EffectiveProfile } from '../../lib/profiles.ts';
import { readTimedRequests } from './analysis/k6-csv.ts';
import {
  heapFloorSlopes,
  type MemorySample,
  p95Between,
  type RequestSample,
  rssSlopes,
  windows,
} from './analysis/soak-analysis.ts';
import { judge } from './analysis/verdict.ts';
import { dashboardEnv } from './dashboard-env.ts';
import type { K6Binary } from './k6-binary.ts';
import { runK6 } from './k6-runner.ts';
import type { SoakResult as SoakReportInput } from './report/inputs.ts';
import { parsePrometheus, scrapeMetrics } from './service-client.ts';
import type { Stack } from './stack.ts';

/** The service soaked: the embedded stack, or yours (BASE_URL) with its memory on METRICS_URL. */
export interface SoakTarget {
  baseUrl: string;
  userPassword: string;
  redisUrl: string | undefined;
  /** Where per-worker memory is read; `metric` set: that gauge (MEMORY_METRIC) instead of the reference names. */
  memory: { url: string; metric?: string; rssMetric?: string };
}

export interface SoakOptions {
  profile: EffectiveProfile;
  /** Seconds after ramp-up before memory and latency are judged (JIT, pools and caches settle). */
  warmupS: number;
  /** Length of the p95 comparison windows at the start and the end (plan: 5 minutes). */
  compareS: number;
  /** Failure-rate windows (plan: 1 minute). */
  windowS: number;
  /** Windows whose lowest heapUsed is a worker's heap floor (a few collections per window). */
  floorWindowS: number;
  sampleEveryS: number;
  reportDir: string;
  runId: string;
  thinkMinS?: number;
  thinkMaxS?: number;
}

/** What soak.json holds: the report's contract, with every field this producer always writes. */
export interface SoakResult extends SoakReportInput {
  users: number;
  runTimeS: number;
  windowS: number;
  compareS: number;
  rssSlopeMbPerMin: Record<string, number>;
  k6ExitCode: number;
}

const LABELS: Record<string, string> = {
  memory_slope_mb_per_min: 'Worker heap-floor growth after warm-up (MB/min, worst worker)',
  p95_drift_pct: 'p95 of the last window vs the first after warm-up (%)',
  worst_minute_failure_rate: 'Failure rate of the worst window',
};

const MB = 1024 * 1024;

/**
 * Shortest judged span for a memory trend. Over a minute or two, a healthy worker's heap floor still moves
 * by a few MB as V8 sizes its spaces and GC timing shifts: measured 0.4 to 3 MB/min on a healthy service
 * over 30 s here, against the plan's bound of 1 MB/min. Shorter soaks report the slope but do not judge it.
 */
export const MIN_MEMORY_TREND_S = 300;

/** The embedded stack as a soak target: the reference service's /metrics names every worker. */
export function embeddedSoakTarget(stack: Stack): SoakTarget {
  return {
    baseUrl: stack.baseUrl,
    userPassword: stack.userPassword,
    redisUrl: stack.redisUrl,
    memory: { url: `${stack.baseUrl}/metrics` },
  };
}

/** A series' identity on someone else's metrics page: its labels (worker, pid, instance ...), or one series. */
function seriesName(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  return pairs.length === 0 ? 'service' : pairs.sort().join(',');
}

/**
 * Per-worker memory from a Prometheus page. The reference service's rss and heap gauges carry a worker label;
 * for another service, MEMORY_METRIC names the judged gauge (RSS_METRIC the reported one), one series per
 * label set.
 */
export async function sampleWorkerMemory(memory: SoakTarget['memory']): Promise<MemorySample[]> {
  const t = Date.now();
  const byWorker = new Map<string, MemorySample>();
  for (const sample of parsePrometheus(await scrapeMetrics(memory.url))) {
    const worker = memory.metric === undefined ? sample.labels.worker : seriesName(sample.labels);
    if (worker === undefined) continue;
    const isRss =
      memory.metric === undefined
        ? /resident_memory_bytes$|rss_bytes$/.test(sample.name)
        : sample.name === (memory.rssMetric ?? 'process_resident_memory_bytes');
    const isHeap =
      memory.metric === undefined ? /heap_used_bytes$/.test(sample.name) : sample.name === memory.metric;
    if (!isRss && !isHeap) continue;
    const entry = byWorker.get(worker) ?? { t, worker, rssMb: 0, heapUsedMb: 0 };
    if (isRss) entry.rssMb = sample.value / MB;
    else entry.heapUsedMb = sample.value / MB;
    byWorker.set(worker, entry);
  }
  return [...byWorker.values()];
}

export function soakVerdict(
  plan: Plan,
  options: Pick<SoakOptions, 'warmupS' | 'compareS' | 'windowS' | 'floorWindowS'>,
  run: { startMs: number; endMs: number; rampS: number },
  requests: RequestSample[],
  memory: MemorySample[],
) {
  const judgedFrom = run.startMs + (run.rampS + options.warmupS) * 1000;
  const compareMs = Math.min(options.compareS * 1000, (run.endMs - judgedFrom) / 2);
  const p95FirstMs = p95Between(requests, judgedFrom, judgedFrom + compareMs);
  const p95LastMs = p95Between(requests, run.endMs - compareMs, run.endMs);
  const minutes = windows(requests, run.startMs + run.rampS * 1000, run.endMs, options.windowS);
  const slopes = heapFloorSlopes(memory, judgedFrom, options.floorWindowS * 1000);
  const judgedS = Math.round((run.endMs - judgedFrom) / 1000);
  const notJudged: Record<string, string> =
    judgedS < MIN_MEMORY_TREND_S
      ? {
          memory_slope_mb_per_min: `not judged: ${judgedS} s after warm-up is too short for a trend (needs ${MIN_MEMORY_TREND_S} s; npm run soak -- --full)`,
        }
      : {};
  const measured = {
    memory_slope_mb_per_min: Object.keys(slopes).length ? Math.max(...Object.values(slopes)) : undefined,
    p95_drift_pct: p95FirstMs > 0 ? ((p95LastMs - p95FirstMs) / p95FirstMs) * 100 : undefined,
    worst_minute_failure_rate: minutes.length ? Math.max(...minutes.map((m) => m.failureRate)) : undefined,
  };
  return {
    minutes,
    memorySlopeMbPerMin: slopes,
    rssSlopeMbPerMin: rssSlopes(memory, judgedFrom),
    p95FirstMs,
    p95LastMs,
    p95DriftPct: measured.p95_drift_pct ?? Number.NaN,
    worstMinuteFailureRate: measured.worst_minute_failure_rate ?? Number.NaN,
    ...judge(plan.soak.target, measured, LABELS, notJudged),
  };
}

export async function runSoak(
  k6: K6Binary,
  plan: Plan,
  target: SoakTarget,
  options: SoakOptions,
): Promise<SoakResult> {
  const runDir = join(options.reportDir, options.runId);
  mkdirSync(join(runDir, options.profile.test), { recursive: true }); // k6 writes its run record there
  const csv = join(runDir, 'sustained.csv.gz');
  const memory: MemorySample[] = [];
  const sampler = setInterval(() => {
    sampleWorkerMemory(target.memory).then(
      (samples) => memory.push(...samples),
      () => {}, // a missed sample is not a verdict; the slope uses the ones that arrived
    );
  }, options.sampleEveryS * 1000);
  const startMs = Date.now();
  const result = await runK6(k6, {
    test: 'sustained-5000',
    csvOut: csv,
    env: {
      BASE_URL: target.baseUrl,
      USER_PASSWORD: target.userPassword,
      REDIS_URL: target.redisUrl,
      USERS: options.profile.users,
      SPAWN_RATE: options.profile.spawnRate,
      DURATION: `${options.profile.runTimeS}s`,
      THINK_MIN_S: options.thinkMinS,
      THINK_MAX_S: options.thinkMaxS,
      RUN_ID: options.runId,
      REPORT_DIR: options.reportDir,
      K6_CSV_TIME_FORMAT: 'unix_milli',
      ...dashboardEnv(join(runDir, options.profile.test, 'dashboard.html'), options.profile.runTimeS),
    },
  }).finally(() => clearInterval(sampler));
  const requests = await readTimedRequests(csv);
  // k6 start-up takes a moment: anchor the run at its first request, not at process start.
  const firstMs = requests.reduce((min, r) => Math.min(min, r.timeMs), Number.POSITIVE_INFINITY);
  const runStart = Number.isFinite(firstMs) ? firstMs : startMs;
  const verdict = soakVerdict(
    plan,
    options,
    { startMs: runStart, endMs: runStart + options.profile.runTimeS * 1000, rampS: options.profile.rampS },
    requests,
    memory,
  );
  const soak: SoakResult = {
    schema: 'auth-loadtest/soak@1',
    users: options.profile.users,
    runTimeS: options.profile.runTimeS,
    warmupS: options.warmupS,
    windowS: options.windowS,
    compareS: options.compareS,
    memory,
    k6ExitCode: result.exitCode,
    ...verdict,
  };
  writeFileSync(join(runDir, 'soak.json'), `${JSON.stringify(soak, null, 2)}\n`);
  return soak;
}
