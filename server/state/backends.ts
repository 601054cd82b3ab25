// Chooses where shared state lives: Redis (STATE=redis, shared by all workers) or this worker's
// memory (STATE=memory, the multi-worker defect on purpose). Routes see only the two interfaces.

import type { Logger } from 'pino';
import type { ServiceConfig } from '../config.ts';
import type { InjectedDefect } from '../defects/setting.ts';
import { injectStateDefect } from '../defects/state.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import type { StoreHealth } from '../routes/health.ts';
import { createFallbackLoginLimiter } from './fallback-login-limiter.ts';
import type { LoginLimiter, LoginLimits } from './login-limiter.ts';
import { createMemoryLoginLimiter } from './memory-login-limiter.ts';
import { createMemoryRevocationStore } from './memory-revocation-store.ts';
import { createRedisClient } from './redis-client.ts';
import { createRedisLoginLimiter } from './redis-login-limiter.ts';
import { createRedisRevocationStore } from './redis-revocation-store.ts';
import type { RevocationStore } from './revocation-store.ts';

export interface StateBackends {
  revocations: RevocationStore;
  loginLimiter: LoginLimiter;
  storeHealth: () => Promise<StoreHealth>;
  close(): Promise<void>;
}

export function createStateBackends(
  config: ServiceConfig,
  workerId: string,
  metrics: WorkerMetrics,
  log: Logger,
  defect?: InjectedDefect,
): StateBackends {
  const limits: LoginLimits = {
    perAccount: config.loginLimitPerAccount,
    perIp: config.loginLimitPerIp,
    windowS: config.loginWindowS,
  };
  const memoryLimiter = createMemoryLoginLimiter(limits);

  if (config.state === 'memory') {
    const revocations = createMemoryRevocationStore(config.revocationPrefix);
    return {
      revocations,
      loginLimiter: memoryLimiter,
      storeHealth: async () => 'unused',
      async close() {
        revocations.close();
        memoryLimiter.close();
      },
    };
  }

  const redis = createRedisClient(
    {
      url: config.redisUrl,
      commandTimeoutMs: config.redisCommandTimeoutMs,
      autoPipelining: config.redisAutoPipelining,
      connectionName: `auth-worker-${workerId}`,
    },
    metrics,
    log,
  );
  const healthy: StateBackends = {
    revocations: createRedisRevocationStore(redis, config.revocationPrefix, metrics),
    loginLimiter: createFallbackLoginLimiter({
      shared: createRedisLoginLimiter(redis, limits),
      local: memoryLimiter,
      sharedReady: () => redis.status === 'ready',
      metrics,
    }),
    async storeHealth() {
      try {
        await redis.ping();
        return 'up';
      } catch {
        return 'down';
      }
    },
    async close() {
      memoryLimiter.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  return injectStateDefect(defect, healthy, { redis, prefix: config.revocationPrefix, limits });
}
