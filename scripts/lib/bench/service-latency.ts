// Optional part of the bench (--service): the same trivial k6 user against the no-op target and against the
// embedded reference service at the same load, so the service's protected-call latency reads as "JWT
// verification plus one Redis lookup" over nothing, and its login latency next to its scrypt floor.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { K6Binary } from '../stack/k6-binary.ts';
import { planServiceEnv } from '../stack/plan-service-env.ts';
import { startStack } from '../stack/stack.ts';
import { trivialK6Script } from './generator-scripts.ts';
import { startNoopTarget } from './noop-target.ts';
import { benchProfile, referenceWorkload, runK6Measured } from './run-bench.ts';
import { scryptFloorMs } from './scrypt-floor.ts';

type Latency = Record<string, { p50: number; p95: number }>;

export interface ServiceLatencyResult {
  vus: number;
  durationS: number;
  scryptCost: number;
  workers: number;
  noop: Latency;
  service: Latency;
  exitCodes: { noop: number; service: number };
  scryptFloorMs: Array<{ cost: number; ms: number }>;
}

export interface ServiceLatencyOptions {
  k6: K6Binary;
  vus: number;
  durationS: number;
  workers: number;
  log: (line: string) => void;
}

/** Floors for the plan's cost and its neighbours, so a reader can see what each step of SCRYPT_COST costs. */
async function floors(cost: number): Promise<ServiceLatencyResult['scryptFloorMs']> {
  const result = [];
  for (const c of [cost - 2, cost - 1, cost, cost + 1, cost + 2].filter((c) => c >= 4 && c <= 16)) {
    result.push({ cost: c, ms: await scryptFloorMs(c) });
  }
  return result;
}

export async function measureServiceLatency(options: ServiceLatencyOptions): Promise<ServiceLatencyResult> {
  const profile = benchProfile(options.vus, options.durationS);
  const workDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-bench-service-'));
  const script = join(workDir, 'trivial-latency.js');
  writeFileSync(script, trivialK6Script(referenceWorkload(profile, true)));
  const env = planServiceEnv();
  const scryptCost = Number(env.SCRYPT_COST);
  const timeoutS = options.durationS + 180;

  options.log(`service latency: scrypt floor around SCRYPT_COST=${scryptCost} ...`);
  const scryptFloor = await floors(scryptCost);

  options.log(`service latency: no-op target, ${profile.users} VUs, ${profile.runTimeS} s ...`);
  const noopTarget = await startNoopTarget();
  const password = randomBytes(12).toString('base64url');
  let noop: Awaited<ReturnType<typeof runK6Measured>>;
  try {
    noop = await runK6Measured(
      options.k6,
      {
        id: 'noop-latency',
        label: 'no-op',
        script,
        env: { BASE_URL: noopTarget.baseUrl, USER_PASSWORD: password },
      },
      workDir,
      timeoutS,
    );
  } finally {
    await noopTarget.stop();
  }

  options.log(`service latency: reference service (${options.workers} workers), same load ...`);
  const stack = await startStack({ workers: options.workers, state: 'redis', env, userCount: profile.users });
  let service: Awaited<ReturnType<typeof runK6Measured>>;
  try {
    service = await runK6Measured(
      options.k6,
      {
        id: 'service-latency',
        label: 'service',
        script,
        env: { BASE_URL: stack.baseUrl, USER_PASSWORD: stack.userPassword },
      },
      workDir,
      timeoutS,
    );
  } finally {
    await stack.stop();
  }
  const exitCodes = { noop: noop.run.exitCode, service: service.run.exitCode };
  if (exitCodes.noop === 0 && exitCodes.service === 0) rmSync(workDir, { recursive: true, force: true });
  else options.log(`   a latency run failed; logs in ${workDir}`);
  return {
    vus: profile.users,
    durationS: profile.runTimeS,
    scryptCost,
    workers: options.workers,
    noop: noop.latencyMs,
    service: service.latencyMs,
    exitCodes,
    scryptFloorMs: scryptFloor,
  };
}
