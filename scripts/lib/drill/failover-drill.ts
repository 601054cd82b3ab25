// The failure drill: under steady k6 load, stop Redis (SIGTERM: graceful, SIGKILL: crash, or your own
// REDIS_STOP_CMD against a service the project does not run), keep it down, start it again, then read from
// the per-request time series how the service behaved. The `instance` variant stops one of several service
// instances instead (drained in the balancer first, then stopped, later started again), and is judged on
// thresholds.json's instanceLoss targets: the error window through the balancer, users who had to log in
// again, and revocations kept.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseContract } from '../../../lib/contract.ts';
import type { Plan } from '../../../lib/plan.ts';
import { profileFor } from '../../../lib/profiles.ts';
import { judge } from '../analysis/judge-criteria.ts';
import { readK6Csv } from '../analysis/k6-csv.ts';
import { writeRunFile } from '../run-folder/files.ts';
import type { DrillResult as DrillReportInput } from '../run-folder/types.ts';
import { dashboardEnv } from '../stack/dashboard-env.ts';
import {
  type ExternalService,
  type RedisCommands,
  runShellCommand,
  waitForRedis,
} from '../stack/external-service.ts';
import type { InstancesSetting } from '../stack/instances-setting.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { runK6 } from '../stack/k6-runner.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { countEnforced, parsePrometheus, revokeTokens, scrapeMetrics } from '../stack/service-client.ts';
import { type StackOptions, startStack } from '../stack/stack.ts';
import { outcomesPerSecond, readRecovery } from './drill-outcomes.ts';

export type DrillVariant = DrillReportInput['variant'];

/** The reference service's refusal statuses (the instance drill runs against the embedded stack only). */
const DEFAULT_REFUSALS = new Set(parseContract({}).refusedStatuses);

export interface DrillOptions {
  variant: DrillVariant;
  users: number;
  spawnRate: number;
  /** Seconds at full load before Redis is stopped. */
  settleS: number;
  /** Seconds Redis stays down (plan: 30). */
  downS: number;
  /** Seconds of load after Redis is back. */
  tailS: number;
  workers: number;
  /** Accounts revoked just before the outage, checked again after it. */
  revocations: number;
  /** Reports root (reports/) and this plan execution's id: results go to <reportDir>/<runId>/. */
  reportDir: string;
  runId: string;
  thinkMinS?: number;
  thinkMaxS?: number;
  /** Extra service variables and Redis settings (npm run sensitivity injects its defects here). */
  stack?: Pick<StackOptions, 'env' | 'redis'>;
  /** The instance variant: INSTANCES (>= 2) and LB_AFFINITY. */
  instances?: InstancesSetting;
}

/** What failover-<variant>.json holds: the report's contract, with the k6 exit code always set. */
export interface DrillResult extends DrillReportInput {
  k6ExitCode: number;
}

/** A counter from a Prometheus page, summed over workers and labels (matched by name suffix). */
async function counterTotal(metricsUrl: string, nameSuffix: string): Promise<number> {
  const samples = parsePrometheus(await scrapeMetrics(metricsUrl));
  return samples.filter((s) => s.name.endsWith(nameSuffix)).reduce((sum, s) => sum + s.value, 0);
}

/** What the drill needs from the service under test and the part it interrupts (Redis, or an instance). */
interface DrillTarget {
  baseUrl: string;
  userPassword: string;
  redisUrl: string | undefined;
  /** Stops Redis, or drains and stops one instance. */
  interrupt(): Promise<void>;
  /** Starts it again. */
  restore(): Promise<void>;
  /** Requests the service has served, to see k6's load arrive; undefined when it does not say. */
  requestsServed: (() => Promise<number>) | undefined;
  /** Worker restarts so far; undefined when the service does not say (the criterion is then left out). */
  workerCrashes: (() => Promise<number>) | undefined;
  close(): Promise<void>;
}

/** Your service: its Redis stopped and started by your commands, crashes from RESTARTS_METRIC if given. */
export interface ExternalDrill {
  service: ExternalService;
  commands: RedisCommands;
  restarts: { url: string; metric: string } | undefined;
}

