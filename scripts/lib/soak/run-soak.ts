// The sustained-load run and its verdict: k6's mixed workload against the embedded stack, while this
// process samples each worker's memory from /metrics; afterwards, memory trend, p95 drift and the
// failure rate of every window are judged against thresholds.json's "soak" section.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../../lib/plan.ts';
import type { EffectiveProfile } from '../../../lib/profiles.ts';
import { judgeEach } from '../analysis/judge-criteria.ts';
import { readTimedRequests } from '../analysis/k6-csv.ts';
import { writeRunFile } from '../run-folder/files.ts';
import type { SoakBlocks, SoakResult as SoakReportInput } from '../run-folder/types.ts';
import { dashboardEnv } from '../stack/dashboard-env.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { runK6 } from '../stack/k6-runner.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { parsePrometheus, scrapeMetrics } from '../stack/service-client.ts';
import type { Stack } from '../stack/stack.ts';
import { type MemorySample, type RequestSample, rssSlopes, windows } from './soak-analysis.ts';
import { blocksPerSide, compareDrift, DRIFT_SIGNIFICANCE, MIN_BLOCKS_PER_SIDE } from './soak-drift.ts';
import { driftJudgement, memoryTrend, type WorkerTrend, windowJudgement } from './soak-judgements.ts';

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
  /** Length of the compared stretches at the start and the end of the steady part (plan: 5 minutes). */
  compareS: number;
  /** Length of a latency block; default compareS / MIN_BLOCKS_PER_SIDE, so each side has enough blocks. */
  blockS?: number;
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
  p95Blocks: SoakBlocks;
  memoryTrend: Record<string, WorkerTrend>;
  k6ExitCode: number;
}

const MB = 1024 * 1024;

/** Re-exported: the sensitivity matrix sizes its soak with it. */
export { MIN_MEMORY_TREND_S } from './soak-judgements.ts';

/**
 * Seconds between the forced full GCs that measure each worker's live heap during a soak of the embedded
 * service: at least 3 per quick-soak memory window (15 s). Each costs a pause of tens of ms per worker.
 */
export const SOAK_LIVE_HEAP_SAMPLE_S = 5;

/** The embedded service's settings for a soak: the plan's, plus the live-heap measurement. */
export function soakServiceEnv(): Record<string, string> {
  return { ...planServiceEnv(), LIVE_HEAP_SAMPLE_S: String(SOAK_LIVE_HEAP_SAMPLE_S) };
}

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
    // NaN until the worker's first forced collection.
    const isLive =
      memory.metric === undefined && /heap_live_bytes$/.test(sample.name) && Number.isFinite(sample.value);
    if (!isRss && !isHeap && !isLive) continue;
    const entry: MemorySample = byWorker.get(worker) ?? { t, worker, rssMb: 0, heapUsedMb: 0 };
    if (isRss) entry.rssMb = sample.value / MB;
    else if (isLive) entry.liveHeapMb = sample.value / MB;
    else entry.heapUsedMb = sample.value / MB;
    byWorker.set(worker, entry);
  }
  return [...byWorker.values()];
}

export function soakVerdict(
  plan: Plan,
  options: Pick<SoakOptions, 'warmupS' | 'compareS' | 'blockS' | 'windowS' | 'floorWindowS'>,
  run: { startMs: number; endMs: number; rampS: number },
  requests: RequestSample[],
  memory: MemorySample[],
) {
  const judgedFrom = run.startMs + (run.rampS + options.warmupS) * 1000;
  const blockS = options.blockS ?? options.compareS / MIN_BLOCKS_PER_SIDE;
  const drift = compareDrift(requests, judgedFrom, run.endMs, { compareS: options.compareS, blockS });
  const minutes = windows(requests, run.startMs + run.rampS * 1000, run.endMs, options.windowS);
  const trend = memoryTrend(plan.soak.target.memory_slope_mb_per_min, memory, judgedFrom, run.endMs, options);
  const judged = judgeEach(plan.soak.target, {
    memory_slope_mb_per_min: trend.judgement,
    p95_drift_pct: driftJudgement(plan.soak.target.p95_drift_pct, drift),
    worst_minute_failure_rate: windowJudgement(minutes, options.windowS),
  });
  return {
    minutes,
    memorySlopeMbPerMin: Object.fromEntries(
      Object.entries(trend.workers).map(([worker, fit]) => [worker, fit.slope]),
    ),
    memoryTrend: trend.workers,
    rssSlopeMbPerMin: rssSlopes(memory, judgedFrom),
    p95FirstMs: drift.firstMedianP95Ms,
    p95LastMs: drift.lastMedianP95Ms,
    p95DriftPct: drift.risePct,
    p95Blocks: {
      blockS: drift.blockS,
      pValue: drift.pValue,
      significance: DRIFT_SIGNIFICANCE,
      first: drift.first,
      last: drift.last,
    },
    worstMinuteFailureRate: minutes.length ? Math.max(...minutes.map((m) => m.failureRate)) : Number.NaN,
    ...judged,
  };
}

/**
 * Why a soak of this length cannot judge its criteria, before it runs (empty: it can). A soak that could
 * only end NOT MEASURED is refused rather than run for minutes.
 */
export function soakShortfalls(
  profile: Pick<EffectiveProfile, 'runTimeS' | 'rampS'>,
  options: Pick<SoakOptions, 'warmupS' | 'compareS' | 'blockS' | 'windowS'>,
): string[] {
  const judgedS = profile.runTimeS - profile.rampS - options.warmupS;
  const blockS = options.blockS ?? options.compareS / MIN_BLOCKS_PER_SIDE;
  const perSide = blocksPerSide(judgedS, options.compareS, blockS);
  const problems: string[] = [];
  if (perSide < MIN_BLOCKS_PER_SIDE)
    problems.push(
      `p95_drift_pct: ${judgedS} s after ramp-up and warm-up give ${perSide} blocks of ${blockS} s per side ` +
        `(compareS ${options.compareS}); needs ${MIN_BLOCKS_PER_SIDE}: a longer run time or shorter blocks`,
    );
  if (profile.runTimeS - profile.rampS < options.windowS)
    problems.push(`worst_minute_failure_rate: no complete ${options.windowS} s window after ramp-up`);
  return problems;
}

export async function runSoak(
  k6: K6Binary,
  plan: Plan,
  target: SoakTarget,
  options: SoakOptions,
): Promise<SoakResult> {
  const shortfalls = soakShortfalls(options.profile, options);
  if (shortfalls.length > 0)
    throw new Error(`this soak cannot judge what it gates:\n  ${shortfalls.join('\n  ')}`);
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
  writeRunFile('soak', join(runDir, 'soak.json'), soak);
  return soak;
}
