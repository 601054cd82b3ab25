// The only file that names the Redis module. Sources name `k6/x/redis` (k6 v2, provisioned through the
// bundle's "use k6 with" banner); the build rewrites it to `k6/experimental/redis` for k6 v1
// (scripts/lib/bundle/bundle.ts).
//
// The module is loaded with require() at init, and only when REDIS_URL is set: k6 instantiates every
// statically imported module in every VU, and the Redis module's instance costs each VU 30-45 KB
// (docs/bench.md) in runs where no VU ever talks to Redis.
import type { Client } from 'k6/x/redis';
import { config } from './run-config.ts';
import { redisConnectionUrl } from './secrets.ts';

export type RedisClient = Client;

const redis: typeof import('k6/x/redis') | undefined =
  config.redis === undefined ? undefined : (require('k6/x/redis') as typeof import('k6/x/redis'));

/**
 * A client for REDIS_URL (with REDIS_PASSWORD when given apart), or undefined when it is not set. Creating
 * one opens nothing: the connection opens on the first command, and commands only work in VU code (they
 * fail in the init context). Create it lazily, so only VUs that use Redis hold a client, and so the
 * credentials are read at run time, never in init.
 */
export async function redisClient(): Promise<RedisClient | undefined> {
  if (redis === undefined) return undefined;
  const url = await redisConnectionUrl();
  return url === undefined ? undefined : new redis.Client(url);
}
