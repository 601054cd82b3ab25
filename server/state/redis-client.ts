// The Redis connection, tuned to fail fast. ioredis's defaults queue commands while disconnected and
// retry them for about a minute (v6 backoff caps at 5 s), which would turn an outage into hanging
// requests and delay recovery. Here a command either gets an answer within the command timeout or an
// error at once, and reconnect attempts never wait more than half a second, so the service answers
// normally again well within a second of Redis coming back.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';

export const RECONNECT_CAP_MS = 500;

export interface RedisClientOptions {
  url: string;
  commandTimeoutMs: number;
  autoPipelining: boolean;
  connectionName: string;
}

export function createRedisClient(options: RedisClientOptions, metrics: WorkerMetrics, log: Logger): Redis {
  const redis = new Redis(options.url, {
    connectionName: options.connectionName,
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    // A command that got no reply before the connection dropped was already answered with an error
    // (503); replaying it after reconnecting would only double-count a login attempt.
    autoResendUnfulfilledCommands: false,
    connectTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 50, RECONNECT_CAP_MS),
    enableAutoPipelining: options.autoPipelining,
    // Redis keeps a fresh connection in "loading" while it replays the AOF; the ready check holds
    // commands back until the denylist is complete.
    enableReadyCheck: true,
  });

  // Without a listener ioredis reports every failed reconnect as an unhandled 'error' event.
  let lastLoggedMs = 0;
  redis.on('error', (error: Error) => {
    metrics.redisConnectionError();
    const now = Date.now();
    if (now - lastLoggedMs > 5_000) {
      lastLoggedMs = now;
      log.warn({ error: error.message }, 'redis connection error');
    }
  });
  redis.on('ready', () => log.info('redis ready'));
  redis.on('close', () => log.debug('redis connection closed'));
  return redis;
}
