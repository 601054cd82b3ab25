// Runs the sensitivity cases with the project's own runners (plan-runner's runTest, the failover drill,
// the soak), each on a fresh embedded stack, and reads back each run's judged criteria.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REDIS_OPT_OUT } from '../../../lib/config.ts';
import { outcomeOf } from '../../../lib/criteria.ts';
import { formatBound, type Plan } from '../../../lib/plan.ts';
import { profileFor } from '../../../lib/profiles.ts';
import { runDrill } from '../drill/failover-drill.ts';
import { runTest } from '../plan/plan-runner.ts';
import type { Schedule } from '../plan/plan-schedule.ts';
import { readRunFile } from '../run-folder/files.ts';
import type { JudgedCriterion } from '../run-folder/types.ts';
import { embeddedSoakTarget, MIN_MEMORY_TREND_S, runSoak, soakServiceEnv } from '../soak/run-soak.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { type StackOptions, startStack } from '../stack/stack.ts';
import type { CaseCriterion, CaseOutcome } from './case-verdict.ts';
import type { SensitivityCase } from './matrix.ts';

export interface CaseContext {
  k6: K6Binary;
  plan: Plan;
  schedule: Schedule;
  workers: number;
  /** Each case's results go to <reportDir>/<case id>/. */
  reportDir: string;
}

/**
 * The soak of the matrix: few users, short think time, so that two of them can run beside the other
 * cases on a small machine, and long enough that the memory trend is judged (MIN_MEMORY_TREND_S after
 * warm-up; never shortened here). 30 users at a 2 s mean think time make about 15 requests/s.
 */
export const SENSITIVITY_SOAK = {
  users: 30,
  spawnRate: 15,
  warmupS: 20,
  compareS: 60,
  /** The plan's own failure-rate window: at 15 requests/s a 10 s window would make 2 stray failures 1.3%. */
  windowS: 60,
  floorWindowS: 15,
  sampleEveryS: 1,
  thinkMinS: 1.5,
  thinkMaxS: 2.5,
  /** Two workers: each sees half the requests, so a leak shows twice as fast per worker. */
  workers: 2,
};

function stackOptions(spec: SensitivityCase): Pick<StackOptions, 'env' | 'redis' | 'instances'> {
  return {
    env: { ...planServiceEnv(), ...spec.serviceEnv },
    redis: { persistence: spec.redisPersistence },
    ...(spec.instances === undefined ? {} : { instances: spec.instances }),
  };
}

function fromJudged(criteria: JudgedCriterion[]): CaseCriterion[] {
  return criteria.map(({ key, label, bound, measured, pass, note, reason }) => ({
    key,
    label,
    measured,
    pass,
    bound: formatBound(bound),
    // Why it was not measured, else how a measured value was decided.
    ...((reason ?? note) === undefined ? {} : { note: reason ?? note }),
  }));
}

/**
 * The gating criteria of a k6 run record; those the case opted out of by name (REDIS_URL=off) are left
 * out, since they were not to be run. None when the run left no record (an abort before load).
 */
function k6Criteria(summaryFile: string): CaseCriterion[] {
  if (!existsSync(summaryFile)) return [];
  // A record that is there but unusable throws: the case could not be judged, which the matrix says.
  const record = readRunFile('summary', summaryFile);
  return record.criteria
    .filter((c) => c.gating && !(outcomeOf(c) === 'not-run' && c.notRun?.optOut !== undefined))
    .map((c) => {
      const outcome = outcomeOf(c);
      return {
        key: c.key,
        label: c.label,
        measured: c.measured ?? null,
        pass: outcome === 'pass' ? true : outcome === 'fail' ? false : null,
        bound: formatBound(c.bound),
        ...(c.reason === undefined ? {} : { note: c.reason }),
      };
    });
}

