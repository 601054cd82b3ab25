// Uses the shared Redis counters while Redis answers, and this worker's memory counters while it does
// not: login must keep working during an outage (only the denylist fails closed), and brute force must
// stay throttled.
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import type { LimitDecision, LoginLimiter } from './login-limiter.ts';

export interface FallbackParts {
  shared: { attempt(account: string, ip: string): Promise<LimitDecision> };
  local: LoginLimiter;
  /** False while the Redis client is not connected: skip it rather than wait for its error. */
  sharedReady(): boolean;
  metrics: WorkerMetrics;
}

export function createFallbackLoginLimiter({
  shared,
  local,
  sharedReady,
  metrics,
}: FallbackParts): LoginLimiter {
  return {
    async attempt(account, ip) {
      if (sharedReady()) {
        try {
          return await shared.attempt(account, ip);
        } catch {
          metrics.redisCommandFailed();
        }
      }
      metrics.loginLimitFallback();
      return local.attempt(account, ip);
    },
  };
}
