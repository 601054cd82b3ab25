// Login limiters that refuse what they should allow (see setting.ts):
// - login-limit-too-strict: a per-account limit of 1 per window (the configured limit misread), so every
//   login after an account's first in a window is answered 429. A client's first login works.
// - every-login-limited: every login answered 429 with Retry-After 1, while /health stays 200.
import type { Redis } from 'ioredis';
import type { LoginLimiter, LoginLimits } from '../state/login-limiter.ts';
import { createRedisLoginLimiter } from '../state/redis-login-limiter.ts';

/** `healthy` answers when Redis cannot: a limiter never throws. */
export function tooStrictLoginLimiter(
  redis: Redis,
  limits: LoginLimits,
  healthy: LoginLimiter,
): LoginLimiter {
  const strict = createRedisLoginLimiter(redis, { ...limits, perAccount: 1 });
  return {
    async attempt(account, ip) {
      try {
        return await strict.attempt(account, ip);
      } catch {
        return healthy.attempt(account, ip);
      }
    },
  };
}

export const everyLoginLimited: LoginLimiter = {
  attempt: async () => ({ allowed: false, scope: 'account', retryAfterS: 1 }),
};
