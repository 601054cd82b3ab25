// Login counters shared by all workers, in Redis: both counters are incremented, given their window on
// first hit, and read back with their TTL by one Lua script, so an attempt costs one round trip and
// concurrent attempts on different workers can never both see "first hit".
import type { Redis } from 'ioredis';
import {
  ACCOUNT_KEY_PREFIX,
  decide,
  IP_KEY_PREFIX,
  type LimitDecision,
  type LoginLimits,
} from './login-limiter.ts';

// A TTL of -1 (a counter without expiry) cannot come from this script, but if one ever existed it would
// lock the account forever; re-arming it costs nothing.
const COUNT_ATTEMPT_LUA = `
local function hit(key, window)
  local count = redis.call('INCR', key)
  local ttl = redis.call('TTL', key)
  if ttl < 0 then
    redis.call('EXPIRE', key, window)
    ttl = window
  end
  return {count, ttl}
end
local account = hit(KEYS[1], ARGV[1])
local ip = hit(KEYS[2], ARGV[1])
return {account[1], account[2], ip[1], ip[2]}
`;

const COMMAND = 'countLoginAttempt';

type CountLoginAttempt = (
  accountKey: string,
  ipKey: string,
  windowS: number,
) => Promise<[number, number, number, number]>;

/** Throws when Redis cannot answer; the fallback limiter decides what happens then. */
export function createRedisLoginLimiter(redis: Redis, limits: LoginLimits) {
  // defineCommand sends EVALSHA and falls back to EVAL once after a Redis restart emptied the script cache.
  redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: COUNT_ATTEMPT_LUA });
  const countAttempt = (redis as unknown as Record<typeof COMMAND, CountLoginAttempt>)[COMMAND].bind(redis);

  return {
    async attempt(account: string, ip: string): Promise<LimitDecision> {
      const [accountCount, accountTtlS, ipCount, ipTtlS] = await countAttempt(
        ACCOUNT_KEY_PREFIX + account,
        IP_KEY_PREFIX + ip,
        limits.windowS,
      );
      return decide({ account: accountCount, accountTtlS, ip: ipCount, ipTtlS }, limits);
    },
  };
}
