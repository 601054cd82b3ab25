// Runs one load generator as a child process and measures it from outside: peak RSS and CPU seconds from
// /proc while it runs, wall time, exit code. Output goes to a log file, not the console, so the bench's
// own table stays readable.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { trackChild } from '../stack/cleanup.ts';
import { type ProcReading, sampleProcess } from './proc-stats.ts';

export interface MeasuredRun {
  exitCode: number;
  wallS: number;
  reading: ProcReading | undefined;
}

export interface MeasuredRunOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  label: string;
  /** Hard stop: the run is killed (SIGKILL) if it outlives this, so the bench is always bounded. */
  timeoutS: number;
}

export function runMeasured(options: MeasuredRunOptions): Promise<MeasuredRun> {
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackChild(child, options.label);
  const sampler = child.pid === undefined ? undefined : sampleProcess(child.pid);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutS * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      untrack();
      reject(new Error(`${options.label}: could not start ${options.command}: ${error.message}`));
    });
    // 'exit', not 'close': the process is gone, so the sampler's last reading is the final one.
    child.on('exit', (code, signal) => {
      const reading = sampler?.stop();
      clearTimeout(timer);
      untrack();
      child.on('close', () => {
        log.end();
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          wallS: (performance.now() - started) / 1000,
          reading,
        });
      });
    });
  });
}
