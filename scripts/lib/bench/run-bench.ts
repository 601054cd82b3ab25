// `npm run bench`: the suite's bundle against a trivial k6 script (and Locust when installed) at the same
// virtual users, think time and no-op target, one after the other on this machine. Each generator is
// measured from outside (peak RSS, CPU seconds) and by its own request count.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EffectiveProfile, profileFor, scenarioFor } from '../../../lib/profiles.ts';
import { generationOf } from '../bundle/redis-module.ts';
import { buildDir } from '../paths.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { locustFile, type ReferenceWorkload, trivialK6Script } from './generator-scripts.ts';
import { readLocustRequests } from './locust.ts';
import { type MeasuredRun, runMeasured } from './measured-run.ts';
import { startNoopTarget } from './noop-target.ts';
import { readSummaryExport } from './summary-export.ts';
import type { GeneratorRow } from './table.ts';
import { BUNDLE_VARIANTS, buildVariant } from './variants.ts';

export const THINK_MIN_S = 2;
export const THINK_MAX_S = 6;
/** The suite's graceful stop, plus k6 start-up and init at thousands of VUs: the hard stop's margin. */
const RUN_MARGIN_S = 180;

export interface BenchOptions {
  k6: K6Binary;
  vus: number;
  durationS: number;
  /** Also measure diagnostic builds of the suite with parts left out (lib/bench/variants.ts). */
  variants: boolean;
  locust?: string;
  /** Think time range; the command always uses the suite's default 2-6 s, the spec a shorter one. */
  thinkS?: { min: number; max: number };
  log: (line: string) => void;
}

export interface GeneratorResult extends GeneratorRow {
  /** CPU the no-op target used while this generator ran: it must stay well below one core. */
  targetCpuS: number;
}

export interface BenchResult {
  vus: number;
  durationS: number;
  spawnRate: number;
  rampS: number;
  thinkS: { min: number; max: number };
  rows: GeneratorResult[];
}

/** Ramp in about a quarter of the run (at most 10 s), so most of the run is at full concurrency. */
export function benchProfile(vus: number, durationS: number): EffectiveProfile {
  const rampS = Math.max(1, Math.min(10, Math.floor(durationS / 4)));
  return profileFor('ultimate-10000', { users: vus, spawnRate: vus / rampS, runTimeS: durationS });
}

const DEFAULT_THINK_S = { min: THINK_MIN_S, max: THINK_MAX_S };

export function referenceWorkload(
  profile: EffectiveProfile,
  latencyByName = false,
  thinkS = DEFAULT_THINK_S,
): ReferenceWorkload {
  return {
    scenario: scenarioFor(profile, 'default'),
    thinkMinS: thinkS.min,
    thinkMaxS: thinkS.max,
    latencyByName,
  };
}

/**
 * The suite's settings for a bench run: probe off by name (REDIS_URL=off), the fewest logouts the suite allows
 * (one in a million iterations: user 1's first, so revocation is still measured), the bench's load shape.
 */
export function suiteEnv(
  profile: EffectiveProfile,
  baseUrl: string,
  password: string,
  thinkS = DEFAULT_THINK_S,
): Record<string, string> {
  return {
    BASE_URL: baseUrl,
    USER_PASSWORD: password,
    USERS: String(profile.users),
    SPAWN_RATE: String(profile.spawnRate),
    DURATION: `${profile.runTimeS}s`,
    THINK_MIN_S: String(thinkS.min),
    THINK_MAX_S: String(thinkS.max),
    LOGOUT_PROBABILITY: '0.000001',
    REDIS_URL: 'off',
    RUN_ID: '',
    REPORT_NAME: '',
  };
}

interface K6Job {
  id: string;
  label: string;
  script: string;
  env: Record<string, string>;
}

export async function runK6Measured(
  k6: K6Binary,
  job: K6Job,
  workDir: string,
  timeoutS: number,
): Promise<{
  run: MeasuredRun;
  requests: number | undefined;
  latencyMs: Record<string, { p50: number; p95: number }>;
}> {
  const exportFile = join(workDir, `${job.id}.summary.json`);
  const run = await runMeasured({
    command: k6.path,
    args: [
      'run',
      '--quiet',
      '--no-color',
      '--no-usage-report',
      // No REST API server: it is not needed, and its fixed port clashes with any other k6 on the machine.
      '--address=',
      `--summary-export=${exportFile}`,
      job.script,
    ],
    // The suite's handleSummary writes its reports into the working directory: keep them in the temp folder.
    cwd: workDir,
    env: { ...job.env, K6_NO_USAGE_REPORT: 'true' },
    logFile: join(workDir, `${job.id}.log`),
    label: `k6 ${job.id}`,
    timeoutS,
  });
  let exported: ReturnType<typeof readSummaryExport> = { requests: undefined, latencyMs: {} };
  try {
    exported = readSummaryExport(readFileSync(exportFile, 'utf8'));
  } catch {
    // no export: the run failed; its exit code and log say why
  }
  return { run, requests: exported.requests, latencyMs: exported.latencyMs };
}

