// Runs one k6 bundle as a child process for the Node-side tools (plan runner, drill, soak).
// Settings travel as environment variables, not `-e` flags: k6 exposes the process environment as
// __ENV, and secrets (USER_PASSWORD, REDIS_URL) then never appear in a process listing.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUN_RECORD_LINE_PREFIX } from '../../../lib/summary/record-line.ts';
import { buildDir } from '../paths.ts';
import { trackChild } from './cleanup.ts';
import type { K6Binary } from './k6-binary.ts';
import { stackObserver } from './stack-observer.ts';

export interface K6RunOptions {
  /** Plan test name: runs build/<test>.js. */
  test: string;
  env: Record<string, string | number | undefined>;
  /** Per-request time series (k6 CSV output); a .gz suffix makes k6 compress it. */
  csvOut?: string;
  /** Everything k6 prints is copied here. */
  logFile?: string;
  /** Echo k6's output to this process's stdout (default true). */
  echo?: boolean;
  extraArgs?: string[];
  /** Aborting stops k6 (SIGTERM: it still writes its summary), e.g. when the caller's drill fails. */
  signal?: AbortSignal;
  /** Called with everything k6 prints, as it prints it. */
  onOutput?: (text: string) => void;
  /** Called with k6's PID once it has started (the resource sampler reads its CPU and memory). */
  onSpawn?: (pid: number) => void;
}

export interface K6RunResult {
  exitCode: number;
  output: string;
  durationMs: number;
}

/** k6's documented exit code for failed thresholds. */
export const THRESHOLDS_FAILED = 99;

/**
 * What the console shows of k6's output: everything but the run record's line (lib/summary/record-line.ts),
 * a few KB of JSON meant for logs that leave a pod; this runner has the record as summary.json and keeps the
 * line in its log file. Lines are passed on whole, so one split over two chunks is still recognised.
 */
export function consoleEcho(write: (text: string) => void): { push(text: string): void; end(): void } {
  let partial = '';
  const pass = (lines: string) =>
    write(
      lines
        .split(/(?<=\n)/)
        .filter((line) => !line.startsWith(RUN_RECORD_LINE_PREFIX))
        .join(''),
    );
  return {
    push(text) {
      const upTo = (partial + text).lastIndexOf('\n') + 1;
      const whole = (partial + text).slice(0, upTo);
      partial = (partial + text).slice(upTo);
      if (whole) pass(whole);
    },
    end() {
      if (partial) pass(partial);
      partial = '';
    },
  };
}

export function runK6(k6: K6Binary, options: K6RunOptions): Promise<K6RunResult> {
  // --observe: remote write to Prometheus (stack-observer.ts); nothing otherwise.
  const observed = stackObserver()?.k6Run();
  const args = ['run', '--quiet', ...(options.extraArgs ?? []), ...(observed?.args ?? [])];
  if (options.csvOut) {
    mkdirSync(dirname(options.csvOut), { recursive: true });
    args.push('--out', `csv=${options.csvOut}`);
  }
  args.push(join(buildDir, `${options.test}.js`));

  const env: NodeJS.ProcessEnv = { ...process.env, ...observed?.env };
  for (const [key, value] of Object.entries(options.env)) {
    if (value !== undefined) env[key] = String(value);
  }
  if (options.logFile) mkdirSync(dirname(options.logFile), { recursive: true });
  const log = options.logFile ? createWriteStream(options.logFile) : undefined;
  const started = Date.now();
  const child = spawn(k6.path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = trackChild(child, `k6 ${options.test}`);
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  options.signal?.addEventListener('abort', () => child.kill('SIGTERM'), { once: true });
  const chunks: string[] = [];
  const echo = (options.echo ?? true) ? consoleEcho((text) => process.stdout.write(text)) : undefined;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    chunks.push(text);
    log?.write(text);
    options.onOutput?.(text);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    collect(chunk);
    echo?.push(chunk.toString());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    collect(chunk);
    // k6's own log lines: shown as they come, never a record line.
    if (echo) process.stdout.write(chunk.toString());
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      untrack();
      echo?.end();
      log?.end();
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        output: chunks.join(''),
        durationMs: Date.now() - started,
      });
    });
  });
}
