// Login throttling: fixed windows counted per account (OWASP: tie the counter to the account) and per
// client IP. Every attempt counts, successful or not, so a password-spraying client is slowed as much
// as a guesser.

export interface LoginLimits {
  perAccount: number;
  perIp: number;
  windowS: number;
}

export type LimitDecision =
  | { allowed: true }
  | { allowed: false; scope: 'account' | 'ip'; retryAfterS: number };

export interface LoginLimiter {
  /** Counts one attempt for this account and IP and says whether it may proceed. Never throws. */
  attempt(account: string, ip: string): Promise<LimitDecision>;
}

export interface WindowCounts {
  account: number;
  accountTtlS: number;
  ip: number;
  ipTtlS: number;
}

/** The verdict for counts already incremented; shared by the Redis and memory implementations. */
export function decide(counts: WindowCounts, limits: LoginLimits): LimitDecision {
  if (counts.account > limits.perAccount) {
    return { allowed: false, scope: 'account', retryAfterS: Math.max(1, counts.accountTtlS) };
  }
  if (counts.ip > limits.perIp) {
    return { allowed: false, scope: 'ip', retryAfterS: Math.max(1, counts.ipTtlS) };
  }
  return { allowed: true };
}

export const ACCOUNT_KEY_PREFIX = 'login-attempts:account:';
export const IP_KEY_PREFIX = 'login-attempts:ip:';
