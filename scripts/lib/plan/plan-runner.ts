// Executes a schedule: each k6 test against a fresh embedded stack (or an external BASE_URL), the soak
// with its verdict, the STATE=memory comparison and both failure drills. Results land in
// reports/<run-id>/ as run records and drill/soak JSON, which the criteria table and the report read.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDIS_OPT_OUT } from '../../../lib/config.ts';
import { REFERENCE_LOGIN_LIMIT } from '../../../lib/login-limit-setting.ts';
import type { Plan } from '../../../lib/plan.ts';
import { DRILL_VARIANTS, type ProfileOverrides, profileFor } from '../../../lib/profiles.ts';
import { redisTimeline } from '../analysis/redis-timeline.ts';
import { writeTierAnalysis } from '../analysis/tier-analysis.ts';
import { type DrillResult, runDrill } from '../drill/failover-drill.ts';
import { writeRunFile } from '../run-folder/files.ts';
import { runScalability, SCALABILITY_CONFIGS } from '../scalability/run-scalability.ts';
import { embeddedSoakTarget, runSoak, type SoakResult, soakServiceEnv } from '../soak/run-soak.ts';
import { balancerTraffic } from '../stack/balancer-stats.ts';
import { dashboardEnv } from '../stack/dashboard-env.ts';
import type { InstancesSetting } from '../stack/instances-setting.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { runK6 } from '../stack/k6-runner.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { startResourceSampler } from '../stack/resource-sampler.ts';
import { type Stack, startStack } from '../stack/stack.ts';
import { banner } from '../steps.ts';
import type { Schedule } from './plan-schedule.ts';

export interface ExternalTarget {
  baseUrl: string;
  userPassword: string;
  redisUrl?: string;
  /** Each instance's own URL (INSTANCE_URLS); unset: the environment's, if any, reaches k6. */
  instanceUrls?: string[];
}

export interface PlanRunOptions {
  k6: K6Binary;
  plan: Plan;
  schedule: Schedule;
  reportDir: string;
  runId: string;
  /** Run against this service instead of starting the embedded stack (no drill, no comparison). */
  external?: ExternalTarget;
  workers: number;
  /** INSTANCES and LB_AFFINITY for the embedded stack; default one instance. */
  instances?: InstancesSetting;
  /** Workers of the parts that always run one instance (soak, drills); default `workers`. */
  singleInstanceWorkers?: number;
  /** Whether the `instances` test runs (several instances, or INSTANCE_URLS for an external service). */
  instancesTest?: boolean;
  /** Called as each k6 test ends, so its exit code is recorded even if the plan stops later. */
  onK6Exit?: (folder: string, exitCode: number) => void;
}

export interface PlanRunOutcome {
  k6ExitCodes: Record<string, number>;
  soak?: SoakResult;
  drills: DrillResult[];
}

function loadEnv(overrides: ProfileOverrides): Record<string, string | number | undefined> {
  return {
    USERS: overrides.users,
    SPAWN_RATE: overrides.spawnRate,
    DURATION: overrides.runTimeS === undefined ? undefined : `${overrides.runTimeS}s`,
    SCALE: overrides.scale,
  };
}

function oneInstanceWorkers(options: PlanRunOptions): number {
  return options.singleInstanceWorkers ?? options.workers;
}

async function withStack<T>(
  options: PlanRunOptions,
  state: 'redis' | 'memory',
  use: (target: ExternalTarget, stack?: Stack) => Promise<T>,
  env: Record<string, string> = planServiceEnv(state),
  oneInstance = false,
): Promise<T> {
  if (options.external) return use(options.external);
  const instances = oneInstance ? {} : (options.instances ?? {});
  const workers = oneInstance ? oneInstanceWorkers(options) : options.workers;
  const stack = await startStack({ workers, state, env, ...instances });
  try {
    return await use(
      {
        baseUrl: stack.baseUrl,
        userPassword: stack.userPassword,
        redisUrl: stack.redisUrl,
        ...(stack.instances.length > 1 ? { instanceUrls: stack.instanceUrls } : {}),
      },
      stack,
    );
  } finally {
    await stack.stop();
  }
}

