// Test-only helpers for running the real k6 binary on the real bundles: build once, spawn k6 with `-e`
// flags, capture everything it prints and its exit code, and kill it if it overstays.
// (The product's own runner is scripts/lib/stack/k6-runner.ts; this one exists so specs can assert on output.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAN_ROWS } from '../../lib/profiles.ts';
import { bundleK6Tests, generationOf, type K6Generation } from '../../scripts/lib/bundle/bundle.ts';
import { buildDir, projectRoot, thresholdsFile } from '../../scripts/lib/paths.ts';
import { trackChild } from '../../scripts/lib/stack/cleanup.ts';
import { findK6, type K6Binary } from '../../scripts/lib/stack/k6-binary.ts';

/** Every plan test, one bundle each. */
export const PLAN_TESTS = Object.keys(PLAN_ROWS);

export interface K6Result {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "does it say X anywhere". */
  output: string;
}

let cachedBinary: K6Binary | undefined;
let built: Promise<void> | undefined;

export function k6Binary(): K6Binary {
  cachedBinary ??= findK6();
  if (!cachedBinary) throw new Error('k6 is not installed (see docs/installing-k6.md)');
  return cachedBinary;
}

function k6Generation(): K6Generation {
  return generationOf(k6Binary().major);
}

/** Bundles tests/*.ts into build/ with the project's own build settings, once per test process. */
export function buildBundles(): Promise<void> {
  built ??= bundleK6Tests({ generation: k6Generation(), thresholdsFile }).then(() => undefined);
  return built;
}

export function bundlePath(test: string): string {
  return join(buildDir, `${test}.js`);
}

/**
 * Entry points bundled with `thresholdsText` in place of thresholds.json, into a temporary folder, with the
 * project's own build settings; returns the folder and a function that removes it.
 */
export async function bundleWithPlanText(
  thresholdsText: string,
  tests?: string[],
): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'auth-loadtest-plan-'));
  const planFile = join(dir, 'thresholds.json');
  writeFileSync(planFile, thresholdsText);
  await bundleK6Tests({ generation: k6Generation(), thresholdsFile: planFile, tests, outdir: dir });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One entry point bundled against `thresholdsText`: for proving what a broken plan file does. */
export async function bundleWithThresholds(
  test: string,
  thresholdsText: string,
): Promise<{ bundle: string; remove(): void }> {
  const { dir, remove } = await bundleWithPlanText(thresholdsText, [test]);
  return { bundle: join(dir, `${test}.js`), remove };
}

/**
 * The plan with every timing bound (keys ending in _ms) made unreachable-to-miss, everything else as
 * written. Behaviour specs gate on correctness (revoked tokens, state sync, wrong answers, exit codes);
 * timing targets are measured by `npm start` and benchmarks, never asserted in tests: on a 2-core machine
 * shared by k6, the service and Redis, a 5 ms probe p95 over a handful of samples is a coin toss.
 */
export function planWithoutTimingGates(planText: string): string {
  const plan = JSON.parse(planText) as Record<string, unknown>;
  const relax = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('_ms') && typeof value === 'string')
        (node as Record<string, string>)[key] = '< 600000';
      else relax(value);
    }
  };
  relax(plan);
  return JSON.stringify(plan);
}

let behaviourBundles: Promise<{ dir: string; remove(): void }> | undefined;

/** All bundles with timing gates relaxed (see planWithoutTimingGates), built once per test process. */
export async function behaviourBundlePath(test: string): Promise<string> {
  behaviourBundles ??= bundleWithPlanText(planWithoutTimingGates(readFileSync(thresholdsFile, 'utf8')));
  const { dir } = await behaviourBundles;
  return join(dir, `${test}.js`);
}

export interface K6Invocation {
  /** "run", "inspect" or "archive". */
  command: 'run' | 'inspect' | 'archive';
  script: string;
  /** Passed as `-e NAME=value` (k6's documented way; `inspect` ignores the process environment). */
  env?: Record<string, string | number | undefined>;
  extraArgs?: string[];
  timeoutMs?: number;
}

export function k6(invocation: K6Invocation): Promise<K6Result> {
  const args: string[] = [invocation.command];
  if (invocation.command === 'run') {
    // No REST API port to collide with other k6 runs on the machine, and no phoning home from tests.
    args.push('--address', '127.0.0.1:0', '--no-usage-report');
  }
  for (const [name, value] of Object.entries(invocation.env ?? {})) {
    if (value !== undefined) args.push('-e', `${name}=${value}`);
  }
  args.push(...(invocation.extraArgs ?? []), invocation.script);

  const child = spawn(k6Binary().path, args, {
    cwd: projectRoot,
    // Only -e values reach __ENV: a developer's own BASE_URL or REDIS_URL must not leak into a test.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', K6_NO_USAGE_REPORT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackChild(child, `k6 ${invocation.command}`);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const timeoutMs = invocation.timeoutMs ?? 90_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      untrack();
      const out = stdout.join('');
      const err = stderr.join('');
      if (signal === 'SIGKILL') {
        reject(new Error(`k6 ${invocation.command} was killed after ${timeoutMs} ms:\n${out}\n${err}`));
        return;
      }
      resolve({ code: code ?? 1, stdout: out, stderr: err, output: `${out}\n${err}` });
    });
  });
}

/** `k6 inspect` output: the consolidated options as JSON. */
export async function inspect(
  script: string,
  env: Record<string, string | number | undefined>,
  // biome-ignore lint/suspicious/noExplicitAny: k6 inspect prints free-form JSON that the specs walk into
): Promise<{ result: K6Result; options: Record<string, any> | undefined }> {
  const result = await k6({ command: 'inspect', script, env, timeoutMs: 30_000 });
  if (result.code !== 0) return { result, options: undefined };
  return { result, options: JSON.parse(result.stdout) };
}
