// The shared login limit, checked once per run: LOGIN_LIMIT_PER_ACCOUNT + 1 wrong-password logins for one
// account of its own (so no virtual user is locked out), each on a new connection so a clustered service
// spreads them over its workers, and taking turns over the clients given (the instances test passes one per
// instance). A limiter counted in each worker's or instance's memory never reaches the limit.
// Off unless LOGIN_LIMIT_PER_ACCOUNT says what the service enforces: its criterion is then absent.
import exec from 'k6/execution';
import { generatedAccount } from '../contract.ts';
import { limitEnforced } from '../login-limit-setting.ts';
import type { AuthClient } from './auth-client.ts';
import { loginLimitBypassed, loginLimitChecks } from './metrics.ts';
import { config } from './run-config.ts';

/**
 * Runs the check in the scenario's first iteration, whichever virtual user has it (not "VU 1": with the
 * Redis monitor on, VU 1 may belong to the monitor's scenario); every other call returns at once.
 */
export function checkLoginLimitOnce(clients: AuthClient[]): void {
  const limit = config.loginLimit;
  if (limit === undefined || exec.scenario.iterationInTest !== 0) return;
  // An account no virtual user has, and a new one per run, so earlier runs' counts do not help.
  const settings = { ...config.contract.accounts, prefix: `${config.contract.accounts.prefix}limit-check-` };
  const account = generatedAccount(Date.now(), settings, 'not-the-password');
  const statuses: number[] = [];
  for (let attempt = 0; attempt <= limit && !limitEnforced(statuses); attempt++) {
    statuses.push(clients[attempt % clients.length].loginWithWrongPassword(account, true).status);
  }
  loginLimitChecks.add(1);
  if (limitEnforced(statuses)) {
    console.log(
      `login limit: 429 after ${statuses.length} wrong-password logins for one account over ${clients.length} ` +
        `${clients.length === 1 ? 'URL' : 'instances'}`,
    );
  } else {
    loginLimitBypassed.add(1);
    console.warn(
      `login limit: ${statuses.length} wrong-password logins for one account got no 429 ` +
        `(LOGIN_LIMIT_PER_ACCOUNT=${limit}); answers: ${statuses.join(', ')}`,
    );
  }
}
