// Starts the reference auth service (build/service/main.js, a cluster primary plus workers) as a child
// process, waits until every worker listens and /health answers 200, and stops it by PID.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseReadyLine } from '../../../server/ready-line.ts';
import { bundleService } from '../bundle/bundle.ts';
import { buildDir, projectRoot, runDir } from '../paths.ts';
import { stopChild, trackChild } from './cleanup.ts';
import { freePort } from './free-port.ts';

export interface StartServiceOptions {
  redisUrl?: string;
  workers: number;
  state: 'redis' | 'memory';
  port?: number;
  userCount?: number;
  userPassword: string;
  jwtSecret?: string;
  /** Any other service variables (SCRYPT_COST, LOGIN_LIMIT_PER_ACCOUNT, ...); these win. */
  env?: Record<string, string>;
  /** Where the service's stdout and stderr go; default .run/service-<port>.log. */
  logFile?: string;
}

export interface RunningService {
  baseUrl: string;
  port: number;
  pid: number;
  workers: number;
  logFile: string;
  /** Settles when the primary exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (the service drains), then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const HEALTH_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;
const serviceBundle = join(buildDir, 'service', 'main.js');

function newestSourceMs(dir = join(projectRoot, 'server')): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The service bundle, rebuilt when server/ changed since it was built. */
export async function ensureServiceBundle(): Promise<string> {
  if (!existsSync(serviceBundle) || statSync(serviceBundle).mtimeMs < newestSourceMs()) await bundleService();
  return serviceBundle;
}

function serviceEnv(options: StartServiceOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKERS: String(options.workers),
    STATE: options.state,
    USER_PASSWORD: options.userPassword,
  };
  if (options.redisUrl !== undefined) env.REDIS_URL = options.redisUrl;
  if (options.userCount !== undefined) env.USER_COUNT = String(options.userCount);
  if (options.jwtSecret !== undefined) env.JWT_SECRET = options.jwtSecret;
  return { ...env, ...options.env };
}

async function waitForHealth(baseUrl: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`service at ${baseUrl} did not become healthy (last /health: ${last})`);
}

async function launch(bundle: string, options: StartServiceOptions, port: number): Promise<RunningService> {
  const logFile = options.logFile ?? join(runDir, `service-${port}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [bundle], {
    env: serviceEnv(options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackChild(child, `auth service :${port}`);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  void exited.then(() => {
    untrack();
    log.end();
  });
  const isExited = () => child.exitCode !== null || child.signalCode !== null;

  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-4_000);
  });
  let stdoutBuffer = '';
  const ready = new Promise<{ baseUrl: string; workers: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`service did not report ready within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      stdoutBuffer += chunk.toString();
      const lines = stdoutBuffer.split('\n');
      stdoutBuffer = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = parseReadyLine(line);
        if (parsed) {
          clearTimeout(timer);
          resolve(parsed);
        }
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `service exited (code ${child.exitCode ?? child.signalCode}) before it was ready:\n${stderrTail.trim()}`,
        ),
      );
    });
  });

  const stop = () => stopChild(child, exited, STOP_TIMEOUT_MS);

  try {
    const { baseUrl, workers } = await ready;
    await waitForHealth(baseUrl, isExited);
    return { baseUrl, port, pid: child.pid ?? 0, workers, logFile, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const bundle = await ensureServiceBundle();
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(bundle, options, port);
    } catch (error) {
      // A port chosen for us may have been taken meanwhile; anything else is a real failure.
      const portTaken = /EADDRINUSE|cannot listen/.test((error as Error).message);
      if (options.port !== undefined || !portTaken || attempt >= 3) throw error;
    }
  }
}