/** One k6 test with its per-tier analysis (endpoints.csv, errors.json, resources.json, Redis timeline). */
export async function runTest(
  options: Pick<PlanRunOptions, 'k6' | 'reportDir' | 'runId'>,
  test: string,
  overrides: ProfileOverrides,
  target: ExternalTarget,
  stack: Stack | undefined,
  reportName = test,
): Promise<number> {
  const profile = profileFor(test, overrides);
  const testDir = join(options.reportDir, options.runId, reportName);
  mkdirSync(testDir, { recursive: true });
  // The per-request CSV is kept only long enough to extract per-endpoint numbers, error categories and
  // Redis over time: about 60 bytes per request compressed (measured here), tens of MB for a full tier.
  const csv = join(testDir, 'metrics.csv.gz');
  // REDIS_URL=off reaches k6 as the opt-out it is; there is no Redis to sample then.
  const redisUrl = target.redisUrl === REDIS_OPT_OUT ? undefined : target.redisUrl;
  const sampler = startResourceSampler({ servicePid: stack?.instances.map((i) => i.pid), redisUrl });
  // The sampler stops whatever happens to k6, so no timer or Redis connection outlives the test.
  const result = await runK6(options.k6, {
    test,
    logFile: join(testDir, 'k6.log'),
    csvOut: csv,
    onSpawn: (pid) => sampler.setLoadGenerator(pid),
    env: {
      K6_CSV_TIME_FORMAT: 'unix_milli',
      BASE_URL: target.baseUrl,
      USER_PASSWORD: target.userPassword,
      REDIS_URL: target.redisUrl,
      INSTANCE_URLS: target.instanceUrls?.join(','),
      RUN_ID: options.runId,
      REPORT_DIR: options.reportDir,
      REPORT_NAME: reportName,
      // The embedded service enforces the reference login limit: tell the suite, so smoke checks it is shared.
      LOGIN_LIMIT_PER_ACCOUNT: stack
        ? (process.env.LOGIN_LIMIT_PER_ACCOUNT ?? REFERENCE_LOGIN_LIMIT)
        : undefined,
      ...loadEnv(overrides),
      ...dashboardEnv(join(testDir, 'dashboard.html'), profile.runTimeS),
    },
  }).finally(() => sampler.stop());
  const resources = await sampler.stop();
  writeRunFile('resources', join(testDir, 'resources.json'), resources);
  // Which instance answered how much, in the balancer's own count (the report's Instances section).
  if (stack?.balancer)
    writeRunFile('balancer', join(testDir, 'balancer.json'), await balancerTraffic(stack.balancer));
  if (existsSync(csv)) {
    await writeTierAnalysis(csv, testDir);
    if (redisUrl) {
      const timeline = await redisTimeline(csv);
      writeFileSync(join(testDir, 'redis-timeline.json'), `${JSON.stringify(timeline)}\n`);
    }
    rmSync(csv);
  }
  return result.exitCode;
}

