// Every child process the project starts (redis-server, the service, k6) is registered here and
// stopped by PID when this process exits, is interrupted, or fails, so nothing outlives a run.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Map<number, string>();
let installed = false;

function killAll(signal: NodeJS.Signals): void {
  for (const pid of children.keys()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll('SIGTERM');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAll('SIGTERM');
    process.exit(1);
  });
}

/** Registers a started child; returns the function that unregisters it once it has exited. */
export function trackChild(child: ChildProcess, label: string): () => void {
  install();
  const pid = child.pid;
  if (pid === undefined) return () => {};
  children.set(pid, label);
  return () => children.delete(pid);
}

/** SIGTERM, then SIGKILL when `child` has not exited (`exited` settled) within `timeoutMs`. */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(timeoutMs, true, { ref: false })]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
