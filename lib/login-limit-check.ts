// The shared login limit, checked once per run: LOGIN_LIMIT_PER_ACCOUNT + 1 wrong-password logins for one
// account of its own (so no virtual user is locked out), each on a new connection so a clustered service
// spreads them over its workers. A limiter counted in each worker's memory never reaches the limit.
import exec from 'k6/execution';
import http from 'k6/http';
import { emailFor } from './accounts.ts';
import { limitEnforced, parseLoginLimit } from './login-limit-setting.ts';
import { loginLimitBypassed } from './metrics.ts';
import { config } from './run-config.ts';

const limit = parseLoginLimit(__ENV.LOGIN_LIMIT_PER_ACCOUNT);

/**
 * Runs the check in the scenario's first iteration, whichever virtual user has it (not "VU 1": with the
 * Redis monitor on, VU 1 may belong to the monitor's scenario); every other call returns at once.
 */
export function checkLoginLimitOnce(): void {
  if (limit === undefined || exec.scenario.iterationInTest !== 0) return;
  // An account name no virtual user has, and a new one per run, so earlier runs' counts do not help.
  const email = emailFor(Date.now(), { ...config.accounts, prefix: `${config.accounts.prefix}limit-check-` });
  const statuses: number[] = [];
  for (let attempt = 0; attempt <= limit && !limitEnforced(statuses); attempt++) {
    const response = http.post(
      `${config.baseUrl}${config.paths.login}`,
      JSON.stringify({ email, password: `${config.accounts.password}-wrong` }),
      {
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        responseType: 'none',
        tags: { name: 'login_bad_password' },
        responseCallback: http.expectedStatuses(401, 429),
      },
    );
    statuses.push(response.status);
  }
  if (limitEnforced(statuses)) {
    console.log(`login limit: 429 after ${statuses.length} wrong-password logins for one account`);
  } else {
    loginLimitBypassed.add(1);
    console.warn(
      `login limit: ${statuses.length} wrong-password logins for one account got no 429 ` +
        `(LOGIN_LIMIT_PER_ACCOUNT=${limit}); answers: ${statuses.join(', ')}`,
    );
  }
}