export async function runPlan(options: PlanRunOptions): Promise<PlanRunOutcome> {
  const outcome: PlanRunOutcome = { k6ExitCodes: {}, drills: [] };
  const { schedule } = options;
  const exited = (folder: string, exitCode: number) => {
    outcome.k6ExitCodes[folder] = exitCode;
    options.onK6Exit?.(folder, exitCode);
  };

  for (const { test, overrides } of schedule.tests) {
    banner(`${test}: ${describe(test, overrides)}`);
    exited(
      test,
      await withStack(options, 'redis', (target, stack) => runTest(options, test, overrides, target, stack)),
    );
  }

  if (options.instancesTest) {
    const { test, overrides } = schedule.instances;
    banner(`${test}: ${describe(test, overrides)}`);
    exited(
      test,
      await withStack(options, 'redis', (target, stack) => runTest(options, test, overrides, target, stack)),
    );
  }

  banner(`sustained-5000 (soak): ${describe('sustained-5000', schedule.soak.overrides)}`);
  if (options.external) {
    exited(
      'sustained-5000',
      await runTest(options, 'sustained-5000', schedule.soak.overrides, options.external, undefined),
    );
  } else {
    outcome.soak = await withStack(
      options,
      'redis',
      async (_target, stack) => {
        if (!stack) throw new Error('the soak needs the embedded stack');
        return runSoak(options.k6, options.plan, embeddedSoakTarget(stack), {
          profile: profileFor('sustained-5000', schedule.soak.overrides),
          ...schedule.soak,
          reportDir: options.reportDir,
          runId: options.runId,
        });
      },
      soakServiceEnv(),
      // Its memory verdict reads one service's /metrics: see docs/service.md "Several instances".
      true,
    );
    exited('sustained-5000', outcome.soak.k6ExitCode);
    // The soak keeps its per-request CSV beside the run folder; the same per-endpoint reading applies.
    const soakCsv = join(options.reportDir, options.runId, 'sustained.csv.gz');
    if (existsSync(soakCsv))
      await writeTierAnalysis(soakCsv, join(options.reportDir, options.runId, 'sustained-5000'));
    console.log(`   soak verdict: ${outcome.soak.verdict}`);
  }

  if (options.external) return outcome;

  const { comparison } = schedule;
  banner(`${comparison.test} against STATE=memory (the defect the suite must catch)`);
  const name = comparisonFolder(schedule);
  exited(
    name,
    await withStack(options, 'memory', (target, stack) =>
      runTest(options, comparison.test, comparison.overrides, target, stack, name),
    ),
  );

  const { scalability } = schedule;
  // With several instances, the same load against them too: scaling from one instance to N (reported).
  const several = options.instances?.instances ?? 1;
  const configs =
    several > 1
      ? [...SCALABILITY_CONFIGS, { workers: options.workers, state: 'redis' as const, instances: several }]
      : SCALABILITY_CONFIGS;
  banner(
    `scalability: ${scalability.users} users without think time, ${scalability.runTimeS} s each, ` +
      `against ${configs.map((c) => `${c.instances ? `${c.instances} instances x ` : ''}${c.workers} workers (${c.state})`).join(', ')}`,
  );
  const scaling = await runScalability({
    k6: options.k6,
    reportDir: options.reportDir,
    runId: options.runId,
    ...scalability,
    configs,
  });
  console.log(`   scalability took ${scaling.wallS} s`);

  for (const variant of DRILL_VARIANTS) {
    banner(
      `failover drill (${variant}): ${schedule.drill.users} users, Redis down ${schedule.drill.downS} s`,
    );
    const drill = await runDrill(options.k6, options.plan, {
      variant,
      ...schedule.drill,
      workers: oneInstanceWorkers(options),
      revocations: 20,
      reportDir: options.reportDir,
      runId: options.runId,
    });
    outcome.drills.push(drill);
    console.log(
      `   recovery ${drill.recoveryS?.toFixed(2) ?? 'never'} s, revoked accepted ${drill.revokedAccepted}, ` +
        `revocations kept ${drill.revocationsEnforcedAfter}/${drill.revocationsBefore}, verdict ${drill.verdict}`,
    );
  }
  return outcome;
}

/** The run folder of the STATE=memory comparison, e.g. "stress-5000@memory". */
export function comparisonFolder(schedule: Schedule): string {
  return `${schedule.comparison.test}@memory`;
}

/** The test folders runPlan leaves (the soak's k6 run included), and the comparison's when it runs. */
export function scheduledFolders(
  schedule: Schedule,
  external: boolean,
  instancesTest = false,
): { tests: string[]; comparison?: string } {
  const tests = [
    ...schedule.tests.map((scheduled) => scheduled.test),
    ...(instancesTest ? [schedule.instances.test] : []),
    'sustained-5000',
  ];
  return external ? { tests } : { tests, comparison: comparisonFolder(schedule) };
}

function describe(test: string, overrides: ProfileOverrides): string {
  const profile = profileFor(test, overrides);
  return `${profile.users} users, spawn ${profile.spawnRate}/s, ${profile.runTimeS} s (ramp ${profile.rampS} s)`;
}
