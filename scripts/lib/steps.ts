// Small helpers for commands that run a sequence of steps and must say clearly which one failed.
import { spawnSync } from 'node:child_process';
import { projectRoot } from './paths.ts';

export function banner(text: string): void {
  console.log(`\n== ${text}`);
}

/** Runs an npm script or a command in the project root, inheriting output; exits on failure. */
export function runStep(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  banner(label);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`\nerror: step "${label}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`   ${label}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs a prerequisite check; its Error message is the fix to tell the user. */
export function requirePrerequisite<T>(label: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    console.error(`\nerror: ${label}: ${(error as Error).message}`);
    process.exit(1);
  }
}
