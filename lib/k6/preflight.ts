// Checks made once in setup(), before any virtual user starts: is the service there, do the test accounts'
// credentials work, and does the login answer carry a token where TOKEN_FIELD says? A wrong BASE_URL or
// USER_PASSWORD otherwise shows up as a wall of failed requests from every user; here it stops the run
// (exec.test.abort, exit 108) with one sentence naming the knob to change.

import { sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { SuiteConfig } from '../config.ts';
import { type Account, type ExpirySource, loginRequest } from '../contract.ts';
import { retryAfterS, sessionFrom } from './auth-client.ts';
import { accountForVu, MissingPasswordError } from './test-accounts.ts';

const PREFLIGHT_TIMEOUT = '5s';
// The verdict on these calls is the abort below, not http_req_failed.
const ANY_ANSWER = http.expectedStatuses({ min: 100, max: 599 });

export interface PreflightFindings {
  expirySource: ExpirySource;
}

function unreachable(baseUrl: string, error: string, request: string): never {
  exec.test.abort(`preflight: BASE_URL is unreachable: ${baseUrl}: ${error} (${request})`);
  throw new Error('unreachable'); // exec.test.abort does not return
}

function checkHealth(baseUrl: string, path: string): void {
  const url = `${baseUrl}${path}`;
  const response = http.get(url, {
    timeout: PREFLIGHT_TIMEOUT,
    tags: { name: 'preflight_health' },
    responseCallback: ANY_ANSWER,
  });
  if (response.status === 0) unreachable(baseUrl, String(response.error), `GET ${url}`);
  if (response.status === 404) {
    exec.test.abort(
      `preflight: health endpoint not found: GET ${url} answered 404: check BASE_URL and HEALTH_PATH ` +
        '(HEALTH_PATH= when the service has no health endpoint)',
    );
  }
  if (response.status < 200 || response.status >= 300) {
    console.warn(`preflight: GET ${url} answered ${response.status}; the service reports itself degraded`);
  }
}

/**
 * Logs in as the run's last user: if the service lacks that account (USER_COUNT, USER_OFFSET or ACCOUNTS_FILE
 * wrong), the run would fail anyway, and one login on it costs user 1's per-account limit nothing when tests
 * run back to back. Without a health endpoint this login is also the reachability check.
 */
/** Preflight logins while the limiter answers 429, each after waiting out its Retry-After. */
const PREFLIGHT_LOGIN_ATTEMPTS = 3;
/** Longest Retry-After preflight honours; a limiter that wants longer is named in the abort instead. */
const MAX_PREFLIGHT_WAIT_S = 10;

function checkLogin(config: SuiteConfig, baseUrl: string, account: Account): PreflightFindings {
  const request = loginRequest(config.contract, account);
  const what = `${request.method} ${request.path} as ${account.email}`;
  const send = () =>
    http.request(request.method, `${baseUrl}${request.path}`, request.body, {
      headers: request.headers,
      timeout: PREFLIGHT_TIMEOUT,
      responseType: 'text',
      tags: { name: 'preflight_login' },
      responseCallback: ANY_ANSWER,
    });
  let response = send();
  for (let attempt = 1; response.status === 429 && attempt < PREFLIGHT_LOGIN_ATTEMPTS; attempt++) {
    sleep(retryAfterS(response, MAX_PREFLIGHT_WAIT_S));
    response = send();
  }
  if (response.status === 0) unreachable(baseUrl, String(response.error), what);
  if (response.status === 429) {
    // Every user would meet the same limiter: a run now would measure the limiter, not the service.
    exec.test.abort(
      `preflight: login stayed rate-limited (429) after ${PREFLIGHT_LOGIN_ATTEMPTS} attempts that ` +
        `waited out Retry-After (${what}): ` +
        "the service's login limiter refuses the test accounts, so no user can log in, so login_success_rate " +
        'and every revocation criterion would go unmeasured. Wait for its window to pass, or use accounts no ' +
        'earlier run has spent (USER_OFFSET, or ACCOUNTS_FILE)',
    );
  }
  if (response.status < 200 || response.status >= 300) {
    exec.test.abort(
      `preflight: login failed: ${what} answered ${response.status}: check USER_PASSWORD ` +
        '(or ACCOUNTS_FILE), USER_PREFIX, USER_DOMAIN, USER_OFFSET, USER_COUNT, LOGIN_METHOD, LOGIN_PATH, ' +
        'LOGIN_BODY and LOGIN_CONTENT_TYPE',
    );
  }
  const session = sessionFrom(config, response.body as string | null, Date.now());
  if ('problem' in session) {
    exec.test.abort(
      `preflight: login answer unusable: ${what} answered ${response.status}, but ${session.problem}`,
    );
  }
  const found = session as Exclude<typeof session, { problem: string }>;
  if (found.expirySource === 'default') {
    console.warn(
      `preflight: the login answer states no lifetime (EXPIRES_FIELD) and the token has no exp claim; ` +
        'sessions are renewed as if tokens lived 15 minutes',
    );
  }
  return { expirySource: found.expirySource };
}

/** The run's last account, or an abort naming the missing password, before any request is sent. */
async function lastAccount(users: number): Promise<Account> {
  try {
    return await accountForVu(users);
  } catch (error) {
    if (error instanceof MissingPasswordError) exec.test.abort(`preflight: no password: ${error.message}`);
    throw error;
  }
}

export async function preflight(config: SuiteConfig, users: number): Promise<PreflightFindings> {
  const baseUrl = config.baseUrl;
  if (baseUrl === undefined) {
    exec.test.abort('BASE_URL is required: the service under test, e.g. -e BASE_URL=http://127.0.0.1:8080');
    throw new Error('BASE_URL is required');
  }
  const account = await lastAccount(users);
  if (config.contract.healthPath !== undefined) checkHealth(baseUrl, config.contract.healthPath);
  return checkLogin(config, baseUrl, account);
}