async function drillTarget(options: DrillOptions, external: ExternalDrill | undefined): Promise<DrillTarget> {
  if (external !== undefined) {
    const { service, commands, restarts } = external;
    return {
      ...service,
      interrupt: () => runShellCommand('REDIS_STOP_CMD', commands.stop),
      async restore() {
        await runShellCommand('REDIS_START_CMD', commands.start);
        if (service.redisUrl !== undefined) await waitForRedis(service.redisUrl);
      },
      requestsServed: undefined,
      workerCrashes: restarts && (() => counterTotal(restarts.url, restarts.metric)),
      close: async () => {},
    };
  }
  const several = options.variant === 'instance' ? options.instances : undefined;
  if (options.variant === 'instance' && (several?.instances ?? 1) < 2)
    throw new Error(
      'the instance drill needs INSTANCES=2 or more: it stops one instance while the others serve',
    );
  const stack = await startStack({
    workers: options.workers,
    state: 'redis',
    env: { ...planServiceEnv(), ...options.stack?.env },
    redis: options.stack?.redis,
    ...several,
  });
  // Each instance's own counters (through the balancer a scrape would reach one instance or another).
  const total = async (name: string) => {
    let sum = 0;
    for (const url of stack.instanceUrls) sum += await counterTotal(`${url}/metrics`, name);
    return sum;
  };
  // The last instance is the one lost: users pinned to it by affinity must move without logging in again.
  const lost = stack.instances.length - 1;
  return {
    baseUrl: stack.baseUrl,
    userPassword: stack.userPassword,
    redisUrl: stack.redisUrl,
    interrupt: () =>
      several
        ? stack.stopInstance(lost)
        : stack.redis.stop(options.variant === 'sigkill' ? 'SIGKILL' : 'SIGTERM'),
    restore: () => (several ? stack.restartInstance(lost) : stack.redis.restart()),
    requestsServed: () => total('http_requests_total'),
    workerCrashes: () => total('worker_restarts_total'),
    close: () => stack.stop(),
  };
}

/** Protected calls that refused a token no one revoked: each made its user log in again. */
function isLostSession(sample: { name: string; status: string }): boolean {
  return sample.name === 'protected' && DEFAULT_REFUSALS.has(Number(sample.status));
}

/**
 * Resolves once k6 traffic reaches the service, so the outage is timed from real load, not from k6's start-up:
 * the service's request counter when it has one, else the moment k6's setup() says what it is about to run.
 */
async function loadStarted(
  target: DrillTarget,
  setupDone: Promise<number>,
  timeoutS: number,
): Promise<number> {
  const served = target.requestsServed;
  if (served === undefined) {
    const timeout = sleep(timeoutS * 1000, undefined, { ref: false });
    const started = await Promise.race([setupDone, timeout]);
    if (started === undefined) throw new Error(`k6 did not finish its setup within ${timeoutS} s`);
    return started;
  }
  const before = await served();
  const deadline = Date.now() + timeoutS * 1000;
  while (Date.now() < deadline) {
    await sleep(250);
    if ((await served()) > before + 5) return Date.now();
  }
  throw new Error(`no k6 traffic reached the service within ${timeoutS} s`);
}

