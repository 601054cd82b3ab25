// The only file that names the Redis module. Sources name `k6/x/redis` (k6 v2, provisioned through the
// bundle's "use k6 with" banner); the build rewrites it to `k6/experimental/redis` for k6 v1
// (scripts/lib/bundle.ts).
//
// The module is loaded with require() at init, and only when REDIS_URL is set: k6 instantiates every
// statically imported module in every VU, and the Redis module's instance costs each VU about 30 KB
// (docs/bench.md) in runs where no VU ever talks to Redis.
import type { Client } from 'k6/x/redis';
import type { SuiteConfig } from './config.ts';
import { config } from './run-config.ts';

export type RedisClient = Client;

const redis: typeof import('k6/x/redis') | undefined =
  config.redisUrl === undefined ? undefined : (require('k6/x/redis') as typeof import('k6/x/redis'));

/**
 * A client for REDIS_URL, or undefined when it is not set: the probe and monitor are then off and the
 * bundle runs where no Redis is reachable (Grafana Cloud load zones, a service you don't operate).
 * Creating one opens nothing: the connection opens on the first command, and commands only work in
 * VU code (they fail in the init context). Create it lazily, so only VUs that use Redis hold a client.
 */
export function redisClientFor(suiteConfig: SuiteConfig): RedisClient | undefined {
  return suiteConfig.redisUrl === undefined || redis === undefined
    ? undefined
    : new redis.Client(suiteConfig.redisUrl);
}
