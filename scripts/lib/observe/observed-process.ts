// One process of the observe stack (Prometheus or an exporter): spawned with its output in a log file,
// registered for cleanup, ready once an HTTP URL of it answers 200, stopped by PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProcReading, readProc } from '../bench/proc-stats.ts';
import { stopChild, trackChild } from '../stack/cleanup.ts';

export interface ObservedProcess {
  readonly pid: number;
  /** Stops it; resolves with its CPU time and peak RSS read just before (undefined if already gone). */
  stop(): Promise<ProcReading | undefined>;
}

export interface ProcessSpec {
  label: string;
  binary: string;
  args: string[];
  /** Added to a minimal environment (PATH only): secrets go here, never into args. */
  env?: Record<string, string>;
  logFile: string;
  readyUrl: string;
  readyTimeoutMs?: number;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-8).join('\n');
  } catch {
    return '(no log)';
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export async function startObservedProcess(spec: ProcessSpec): Promise<ObservedProcess> {
  const log = openSync(spec.logFile, 'a');
  const child: ChildProcess = spawn(spec.binary, spec.args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...spec.env },
    stdio: ['ignore', log, log],
  });
  const untrack = trackChild(child, spec.label);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(untrack);
  child.once('error', () => {}); // reported below as "exited before it was ready"
  const stop = async () => {
    const reading = child.pid === undefined ? undefined : readProc(child.pid);
    await stopChild(child, exited, 10_000);
    return reading;
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(
        `${spec.label} exited before it was ready (log ${spec.logFile}):\n${tail(spec.logFile)}`,
      );
    }
    if (await answers(spec.readyUrl)) return { pid: child.pid, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(
    `${spec.label} did not answer ${spec.readyUrl} in time (log ${spec.logFile}):\n${tail(spec.logFile)}`,
  );
}