export async function runDrill(
  k6: K6Binary,
  plan: Plan,
  options: DrillOptions,
  external?: ExternalDrill,
): Promise<DrillResult> {
  const profile = profileFor('failover', {
    users: options.users,
    spawnRate: options.spawnRate,
    runTimeS: Math.ceil(options.users / options.spawnRate) + options.settleS + options.downS + options.tailS,
  });
  const runDir = join(options.reportDir, options.runId);
  // k6 writes its run record to failover@<variant>/ (it cannot create the folder itself).
  const reportName = `failover@${options.variant}`;
  mkdirSync(join(runDir, reportName), { recursive: true });
  const target = await drillTarget(options, external);
  const abortK6 = new AbortController();
  try {
    const csv = `${runDir}/failover-${options.variant}.csv.gz`;
    let setupDone: (at: number) => void = () => {};
    const setupLine = new Promise<number>((resolve) => {
      setupDone = resolve;
    });
    const k6Run = runK6(k6, {
      // setup() ends by describing the run ("failover [failover]: ..."): the virtual users start then.
      onOutput: (text) => {
        if (text.includes('failover [failover]:')) setupDone(Date.now());
      },
      test: 'failover',
      csvOut: csv,
      echo: false,
      logFile: `${runDir}/failover-${options.variant}.log`,
      signal: abortK6.signal,
      env: {
        BASE_URL: target.baseUrl,
        USER_PASSWORD: target.userPassword,
        REDIS_URL: target.redisUrl,
        USERS: profile.users,
        SPAWN_RATE: profile.spawnRate,
        DURATION: `${profile.runTimeS}s`,
        THINK_MIN_S: options.thinkMinS,
        THINK_MAX_S: options.thinkMaxS,
        RUN_ID: options.runId,
        REPORT_DIR: options.reportDir,
        REPORT_NAME: reportName,
        K6_CSV_TIME_FORMAT: 'unix_milli',
        ...dashboardEnv(join(runDir, reportName, 'dashboard.html'), profile.runTimeS),
      },
    });
    const loadFrom = await loadStarted(target, setupLine, 120);
    await sleep(Math.max(0, loadFrom + (profile.rampS + options.settleS) * 1000 - Date.now()));

    // The most recent acknowledged writes before the outage are the ones a lost AOF tail would drop.
    const accounts = Array.from({ length: options.revocations }, (_, i) => options.users + 100 + i);
    const revoked = await revokeTokens(target, accounts);
    const redisDownAt = Date.now();
    await target.interrupt();
    await sleep(Math.max(0, redisDownAt + options.downS * 1000 - Date.now()));
    await target.restore();
    const redisUpAt = Date.now();

    const k6Result = await k6Run;
    const enforcedAfter = await countEnforced(target, revoked);
    const crashes = target.workerCrashes === undefined ? undefined : await target.workerCrashes();

    const requests: Array<{ timeMs: number; status: string; expectedResponse: boolean }> = [];
    let revokedAccepted = 0;
    let sessionsLost = 0;
    for await (const sample of readK6Csv(csv, new Set(['http_reqs', 'revoked_token_accepted']))) {
      if (sample.metric === 'revoked_token_accepted') revokedAccepted += sample.value;
      else {
        requests.push(sample);
        if (isLostSession(sample)) sessionsLost++;
      }
    }
    const timeline = outcomesPerSecond(requests);
    const recovery = readRecovery(timeline, redisDownAt, redisUpAt);
    // A service that does not count its worker restarts leaves that criterion out, and the result says so.
    const targets = { ...(options.variant === 'instance' ? plan.instanceLoss : plan.failoverDrill).target };
    if (crashes === undefined) delete targets.worker_crashes;
    const judged = judge(targets, {
      recovery_s: recovery.recoveryS,
      revoked_token_accepted: revokedAccepted,
      lost_revocations: revoked.length - enforcedAfter,
      worker_crashes: crashes,
      wrong_answers_after_recovery:
        recovery.recoveredAt === undefined ? undefined : recovery.wrongAfterRecovery,
      // Never degraded and recovered: no second with wrong answers at all.
      error_window_s:
        recovery.errorWindowS ??
        (recovery.recoveredAt !== undefined && recovery.firstDegradedAt === undefined ? 0 : undefined),
      sessions_lost: sessionsLost,
    });
    const result: DrillResult = {
      schema: 'auth-loadtest/failover@1',
      variant: options.variant,
      users: profile.users,
      downS: options.downS,
      redisDownAt,
      redisUpAt,
      timeline,
      errorWindowS: recovery.errorWindowS ?? null,
      recoveryS: recovery.recoveryS ?? null,
      revokedAccepted,
      wrongAfterRecovery: recovery.wrongAfterRecovery,
      workerCrashes: crashes ?? null,
      revocationsBefore: revoked.length,
      revocationsEnforcedAfter: enforcedAfter,
      ...(options.variant === 'instance'
        ? { sessionsLost, affinity: options.instances?.affinity ?? 'none' }
        : {}),
      k6ExitCode: k6Result.exitCode,
      ...judged,
    };
    if (revoked.length < options.revocations) result.verdict = 'fail';
    writeRunFile('drill', `${runDir}/failover-${options.variant}.json`, result);
    return result;
  } finally {
    // On success k6 has exited already; on a failure it must not outlive the stack it loads.
    abortK6.abort();
    await target.close();
  }
}
