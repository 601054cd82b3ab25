// Which test account a virtual user logs in as. Pure TypeScript.
// Every virtual user gets its own account, so 10,000 users use 10,000 accounts and the service's
// per-account login limiter never mistakes load-test traffic for a brute-force attack.
import type { AccountSettings } from './config.ts';

export interface Account {
  index: number;
  email: string;
  password: string;
}

/** Virtual user n (1-based, k6's exec.vu.idInTest) uses account (offset + n - 1) mod count. */
export function accountIndexFor(vuId: number, accounts: AccountSettings): number {
  return (accounts.offset + vuId - 1) % accounts.count;
}

export function emailFor(index: number, accounts: AccountSettings): string {
  return `${accounts.prefix}${index}@${accounts.domain}`;
}

export function accountFor(vuId: number, accounts: AccountSettings): Account {
  const index = accountIndexFor(vuId, accounts);
  return { index, email: emailFor(index, accounts), password: accounts.password };
}
