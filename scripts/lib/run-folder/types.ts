// The JSON files the Node tools write into reports/<run-id>/ besides k6's run records: the contract between
// their writers (the drill, the soak, the plan runner) and their readers (the report, compare, capacity,
// sensitivity). schemas.ts checks them; files.ts is the only place that reads or writes them.
import type { Bound } from '../../../lib/plan.ts';
import type { ErrorBreakdown } from '../analysis/request-stats.ts';
import type { CaseOutcome, SensitivityMatrix } from '../sensitivity/case-verdict.ts';
import type { DefectLimit } from '../sensitivity/limit-search.ts';

/** A criterion judged outside k6 (drill, soak): measured null means "could not be measured" (a fail). */
export interface JudgedCriterion {
  key: string;
  label: string;
  bound: Bound;
  measured: number | null;
  pass: boolean | null;
  /** The decision, as lib/criteria.ts words it; absent in older results. */
  outcome?: 'pass' | 'fail' | 'not-measured';
  /** Why it was not measured, in words a person can act on (outcome 'not-measured'). */
  reason?: string;
  /**
   * How a measured value was decided (e.g. a rise that is not significant). In older results without
   * `outcome`: a measured value that was deliberately not judged.
   */
  note?: string;
}

/** Answers in one second of the drill, by outcome. */
export interface DrillSecond {
  /** Epoch seconds. */
  t: number;
  /** Right answers (200, 401 for a revoked token, 429 ...). */
  ok: number;
  /** 503 while Redis is unreachable: correct fail-closed, but no service. */
  failClosed: number;
  /** Wrong answers: a revoked token accepted, a 500, a transport error. */
  wrong: number;
  /** Anything the drill keeps apart from the three above. */
  other?: number;
}

/** reports/<run-id>/failover-<variant>.json */
export interface DrillResult {
  schema: 'auth-loadtest/failover@1';
  /** Redis stopped (sigterm, sigkill, or your REDIS_STOP_CMD), or one service instance drained and stopped. */
  variant: 'sigterm' | 'sigkill' | 'command' | 'instance';
  users: number;
  /** Seconds Redis was kept down. */
  downS: number;
  /** Epoch ms. */
  redisDownAt: number;
  /** Epoch ms. */
  redisUpAt: number;
  timeline: DrillSecond[];
  /** Seconds with anything but right answers; null when none was seen. */
  errorWindowS: number | null;
  /** Seconds from Redis being back to right answers only; null when that never happened. */
  recoveryS: number | null;
  revokedAccepted: number;
  wrongAfterRecovery: number;
  workerCrashes: number | null;
  revocationsBefore: number;
  revocationsEnforcedAfter: number;
  /** The instance variant: protected calls that refused a live token (its user logged in again). */
  sessionsLost?: number;
  /** The instance variant: LB_AFFINITY during the drill. */
  affinity?: 'none' | 'cookie';
  k6ExitCode?: number;
  criteria: JudgedCriterion[];
  verdict: 'pass' | 'fail';
  /** With --observe: the alerts the outage must raise, from Prometheus's alerts API. */
  alerts?: DrillAlert[];
}

/** An alert the drill expects: firing while Redis is down, resolved once it is back. */
export interface DrillAlert {
  alert: string;
  /** Seconds from stopping Redis to the alert firing; null: it did not fire during the outage. */
  firedAfterStopS: number | null;
  /** Seconds from restarting Redis to the alert resolving; null: it did not resolve. */
  resolvedAfterRestartS: number | null;
  pass: boolean;
}

/** What a run with --observe recorded (run-info.json), the production checklist's monitoring evidence. */
export interface ObserveEvidence {
  dataDir: string;
  /** Every alert that fired during the run. */
  alerts: AlertEpisode[];
  /** CPU seconds and peak RSS (MB) per tool, from /proc. */
  cost?: Record<string, { cpuS: number; peakRssMb: number }>;
  /** promtool on the committed rules file before the run. */
  rules?: { file: string; checked: boolean; tested: boolean; rules: number };
  /** Per scrape job, the samples of `up` during the run that were 1 and 0. */
  targets?: { job: string; up: number; down: number }[];
  /** The dashboards' panels and queries, and the queries that returned no data for the run. */
  panels?: { total: number; queries: number; empty: string[] };
}

/** One firing episode of an alert during a run with --observe (epoch ms; no resolvedAt: still firing). */
export interface AlertEpisode {
  alert: string;
  labels: Record<string, string>;
  firedAt: number;
  resolvedAt?: number;
}

export interface WorkerMemorySample {
  /** Epoch ms. */
  t: number;
  worker: string;
  rssMb: number;
  heapUsedMb: number;
  /** Heap after the worker's latest forced full GC (reference service with LIVE_HEAP_SAMPLE_S). */
  liveHeapMb?: number;
}

export interface SoakWindow {
  /** Index of the window from the start of the run. */
  minute: number;
  p95Ms: number;
  failureRate: number;
  requests: number;
  failures?: number;
  /** Epoch ms of the window's start. */
  startMs?: number;
}

