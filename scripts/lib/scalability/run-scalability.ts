// Runs the plan's scalability comparison against fresh embedded stacks: the same closed-loop load (no
// think time, so throughput is what the service delivers, not what the users ask for) against 1, 2 and
// 4 workers with Redis and 4 workers with STATE=memory. Writes reports/<run-id>/scalability.json.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { readTimedRequests } from '../analysis/k6-csv.ts';
import { writeTierAnalysis } from '../analysis/tier-analysis.ts';
import { writeRunFile } from '../run-folder/files.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { runK6 } from '../stack/k6-runner.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { startResourceSampler } from '../stack/resource-sampler.ts';
import { startStack } from '../stack/stack.ts';
import {
  type ScalabilityFile,
  type ScalabilityMeasurement,
  scalabilityRows,
  steadyMeasurement,
} from './scalability-rows.ts';

export interface ScalabilityConfig {
  workers: number;
  state: 'redis' | 'memory';
  /** Instances behind HAProxy, each with `workers` (npm start with INSTANCES >= 2 adds one such config). */
  instances?: number;
}

export interface ScalabilityOptions {
  k6: K6Binary;
  reportDir: string;
  runId: string;
  /** The k6 bundle that carries the load (an authentication tier). */
  test: string;
  users: number;
  runTimeS: number;
  rampS: number;
  configs: ScalabilityConfig[];
}

export const SCALABILITY_CONFIGS: ScalabilityConfig[] = [
  { workers: 1, state: 'redis' },
  { workers: 2, state: 'redis' },
  { workers: 4, state: 'redis' },
  { workers: 4, state: 'memory' },
];

export function configLabel(config: ScalabilityConfig): string {
  const instances = config.instances ?? 1;
  return `${instances > 1 ? `${instances}x` : ''}${config.workers}w-${config.state}`;
}

async function measure(
  options: ScalabilityOptions,
  config: ScalabilityConfig,
): Promise<ScalabilityMeasurement> {
  const label = configLabel(config);
  const dir = join(options.reportDir, options.runId, 'scalability');
  // k6 writes its run record to <REPORT_DIR>/<RUN_ID>/<REPORT_NAME>/: scalability/<label>/<test>/.
  mkdirSync(join(dir, label, options.test), { recursive: true });
  const csv = join(dir, label, 'metrics.csv.gz');
  // Without think time every user logs in again after each logout dozens of times a minute: the service's
  // per-account limit (10 a minute) would bound the throughput measured here, and per-worker memory state
  // would look faster only for multiplying that limit by the workers. This comparison is about the rest.
  const env = { ...planServiceEnv(config.state), LOGIN_LIMIT_PER_ACCOUNT: '1000000' };
  const stack = await startStack({
    workers: config.workers,
    state: config.state,
    env,
    instances: config.instances,
  });
  try {
    const sampler = startResourceSampler({
      servicePid: stack.instances.map((instance) => instance.pid),
      redisUrl: stack.redisUrl,
    });
    await runK6(options.k6, {
      test: options.test,
      csvOut: csv,
      logFile: join(dir, label, 'k6.log'),
      echo: false,
      onSpawn: (pid) => sampler.setLoadGenerator(pid),
      env: {
        K6_CSV_TIME_FORMAT: 'unix_milli',
        BASE_URL: stack.baseUrl,
        USER_PASSWORD: stack.userPassword,
        USERS: options.users,
        SPAWN_RATE: Math.max(1, Math.ceil(options.users / Math.max(1, options.rampS))),
        DURATION: `${options.runTimeS}s`,
        THINK_MIN_S: 0,
        THINK_MAX_S: 0,
        RUN_ID: label,
        REPORT_DIR: dir,
        REPORT_NAME: options.test,
      },
    }).finally(() => sampler.stop());
    const resources = await sampler.stop();
    const requests = await readTimedRequests(csv);
    const { errors } = await writeTierAnalysis(csv, join(dir, label));
    rmSync(csv, { force: true });
    return {
      label,
      workers: config.workers,
      ...(config.instances === undefined ? {} : { instances: config.instances }),
      state: config.state,
      ...steadyMeasurement(requests, options),
      serviceCpuPct: resources.workers.length ? resources.serviceCpuPctMean : undefined,
      loadGeneratorCpuPct: resources.loadGenerator?.cpuPctMean,
      machineCpuPct: resources.machineCpuPctMean,
      wrongByCategory: Object.fromEntries(Object.entries(errors.byCategory).filter(([, count]) => count > 0)),
    };
  } finally {
    await stack.stop();
  }
}

export async function runScalability(options: ScalabilityOptions): Promise<ScalabilityFile> {
  const started = Date.now();
  const measurements: ScalabilityMeasurement[] = [];
  for (const config of options.configs) {
    const m = await measure(options, config);
    console.log(
      `   ${m.label.padEnd(9)} ${m.throughputRps.toFixed(0)} req/s, p95 ${m.p95Ms.toFixed(1)} ms, ` +
        `${m.failures} failures`,
    );
    measurements.push(m);
  }
  const file: ScalabilityFile = {
    schema: 'auth-loadtest/scalability@1',
    test: options.test,
    users: options.users,
    runTimeS: options.runTimeS,
    rampS: options.rampS,
    thinkS: [0, 0],
    cores: cpus().length,
    wallS: Math.round((Date.now() - started) / 100) / 10,
    rows: scalabilityRows(measurements),
  };
  writeRunFile('scalability', join(options.reportDir, options.runId, 'scalability.json'), file);
  return file;
}
