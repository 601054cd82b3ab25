// The per-account login limit the suite expects the service to enforce (LOGIN_LIMIT_PER_ACCOUNT, the
// same variable the reference service reads). Pure TypeScript, unit-tested in Node.
import { ConfigError } from './env.ts';
import { OPT_OUT_VALUE } from './knobs/opt-out.ts';

/** The reference service's default (server/config.ts): 10 attempts per account per window. */
export const REFERENCE_LOGIN_LIMIT = 10;

/** The one value that opts out of the shared-limit check by name (a service with no per-account limit). */
export const OPT_OUT = OPT_OUT_VALUE;

/** Whether LOGIN_LIMIT_PER_ACCOUNT is set to a limit, left unset, or explicitly `off`. */
export function loginLimitState(text: string | undefined): 'set' | 'unset' | 'off' {
  const value = text?.trim() ?? '';
  if (value === '') return 'unset';
  return value === OPT_OUT ? 'off' : 'set';
}

/**
 * Attempts allowed per account, or undefined when unset or `off`: the suite does not guess a service's limit,
 * so the check runs only when told (the plan runner tells it the embedded service's). Unset leaves the check
 * NOT RUN, which fails the gate; `off` (exactly) opts out of it.
 */
export function parseLoginLimit(text: string | undefined): number | undefined {
  const value = text?.trim() ?? '';
  if (loginLimitState(value) !== 'set') return undefined;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
    throw new ConfigError(
      'LOGIN_LIMIT_PER_ACCOUNT',
      `must be an integer from 1 to 1000, or "off" when the service has no per-account login limit; got "${value}"`,
    );
  }
  return limit;
}

/**
 * After limit + 1 wrong-password attempts on one account, spread over fresh connections, a limit shared
 * by the whole service must have answered 429 at least once; a limit counted per worker (or none) has not.
 */
export function limitEnforced(statuses: readonly number[]): boolean {
  return statuses.includes(429);
}
