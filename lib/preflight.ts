// Checks made once in setup(), before any virtual user starts: is the service there, and do the test
// accounts' credentials work? A wrong BASE_URL or USER_PASSWORD otherwise shows up as a wall of failed
// requests from every user; here it stops the run (exec.test.abort, exit 108) with one clear sentence.
import exec from 'k6/execution';
import http from 'k6/http';
import { accountFor } from './accounts.ts';
import type { SuiteConfig } from './config.ts';

const PREFLIGHT_TIMEOUT = '5s';
// The verdict on these calls is the abort below, not http_req_failed.
const ANY_ANSWER = http.expectedStatuses({ min: 100, max: 599 });

function checkReachable(config: SuiteConfig): void {
  const url = `${config.baseUrl}${config.paths.health}`;
  const response = http.get(url, {
    timeout: PREFLIGHT_TIMEOUT,
    tags: { name: 'preflight_health' },
    responseCallback: ANY_ANSWER,
  });
  if (response.status === 0) {
    exec.test.abort(`BASE_URL ${config.baseUrl} is unreachable: ${response.error} (GET ${url})`);
  }
  if (response.status === 404) {
    exec.test.abort(`GET ${url} answered 404: check BASE_URL and HEALTH_PATH`);
  }
  if (response.status !== 200) {
    console.warn(`preflight: GET ${url} answered ${response.status}; the service reports itself degraded`);
  }
}

/**
 * Logs in as the run's last user: if the service lacks that account (USER_COUNT or USER_OFFSET wrong),
 * the run would fail anyway, and one login on it costs user 1's per-account limit nothing when tests run
 * back to back.
 */
function checkCredentials(config: SuiteConfig, users: number): void {
  const account = accountFor(users, config.accounts);
  const response = http.post(
    `${config.baseUrl}${config.paths.login}`,
    JSON.stringify({ email: account.email, password: account.password }),
    {
      headers: { 'Content-Type': 'application/json' },
      timeout: PREFLIGHT_TIMEOUT,
      tags: { name: 'preflight_login' },
      responseCallback: ANY_ANSWER,
    },
  );
  if (response.status === 401 || response.status === 400 || response.status === 404) {
    exec.test.abort(
      `POST ${config.paths.login} as ${account.email} answered ${response.status}: check USER_PASSWORD, ` +
        'USER_PREFIX, USER_DOMAIN, USER_OFFSET, USER_COUNT and LOGIN_PATH',
    );
  }
}

export function preflight(config: SuiteConfig, users: number): void {
  checkReachable(config);
  checkCredentials(config, users);
}
