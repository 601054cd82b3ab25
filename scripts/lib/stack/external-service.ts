// A service the project does not run (your staging stack), for the drill and the soak: how to stop and
// start its Redis (REDIS_STOP_CMD / REDIS_START_CMD, e.g. `docker stop redis`, `systemctl stop redis-server`,
// as the plan itself did) and where its per-worker memory is (METRICS_URL, MEMORY_METRIC). Each command is
// refused with a message naming the knobs it lacks, before any load starts.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { redactRedisUrl } from '../../../lib/config.ts';
import { OPT_OUT_VALUE } from '../../../lib/knobs/catalogue.ts';

export interface ExternalService {
  baseUrl: string;
  userPassword: string;
  /** Set: the drill waits for its PING after the start command, and k6's probe runs. */
  redisUrl: string | undefined;
}

export interface RedisCommands {
  stop: string;
  start: string;
}

export interface MemoryMetrics {
  /** Prometheus text exposition with a memory gauge per worker (or per instance). */
  url: string;
  /** The gauge judged for growth, e.g. nodejs_heap_size_used_bytes; one series per label set. */
  metric: string;
  /** Optional: a counter of worker restarts, e.g. auth_worker_restarts_total, for the drill's crash count. */
  restartsMetric: string | undefined;
}

export class ExternalServiceError extends Error {}

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);

/** BASE_URL's service, or undefined when BASE_URL is unset (the embedded stack is used then). */
export function externalService(env: Env): ExternalService | undefined {
  const baseUrl = value(env, 'BASE_URL');
  if (baseUrl === undefined) return undefined;
  const userPassword = env.USER_PASSWORD;
  if (!userPassword) {
    throw new ExternalServiceError(
      "BASE_URL is set, so USER_PASSWORD (the test accounts' password) must be set too",
    );
  }
  // REDIS_URL=off opts out of the probe by name: no Redis to reach here; k6 still gets the `off` and reports it.
  const redisUrl = value(env, 'REDIS_URL');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userPassword,
    redisUrl: redisUrl === OPT_OUT_VALUE ? undefined : redisUrl,
  };
}

export function redisCommands(env: Env): RedisCommands {
  const stop = value(env, 'REDIS_STOP_CMD');
  const start = value(env, 'REDIS_START_CMD');
  if (stop === undefined || start === undefined) {
    throw new ExternalServiceError(
      'the failover drill against BASE_URL stops and starts your Redis: set REDIS_STOP_CMD and REDIS_START_CMD ' +
        "(for example REDIS_STOP_CMD='docker stop redis' REDIS_START_CMD='docker start redis')",
    );
  }
  return { stop, start };
}

export function memoryMetrics(env: Env): MemoryMetrics {
  const url = value(env, 'METRICS_URL');
  if (url === undefined) {
    throw new ExternalServiceError(
      "the soak against BASE_URL judges your service's memory: set METRICS_URL (a Prometheus-format page, " +
        'e.g. https://auth.staging/metrics) and MEMORY_METRIC (a per-worker gauge, default nodejs_heap_size_used_bytes)',
    );
  }
  return {
    url,
    metric: value(env, 'MEMORY_METRIC') ?? 'nodejs_heap_size_used_bytes',
    restartsMetric: value(env, 'RESTARTS_METRIC'),
  };
}

const COMMAND_TIMEOUT_MS = 120_000;

/** Runs a user's command through the shell, bounded in time; its output goes to this process's log. */
export function runShellCommand(what: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new ExternalServiceError(`${what} could not start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new ExternalServiceError(`${what} (${command}) failed: ${signal ?? `exit ${code}`}`));
    });
  });
}

const READY_TIMEOUT_MS = 60_000;

/** Resolves when Redis at `url` answers PING (the start command may return before it accepts connections). */
export async function waitForRedis(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1000,
    });
    client.on('error', () => {}); // a refused connection is the expected answer until Redis is up
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not yet
    } finally {
      client.disconnect();
    }
    await sleep(100);
  }
  throw new ExternalServiceError(
    `Redis (${redactRedisUrl(url)}) did not answer PING within ${READY_TIMEOUT_MS / 1000} s`,
  );
}
