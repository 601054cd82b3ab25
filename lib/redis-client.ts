// The only file that names the Redis module. Sources import `k6/x/redis` (k6 v2, provisioned through
// the bundle's "use k6 with" banner); the build rewrites it to `k6/experimental/redis` for k6 v1
// (scripts/lib/bundle.ts).
import { Client } from 'k6/x/redis';
import { redisConnectionUrl } from './secrets.ts';

export type RedisClient = Client;

/**
 * A client for REDIS_URL (with REDIS_PASSWORD when given apart), or undefined when it is not set. Creating
 * one opens nothing: the connection opens on the first command, and commands only work in VU code (they
 * fail in the init context). Create it lazily, so only VUs that use Redis hold a client, and so the
 * credentials are read at run time, never in init.
 */
export async function redisClient(): Promise<RedisClient | undefined> {
  const url = await redisConnectionUrl();
  return url === undefined ? undefined : new Client(url);
}