async function runK6Case(spec: SensitivityCase, context: CaseContext) {
  const scheduled = [...context.schedule.tests, context.schedule.instances].find((t) => t.test === spec.test);
  if (!scheduled) throw new Error(`the quick schedule has no test "${spec.test}"`);
  const stack = await startStack({ workers: context.workers, state: spec.state, ...stackOptions(spec) });
  try {
    const exitCode = await runTest(
      { k6: context.k6, reportDir: context.reportDir, runId: spec.id },
      spec.test,
      scheduled.overrides,
      {
        baseUrl: stack.baseUrl,
        userPassword: stack.userPassword,
        // Without the probe, its criteria are opted out by name rather than left unrun (which fails).
        redisUrl: spec.probe ? stack.redisUrl : REDIS_OPT_OUT,
        ...(stack.instances.length > 1 ? { instanceUrls: stack.instanceUrls } : {}),
      },
      stack,
    );
    const criteria = k6Criteria(join(context.reportDir, spec.id, spec.test, 'summary.json'));
    return { gate: exitCode === 0 ? 'pass' : 'fail', exitCode, criteria } as const;
  } finally {
    await stack.stop();
  }
}

async function runDrillCase(spec: SensitivityCase, context: CaseContext) {
  const drill = await runDrill(context.k6, context.plan, {
    variant: 'sigkill',
    ...context.schedule.drill,
    workers: context.workers,
    revocations: 20,
    reportDir: context.reportDir,
    runId: spec.id,
    stack: stackOptions(spec),
  });
  return { gate: drill.verdict, exitCode: drill.k6ExitCode, criteria: fromJudged(drill.criteria) };
}

async function runSoakCase(spec: SensitivityCase, context: CaseContext) {
  const soak = SENSITIVITY_SOAK;
  const rampS = Math.ceil(soak.users / soak.spawnRate);
  const profile = profileFor('sustained-5000', {
    users: soak.users,
    spawnRate: soak.spawnRate,
    runTimeS: rampS + soak.warmupS + MIN_MEMORY_TREND_S + 10,
  });
  // The soak's own service settings (the live-heap measurement its memory verdict reads), then the defect's.
  // At 1.5-2.5 s of think time a mixed user makes about 7.5 login attempts a minute, bursts past the reference
  // limit of 10 included; a 429 to an ordinary login is a failed request (1.2% of a minute measured healthy),
  // and the login limit is smoke's to check, so the soak lifts it.
  const options = stackOptions(spec);
  const env = { ...soakServiceEnv(), LOGIN_LIMIT_PER_ACCOUNT: '1000', ...spec.serviceEnv };
  const stack = await startStack({ workers: soak.workers, state: spec.state, ...options, env });
  try {
    const result = await runSoak(context.k6, context.plan, embeddedSoakTarget(stack), {
      profile,
      ...soak,
      reportDir: context.reportDir,
      runId: spec.id,
    });
    return { gate: result.verdict, exitCode: result.k6ExitCode, criteria: fromJudged(result.criteria) };
  } finally {
    await stack.stop();
  }
}

/** Never throws: a case that cannot run is an outcome with an error (a defect it was meant to show is MISSED). */
export async function runCase(spec: SensitivityCase, context: CaseContext): Promise<CaseOutcome> {
  const started = Date.now();
  const durationS = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const run =
      spec.kind === 'k6'
        ? await runK6Case(spec, context)
        : spec.kind === 'drill'
          ? await runDrillCase(spec, context)
          : await runSoakCase(spec, context);
    return { id: spec.id, ...run, durationS: durationS() };
  } catch (error) {
    return {
      id: spec.id,
      gate: 'fail',
      exitCode: null,
      criteria: [],
      error: (error as Error).message,
      durationS: durationS(),
    };
  }
}

/** Quiet cases one by one, then the background cases together while the sequential ones run in turn. */
export async function runCases(
  cases: readonly SensitivityCase[],
  context: CaseContext,
  onStart: (spec: SensitivityCase) => void = () => {},
): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  const run = async (spec: SensitivityCase) => {
    onStart(spec);
    outcomes.set(spec.id, await runCase(spec, context));
  };
  for (const spec of cases.filter((c) => c.phase === 'quiet')) await run(spec);
  const background = cases.filter((c) => c.phase === 'background').map(run);
  for (const spec of cases.filter((c) => c.phase === 'sequential')) await run(spec);
  await Promise.all(background);
  return outcomes;
}
