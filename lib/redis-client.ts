// The only file that names the Redis module. Sources import `k6/x/redis` (k6 v2, provisioned through
// the bundle's "use k6 with" banner); the build rewrites it to `k6/experimental/redis` for k6 v1
// (scripts/lib/bundle.ts).
import { Client } from 'k6/x/redis';
import type { SuiteConfig } from './config.ts';

export type RedisClient = Client;

/**
 * A client for REDIS_URL, or undefined when it is not set: the probe and monitor are then off and the
 * bundle runs where no Redis is reachable (Grafana Cloud load zones, a service you don't operate).
 * Creating one opens nothing: the connection opens on the first command, and commands only work in
 * VU code (they fail in the init context). Create it lazily, so only VUs that use Redis hold a client.
 */
export function redisClientFor(config: SuiteConfig): RedisClient | undefined {
  return config.redisUrl === undefined ? undefined : new Client(config.redisUrl);
}