function rowOf(
  id: string,
  label: string,
  run: MeasuredRun,
  requests: number | undefined,
  targetCpuS: number,
) {
  return {
    id,
    label,
    exitCode: run.exitCode,
    peakRssMb: run.reading === undefined ? undefined : run.reading.peakRssBytes / 2 ** 20,
    cpuS: run.reading?.cpuS,
    requests,
    wallS: run.wallS,
    targetCpuS,
  };
}

function describeRow(row: GeneratorRow): string {
  const rss = row.peakRssMb === undefined ? '?' : Math.round(row.peakRssMb);
  return `peak RSS ${rss} MB, CPU ${row.cpuS?.toFixed(1) ?? '?'} s, ${row.requests ?? '?'} requests`;
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const profile = benchProfile(options.vus, options.durationS);
  const workDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-bench-'));
  const password = randomBytes(12).toString('base64url');
  const thinkS = options.thinkS ?? DEFAULT_THINK_S;
  const workload = referenceWorkload(profile, false, thinkS);
  const trivialScript = join(workDir, 'trivial.js');
  writeFileSync(trivialScript, trivialK6Script(workload));
  const timeoutS = options.durationS + RUN_MARGIN_S;

  const jobs: K6Job[] = [
    {
      id: 'trivial',
      label: 'trivial k6 script',
      script: trivialScript,
      env: { BASE_URL: '', USER_PASSWORD: password },
    },
    {
      id: 'suite',
      label: 'suite (ultimate-10000)',
      script: join(buildDir, 'ultimate-10000.js'),
      env: suiteEnv(profile, '', password, thinkS),
    },
  ];
  if (options.variants) {
    for (const variant of BUNDLE_VARIANTS) {
      const script = await buildVariant(variant, generationOf(options.k6.major), join(workDir, 'variants'));
      jobs.push({
        id: variant.id,
        label: `suite, ${variant.what}`,
        script,
        env: { ...suiteEnv(profile, '', password, thinkS), ...variant.env },
      });
    }
  }

  const target = await startNoopTarget();
  const rows: GeneratorResult[] = [];
  try {
    for (const job of jobs) {
      options.log(`${job.label}: ${profile.users} VUs, ${profile.runTimeS} s ...`);
      const before = process.cpuUsage();
      const { run, requests } = await runK6Measured(
        options.k6,
        { ...job, env: { ...job.env, BASE_URL: target.baseUrl } },
        workDir,
        timeoutS,
      );
      const row = rowOf(job.id, job.label, run, requests, cpuSeconds(process.cpuUsage(before)));
      rows.push(row);
      options.log(`   ${describeRow(row)}`);
      if (run.exitCode !== 0) options.log(`   exit ${run.exitCode}; log: ${join(workDir, `${job.id}.log`)}`);
    }
    if (options.locust) {
      options.log(`Locust FastHttpUser: ${profile.users} users, ${profile.runTimeS} s ...`);
      const file = join(workDir, 'locustfile.py');
      writeFileSync(file, locustFile(workload));
      const csv = join(workDir, 'locust');
      const before = process.cpuUsage();
      const run = await runMeasured({
        command: options.locust,
        args: [
          '-f',
          file,
          '--headless',
          '--only-summary',
          '-u',
          String(profile.users),
          '-r',
          String(profile.spawnRate),
          '-t',
          `${profile.runTimeS}s`,
          '--host',
          target.baseUrl,
          '--csv',
          csv,
          '--stop-timeout',
          '10',
        ],
        cwd: workDir,
        env: { USER_PASSWORD: password },
        logFile: join(workDir, 'locust.log'),
        label: 'locust',
        timeoutS,
      });
      const row = rowOf(
        'locust',
        'Locust FastHttpUser',
        run,
        readLocustRequests(csv),
        cpuSeconds(process.cpuUsage(before)),
      );
      rows.push(row);
      options.log(`   ${describeRow(row)}`);
    }
  } finally {
    await target.stop();
  }
  // Keep the logs of a failed run for the reader; a clean run leaves nothing behind.
  if (rows.every((row) => row.exitCode === 0)) rmSync(workDir, { recursive: true, force: true });
  return {
    vus: profile.users,
    durationS: profile.runTimeS,
    spawnRate: profile.spawnRate,
    rampS: profile.rampS,
    thinkS,
    rows,
  };
}
