// Reads one plan execution folder, reports/<run-id>/, into typed inputs. Files that are missing stay
// missing (their report section says "not run"); files that are present but unreadable are listed as
// problems, so the report never silently drops or invents a result.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PLAN_ROWS } from '../../../lib/profiles.ts';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../../lib/summary/run-record.ts';
import type { DrillResult, RedisSample, RunInfo, SoakResult } from './inputs.ts';

export type StateBackend = 'redis' | 'memory';

export interface TestRun {
  /** Folder name under the run folder: "<test>" or "<test>@memory". */
  folder: string;
  test: string;
  state: StateBackend;
  record: RunRecord;
  redisTimeline: RedisSample[] | undefined;
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
  /** Files that exist but could not be used, with the reason. */
  problems: string[];
}

class UnusableFile extends Error {}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UnusableFile(`${basename(file)}: not valid JSON (${(error as Error).message})`);
  }
}

function withSchema<T>(file: string, schema: string): T {
  const value = readJson(file) as { schema?: unknown } | null;
  if (typeof value !== 'object' || value === null || value.schema !== schema) {
    throw new UnusableFile(`${file}: expected schema "${schema}", found ${JSON.stringify(value?.schema)}`);
  }
  return value as T;
}

/** Epoch seconds become epoch ms so every time axis shares one unit. */
function epochMs(t: number): number {
  return t < 1e11 ? t * 1000 : t;
}

function readRedisTimeline(file: string): RedisSample[] {
  const raw = readJson(file);
  if (!Array.isArray(raw)) throw new UnusableFile(`${file}: expected an array of samples`);
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
    if (!(error instanceof UnusableFile)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

const SIDE_FILES = ['report.md', 'junit.xml', 'dashboard.html', 'k6.log'];

function readTestRun(runDir: string, folder: string, problems: string[]): TestRun | undefined {
  const dir = join(runDir, folder);
  const summary = join(dir, 'summary.json');
  if (!existsSync(summary)) return undefined;
  const record = attempt(problems, () => withSchema<RunRecord>(summary, RUN_RECORD_SCHEMA));
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
    .map((entry) =>
      attempt(problems, () => withSchema<DrillResult>(join(runDir, entry.name), 'auth-loadtest/failover@1')),
    )
    .filter((drill): drill is DrillResult => drill !== undefined);
  const soakFile = join(runDir, 'soak.json');
  const infoFile = join(runDir, 'run-info.json');
  return {
    runDir,
    runId: basename(runDir),
    info: existsSync(infoFile)
      ? attempt(problems, () => withSchema<RunInfo>(infoFile, 'auth-loadtest/run-info@1'))
      : undefined,
    runs: testRuns.filter((run) => run.state === 'redis'),
    comparisons: testRuns.filter((run) => run.state === 'memory'),
    drills,
    soak: existsSync(soakFile)
      ? attempt(problems, () => withSchema<SoakResult>(soakFile, 'auth-loadtest/soak@1'))
      : undefined,
    problems,
  };
}
