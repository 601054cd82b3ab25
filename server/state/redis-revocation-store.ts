// Denylist in Redis: one EXISTS per protected call, one SET per logout.
import type { Redis } from 'ioredis';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { type RevocationStore, revocationKey } from './revocation-store.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

export function createRedisRevocationStore(
  redis: Redis,
  prefix: string,
  metrics: WorkerMetrics,
): RevocationStore {
  return {
    async isRevoked(iss, jti) {
      try {
        return (await redis.exists(revocationKey(prefix, iss, jti))) === 1;
      } catch (error) {
        metrics.redisCommandFailed();
        throw new StoreUnavailableError('revocation lookup', error);
      }
    },
    async revoke(iss, jti, exp) {
      let reply: string | null;
      try {
        // EXAT: the key dies with the token, using the token's own clock value. NX makes a second
        // logout with the same token visible (and keeps the round trip count at one).
        reply = await redis.set(revocationKey(prefix, iss, jti), '1', 'EXAT', exp, 'NX');
      } catch (error) {
        metrics.redisCommandFailed();
        throw new StoreUnavailableError('revocation write', error);
      }
      return reply === 'OK' ? 'revoked' : 'already-revoked';
    },
  };
}
