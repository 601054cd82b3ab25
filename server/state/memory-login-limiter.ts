// Fixed-window login counters in this worker's memory. Used for STATE=memory, and as the fallback
// while Redis is unreachable (limits then apply per worker: weaker, but login keeps working and
// brute force is still slowed).
import { ExpiringMap } from './expiring-map.ts';
import {
  ACCOUNT_KEY_PREFIX,
  decide,
  IP_KEY_PREFIX,
  type LoginLimiter,
  type LoginLimits,
} from './login-limiter.ts';

export function createMemoryLoginLimiter(limits: LoginLimits): LoginLimiter & { close(): void } {
  const windowMs = limits.windowS * 1000;
  const windows = new ExpiringMap<{ count: number; resetAtMs: number }>(windowMs);

  function hit(key: string, nowMs: number): { count: number; ttlS: number } {
    let window = windows.get(key, nowMs);
    if (window === undefined) {
      window = { count: 0, resetAtMs: nowMs + windowMs };
      windows.set(key, window, window.resetAtMs);
    }
    window.count++;
    return { count: window.count, ttlS: Math.ceil((window.resetAtMs - nowMs) / 1000) };
  }

  return {
    async attempt(account, ip) {
      const now = Date.now();
      const byAccount = hit(ACCOUNT_KEY_PREFIX + account, now);
      const byIp = hit(IP_KEY_PREFIX + ip, now);
      return decide(
        { account: byAccount.count, accountTtlS: byAccount.ttlS, ip: byIp.count, ipTtlS: byIp.ttlS },
        limits,
      );
    },
    close: () => windows.close(),
  };
}