export interface SoakBlock {
  /** Epoch ms of the block's start. */
  startMs: number;
  requests: number;
  p95Ms: number;
}

export interface SoakBlocks {
  blockS: number;
  /** One-sided Mann-Whitney p-value of "the last blocks are slower"; null without blocks on a side. */
  pValue: number | null;
  /** The level below which a rise counts as significant. */
  significance: number;
  first: SoakBlock[];
  last: SoakBlock[];
}

export interface SoakMemoryTrend {
  /** 'live heap': heap after forced full GCs; 'heap floor': lowest heapUsed per window. */
  source: 'live heap' | 'heap floor';
  /** MB/min, with the bounds of its 90% interval (NaN, written null, under six points). */
  slope: number;
  low: number | null;
  high: number | null;
  points: number;
}

/** reports/<run-id>/soak.json */
export interface SoakResult {
  schema: 'auth-loadtest/soak@1';
  users?: number;
  runTimeS?: number;
  warmupS: number;
  /** Seconds per entry of `minutes` (plan: 60). */
  windowS?: number;
  /** Length of the first and last windows whose p95 are compared (plan: 300). */
  compareS?: number;
  memory: WorkerMemorySample[];
  minutes: SoakWindow[];
  /** Judged: growth of each worker's heap floor (lowest heapUsed per window), MB/min. */
  memorySlopeMbPerMin: Record<string, number>;
  /** Reported: RSS growth per worker, MB/min (absent in older results). */
  rssSlopeMbPerMin?: Record<string, number>;
  /** Median of the first and of the last blocks' p95 (older results: p95 of the first and last window). */
  p95FirstMs: number;
  p95LastMs: number;
  p95DriftPct: number;
  /** The blocks the degradation verdict compared (absent in older results). */
  p95Blocks?: SoakBlocks;
  /** Each worker's memory trend with its interval (absent in older results). */
  memoryTrend?: Record<string, SoakMemoryTrend>;
  worstMinuteFailureRate: number;
  k6ExitCode?: number;
  criteria: JudgedCriterion[];
  verdict: 'pass' | 'fail';
}

/** One INFO sample, in reports/<run-id>/<test>/redis-timeline.json (an array of these). */
export interface RedisSample {
  /** Epoch ms (epoch seconds are accepted too and converted). */
  t: number;
  usedMemoryMb: number;
  opsPerSec: number;
  /** p95 of the denylist probe over the sampling interval, when the probe ran. */
  probeP95Ms?: number;
}

/** reports/<run-id>/run-info.json: where and how the plan ran (optional; the header says when absent). */
export interface RunInfo {
  schema: 'auth-loadtest/run-info@1';
  runId: string;
  /** ISO times. */
  startedAt: string;
  finishedAt?: string;
  machine: { cores: number; memoryMb: number; cpuModel?: string; os?: string };
  k6Version?: string;
  nodeVersion?: string;
  /** SCALE the plan ran with (1 = full size). */
  scale?: number;
  /** Service workers of the embedded stack. */
  workers?: number;
  /** SCRYPT_COST of the embedded service (login cost), when the runner started it. */
  scryptCost?: number;
  /** Anything the runner wants a reader to know, e.g. why something was scaled or skipped. */
  notes?: string[];
  /**
   * The external service the plan ran against (BASE_URL); absent for the embedded stack. Against an external
   * service the drills, the soak judgement and the STATE=memory comparison cannot run.
   */
  externalBaseUrl?: string;
  /** What `npm start` set out to run: the k6 tests (folder names) and the STATE=memory comparison's folder. */
  schedule?: { tests: string[]; comparison?: string };
  /**
   * k6's exit code per test folder ("stress-5000", "stress-5000@memory"), written as each test ends, so a
   * test that exited without a summary.json is still known to have run.
   */
  k6ExitCodes?: Record<string, number>;
  /** A defect injected into the embedded service on purpose (`npm run reliability -- --defect NAME`). */
  injectedDefect?: { name: string; size?: string };
  /**
   * With --observe: where Prometheus kept its data, every alert that fired during the run, and what the
   * observing cost (CPU seconds and peak RSS in MB per tool, from /proc).
   */
  observe?: ObserveEvidence;
}

/** reports/<run-id>/<test>/errors.json: wrong answers by category, endpoint and status. */
export interface ErrorsFile extends ErrorBreakdown {
  schema: 'auth-loadtest/errors@1';
  /** Seconds from the first to the last completed request. */
  spanS: number;
}

/** reports/<run-id>/sensitivity.json, from `npm run sensitivity`. */
/** @2: rows carry the gate (k6 exit code, drill or soak verdict) and a case outcome its `gate`. */
export const SENSITIVITY_SCHEMA = 'auth-loadtest/sensitivity@2';
export const SENSITIVITY_FILE = 'sensitivity.json';

export interface SensitivityRecord {
  schema: typeof SENSITIVITY_SCHEMA;
  runId: string;
  startedAt: string;
  durationS: number;
  workers: number;
  scale: number;
  matrix: SensitivityMatrix;
  outcomes: CaseOutcome[];
  /** `--limits`: the smallest size of each graded defect the suite caught. */
  limits?: DefectLimit[];
}
