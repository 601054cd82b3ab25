// The capacity search (`npm run capacity`): one k6 run per step with more users each time, against one
// service (the embedded stack or BASE_URL), until a step misses a target of the tier's thresholds or the
// step limit is reached. Each step's run record lands in reports/<run-id>/capacity/<step>/; the search's
// result in reports/<run-id>/capacity.json, which the plan report shows when it is in the folder.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { keyNumbers } from '../../../lib/summary/key-numbers.ts';
import type { RunRecord } from '../../../lib/summary/run-record.ts';
import { RunFolderError, readRunFile, writeRunFile } from '../run-folder/files.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { runK6 } from '../stack/k6-runner.ts';
import {
  brokenCriteria,
  type CapacityFile,
  type CapacityStep,
  capacityVerdict,
  nextUsers,
} from './capacity-steps.ts';

export interface CapacityOptions {
  k6: K6Binary;
  reportDir: string;
  runId: string;
  /** No Redis probe: capacity is judged on the load targets (latency, failures, throughput). */
  target: { baseUrl: string; userPassword: string; label: string; workers?: number };
  /** The tier whose targets judge every step. */
  test: string;
  startUsers: number;
  factor: number;
  maxSteps: number;
  maxUsers: number;
  stepS: number;
}

/** The step's run record; a file that is there but unusable is said, not taken for a missing one. */
function readRecord(file: string): { record?: RunRecord; problem?: string } {
  if (!existsSync(file)) return {};
  try {
    return { record: readRunFile('summary', file) };
  } catch (error) {
    if (!(error instanceof RunFolderError)) throw error;
    return { problem: error.message };
  }
}

async function runStep(options: CapacityOptions, index: number, users: number): Promise<CapacityStep> {
  const folder = `capacity/step-${index + 1}-${users}`;
  const dir = join(options.reportDir, options.runId, 'capacity');
  const name = `step-${index + 1}-${users}`;
  mkdirSync(join(dir, name), { recursive: true });
  // A third of each step ramps up, the rest is the steady window the targets are judged on.
  const rampS = Math.max(1, Math.round(options.stepS / 3));
  const result = await runK6(options.k6, {
    test: options.test,
    logFile: join(dir, name, 'k6.log'),
    echo: false,
    env: {
      BASE_URL: options.target.baseUrl,
      USER_PASSWORD: options.target.userPassword,
      USERS: users,
      SPAWN_RATE: Math.round((users / rampS) * 100) / 100,
      DURATION: `${options.stepS}s`,
      RUN_ID: 'capacity',
      REPORT_DIR: join(options.reportDir, options.runId),
      REPORT_NAME: name,
    },
  });
  const { record, problem } = readRecord(join(dir, name, 'summary.json'));
  const numbers = record ? keyNumbers(record.metrics, record.profile.steadyS) : undefined;
  const broken = record
    ? brokenCriteria(record.criteria)
    : [
        {
          key: 'run',
          label: problem ?? `k6 left no run record (exit ${result.exitCode})`,
          measured: null,
          unit: '',
          bound: '',
        },
      ];
  return {
    users,
    steadyRps: numbers?.steadyRequestsPerS,
    p95Ms: numbers?.p95Ms,
    failureRate: numbers?.failureRate,
    k6ExitCode: result.exitCode,
    broken,
    folder,
  };
}

export async function runCapacity(options: CapacityOptions): Promise<CapacityFile> {
  const steps: CapacityStep[] = [];
  let users = options.startUsers;
  let stoppedBecause = `reached the step limit (${options.maxSteps})`;
  for (let index = 0; index < options.maxSteps; index++) {
    const step = await runStep(options, index, users);
    steps.push(step);
    console.log(
      `   step ${index + 1}: ${users} users, ${step.steadyRps?.toFixed(1) ?? '-'} req/s, ` +
        `p95 ${step.p95Ms?.toFixed(1) ?? '-'} ms: ${step.broken.length ? `BROKE (${step.broken.map((c) => c.label).join(', ')})` : 'held'}`,
    );
    if (step.broken.length > 0) {
      stoppedBecause = `step ${index + 1} missed a target`;
      break;
    }
    const next = nextUsers(users, options.factor);
    if (next > options.maxUsers) {
      stoppedBecause = `the next step (${next} users) would exceed the user limit (${options.maxUsers})`;
      break;
    }
    users = next;
  }
  const file: CapacityFile = {
    schema: 'auth-loadtest/capacity@1',
    test: options.test,
    target: options.target.label,
    ...(options.target.workers === undefined ? {} : { workers: options.target.workers }),
    stepS: options.stepS,
    factor: options.factor,
    steps,
    ...capacityVerdict(steps),
    stoppedBecause,
  };
  writeRunFile('capacity', join(options.reportDir, options.runId, 'capacity.json'), file);
  return file;
}
