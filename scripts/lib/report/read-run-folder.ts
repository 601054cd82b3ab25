// Reads one plan execution folder, reports/<run-id>/, into typed inputs. Files that are missing stay
// missing (their report section says "not run"); files that are present but unreadable are listed as
// problems, so the report never silently drops or invents a result.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { splitCsvLine } from '../../../lib/csv.ts';
import { PLAN_ROWS } from '../../../lib/profiles.ts';
import type { RunRecord } from '../../../lib/summary/run-record.ts';
import { type EndpointRow, parseEndpointsCsv } from '../analysis/endpoints-csv.ts';
import type { ResourcesFile } from '../analysis/resources.ts';
import type { CapacityFile } from '../capacity/capacity-steps.ts';
import { type RunFileKind, RunFolderError, readJsonFile, readRunFile } from '../run-folder/files.ts';
import type { DrillResult, ErrorsFile, RedisSample, RunInfo, SoakResult } from '../run-folder/types.ts';
import type { ScalabilityFile } from '../scalability/scalability-rows.ts';
import type { BalancerFile } from '../stack/balancer-stats.ts';

export type StateBackend = 'redis' | 'memory';

export interface TestRun {
  /** Folder name under the run folder: "<test>" or "<test>@memory". */
  folder: string;
  test: string;
  state: StateBackend;
  record: RunRecord;
  redisTimeline: RedisSample[] | undefined;
  /** endpoints.csv: per request name, Locust's stats columns (the last row is "Aggregated"). */
  endpoints: EndpointRow[] | undefined;
  /** errors.json: wrong answers by category. */
  errors: ErrorsFile | undefined;
  /** resources.json: CPU and memory of workers, Redis and k6 during the test. */
  resources: ResourcesFile | undefined;
  /** balancer.json: answers per instance as the embedded balancer counted them (INSTANCES >= 2). */
  balancer: BalancerFile | undefined;
  /** Files beside summary.json a reader may open, relative to the run folder. */
  files: string[];
}

export interface PlanRunData {
  runDir: string;
  runId: string;
  info: RunInfo | undefined;
  /** Runs against the service as configured (Redis), in plan order. */
  runs: TestRun[];
  /** The same tiers against STATE=memory. */
  comparisons: TestRun[];
  drills: DrillResult[];
  soak: SoakResult | undefined;
  scalability: ScalabilityFile | undefined;
  capacity: CapacityFile | undefined;
  /** Files that exist but could not be used, with the reason. */
  problems: string[];
}

/** Reads one JSON file of the run folder, named in messages by its path inside the folder. */
function readIn<K extends RunFileKind>(runDir: string, kind: K, file: string) {
  return readRunFile(kind, file, relative(runDir, file));
}

/** Epoch seconds become epoch ms so every time axis shares one unit. */
function epochMs(t: number): number {
  return t < 1e11 ? t * 1000 : t;
}

function readRedisTimeline(file: string): RedisSample[] {
  const raw = readJsonFile(file, basename(file));
  if (!Array.isArray(raw)) throw new RunFolderError(`${file}: expected an array of samples`);
  const samples: RedisSample[] = [];
  for (const entry of raw) {
    const { t, usedMemoryMb, opsPerSec, probeP95Ms } = (entry ?? {}) as Record<string, unknown>;
    if (typeof t !== 'number' || typeof usedMemoryMb !== 'number' || typeof opsPerSec !== 'number') continue;
    samples.push({
      t: epochMs(t),
      usedMemoryMb,
      opsPerSec,
      ...(typeof probeP95Ms === 'number' ? { probeP95Ms } : {}),
    });
  }
  return samples.sort((a, b) => a.t - b.t);
}

const PLAN_ORDER = Object.keys(PLAN_ROWS);

function planOrder(a: TestRun, b: TestRun): number {
  const rank = (run: TestRun) => {
    const index = PLAN_ORDER.indexOf(run.test);
    return index === -1 ? PLAN_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.folder.localeCompare(b.folder);
}

function attempt<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RunFolderError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

const SIDE_FILES = ['report.md', 'junit.xml', 'endpoints.csv', 'dashboard.html', 'k6.log'];

function readEndpoints(file: string): EndpointRow[] {
  try {
    return parseEndpointsCsv(readFileSync(file, 'utf8'), splitCsvLine);
  } catch (error) {
    throw new RunFolderError(`${file}: ${(error as Error).message}`);
  }
}

function optional<T>(problems: string[], file: string, read: (file: string) => T): T | undefined {
  return existsSync(file) ? attempt(problems, () => read(file)) : undefined;
}

function readTestRun(runDir: string, folder: string, problems: string[]): TestRun | undefined {
  const dir = join(runDir, folder);
  const summary = join(dir, 'summary.json');
  if (!existsSync(summary)) return undefined;
  const record = attempt(problems, () => readIn(runDir, 'summary', summary));
  if (!record) return undefined;
  const timelineFile = join(dir, 'redis-timeline.json');
  const redisTimeline = existsSync(timelineFile)
    ? attempt(problems, () => readRedisTimeline(timelineFile))
    : undefined;
  const [test, state] = folder.split('@');
  return {
    folder,
    test: test || record.test,
    state: state === 'memory' ? 'memory' : 'redis',
    record,
    redisTimeline,
    endpoints: optional(problems, join(dir, 'endpoints.csv'), readEndpoints),
    errors: optional(problems, join(dir, 'errors.json'), (file) => readIn(runDir, 'errors', file)),
    resources: optional(problems, join(dir, 'resources.json'), (file) => readIn(runDir, 'resources', file)),
    balancer: optional(problems, join(dir, 'balancer.json'), (file) => readIn(runDir, 'balancer', file)),
    files: SIDE_FILES.filter((file) => existsSync(join(dir, file))).map((file) => `${folder}/${file}`),
  };
}

export function readRunFolder(runDir: string): PlanRunData {
  if (!existsSync(runDir)) throw new Error(`${runDir} does not exist`);
  const problems: string[] = [];
  const entries = readdirSync(runDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const testRuns = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => readTestRun(runDir, entry.name, problems))
    .filter((run): run is TestRun => run !== undefined)
    .sort(planOrder);
  const drills = entries
    .filter((entry) => entry.isFile() && /^failover-[\w-]+\.json$/.test(entry.name))
    .map((entry) => attempt(problems, () => readIn(runDir, 'drill', join(runDir, entry.name))))
    .filter((drill): drill is DrillResult => drill !== undefined);
  const soakFile = join(runDir, 'soak.json');
  const infoFile = join(runDir, 'run-info.json');
  return {
    runDir,
    runId: basename(runDir),
    info: existsSync(infoFile) ? attempt(problems, () => readIn(runDir, 'runInfo', infoFile)) : undefined,
    runs: testRuns.filter((run) => run.state === 'redis'),
    comparisons: testRuns.filter((run) => run.state === 'memory'),
    drills,
    soak: existsSync(soakFile) ? attempt(problems, () => readIn(runDir, 'soak', soakFile)) : undefined,
    scalability: optional(problems, join(runDir, 'scalability.json'), (file) =>
      readIn(runDir, 'scalability', file),
    ),
    capacity: optional(problems, join(runDir, 'capacity.json'), (file) => readIn(runDir, 'capacity', file)),
    problems,
  };
}
