// The service contract's calls (lib/contract.ts), one function each, as the knobs describe them.
// Every request carries a `name` tag, and a response callback that says which answers are correct for
// that kind of call, so http_req_failed counts only wrong answers: a refusal of a revoked token or a wrong
// password, and a 429 to the limit check's deliberate wrong passwords, are the service doing its job. A 429
// to an ordinary user's login is not: that user got no token, so it counts as a failed request and as a
// failed login (login_success_rate).
import { sleep } from 'k6';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import type { SuiteConfig } from '../config.ts';
import {
  type Account,
  type ExpirySource,
  isSuccess,
  issuedToken,
  loginRequest,
  WRONG_PASSWORD_REFUSALS,
} from '../contract.ts';
import { jwtClaims } from './jwt.ts';
import {
  loginAttempts,
  loginSuccess,
  loginsRateLimited,
  revocationChecks,
  revokedTokenAccepted,
} from './metrics.ts';
import { countIfSteady } from './steady-window.ts';

export type RequestName =
  | 'login'
  | 'login_bad_password'
  | 'protected'
  | 'protected_revoked'
  | 'protected_invalid'
  | 'logout'
  | 'health';

/**
 * `strict`: Redis is up, so every call has exactly one kind of right answer.
 * `storeOutage`: the failover drill; while Redis is down, 503 is the correct fail-closed answer
 * from every call that needs it (and from a login limiter that fails closed).
 */
export type Expectations = 'strict' | 'storeOutage';

const SUCCESS = { min: 200, max: 299 };
const FAIL_CLOSED = 503;

type ExpectedStatus = number | { min: number; max: number };

function expectations(refused: number[], outage: boolean) {
  const plus = (...statuses: ExpectedStatus[]) =>
    http.expectedStatuses(...(outage ? [...statuses, FAIL_CLOSED] : statuses));
  return {
    login: plus(SUCCESS),
    login_bad_password: plus(...WRONG_PASSWORD_REFUSALS, 429),
    protected: plus(SUCCESS),
    protected_revoked: plus(...refused),
    protected_invalid: plus(...refused),
    logout: plus(SUCCESS),
    health: plus(SUCCESS),
  };
}

/** Attempts per login when the limiter answers 429; each waits out Retry-After first. */
const LOGIN_ATTEMPTS = 3;
/** Cap on one Retry-After wait, so a user still ends within the scenario's graceful stop. */
const MAX_RETRY_AFTER_S = 5;
/** Re-login this long before the token expires, so a long run never sends an expired token. */
const REFRESH_MARGIN_MS = 30_000;

export interface Session {
  token: string;
  /** Epoch ms after which the session should log in again instead of using the token. */
  refreshAtMs: number;
  expirySource: ExpirySource;
}

export interface Answer {
  status: number;
  /** Which service worker answered, when the service says (WORKER_HEADER). */
  workerId: string | undefined;
}

/** k6 hands response headers over in Go's canonical form (X-Served-By), whatever the knob's spelling. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/** A 429's Retry-After in seconds, at most `capS` (1 s when the header is missing or unreadable). */
export function retryAfterS(response: { headers: Record<string, string> }, capS = MAX_RETRY_AFTER_S): number {
  const seconds = Number(response.headers['Retry-After']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, capS) : 1;
}

export function sessionFrom(
  config: SuiteConfig,
  body: string | null,
  nowMs: number,
): Session | { problem: string } {
  const { tokenField, expiresField } = config.contract;
  const issued = issuedToken(body, tokenField, expiresField, jwtClaims, nowMs);
  if ('problem' in issued) return issued;
  return {
    token: issued.token,
    refreshAtMs: nowMs + Math.max(0, issued.lifetimeS * 1000 - REFRESH_MARGIN_MS),
    expirySource: issued.expirySource,
  };
}

function bearer(token: string, freshConnection = false): Record<string, string> {
  // "Connection: close" makes the next request open a new connection, which a clustered service may hand
  // to another worker: that is how a check reaches a worker other than the one that stored the logout.
  return freshConnection
    ? { Authorization: `Bearer ${token}`, Connection: 'close' }
    : { Authorization: `Bearer ${token}` };
}

export function createAuthClient(config: SuiteConfig, expectationsFor: Expectations = 'strict') {
  const { contract } = config;
  const expected = expectations(contract.refusedStatuses, expectationsFor === 'storeOutage');
  const workerHeader = contract.workerHeader && canonicalHeaderName(contract.workerHeader);
  // Clients are made in init, where BASE_URL may be unset (k6 inspect); setup() refuses to load without it.
  const base = config.baseUrl ?? '';
  const url = {
    login: `${base}${contract.login.path}`,
    protected: `${base}${contract.protected.path}`,
    logout: `${base}${contract.logout.path}`,
    health: `${base}${contract.healthPath ?? '/'}`,
  };

  function answerOf(response: RefinedResponse<ResponseType | undefined>): Answer {
    countIfSteady();
    const workerId = workerHeader === undefined ? undefined : response.headers[workerHeader];
    return { status: response.status, workerId: workerId === undefined ? undefined : String(workerId) };
  }

  function postLogin(account: Account, name: 'login' | 'login_bad_password', freshConnection = false) {
    const request = loginRequest(contract, account);
    return http.request(request.method, url.login, request.body, {
      headers: freshConnection ? { ...request.headers, Connection: 'close' } : request.headers,
      // The body carries the token; everything else is discarded (options.discardResponseBodies).
      responseType: name === 'login' ? 'text' : 'none',
      tags: { name },
      responseCallback: expected[name],
    });
  }

  /** One login attempt, counted for login_success_rate: did it return a usable token? */
  function attemptLogin(account: Account) {
    const response = postLogin(account, 'login');
    const { status } = answerOf(response);
    const issued = isSuccess(status)
      ? sessionFrom(config, response.body as string | null, Date.now())
      : undefined;
    const session = issued === undefined || 'problem' in issued ? undefined : issued;
    loginAttempts.add(1);
    loginSuccess.add(session !== undefined);
    return { response, status, session };
  }

  /** Logs in, waiting out the limiter a bounded number of times; undefined when no token was issued. */
  function login(account: Account): Session | undefined {
    for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
      const { response, status, session } = attemptLogin(account);
      if (session !== undefined || status !== 429) return session;
      if (attempt === LOGIN_ATTEMPTS) break;
      sleep(retryAfterS(response));
    }
    loginsRateLimited.add(1);
    return undefined;
  }

  /**
   * A login the service must refuse, or rate-limit (429). Counts toward the account's limiter; on a fresh
   * connection, a clustered service may hand it to another worker.
   */
  function loginWithWrongPassword(account: Account, freshConnection = false): Answer {
    const wrong = { ...account, password: `${account.password}-wrong` };
    return answerOf(postLogin(wrong, 'login_bad_password', freshConnection));
  }

  function callProtected(session: Session): Answer {
    return answerOf(
      http.request(contract.protected.method, url.protected, null, {
        headers: bearer(session.token),
        tags: { name: 'protected' },
        responseCallback: expected.protected,
      }),
    );
  }

  /** A token the service must refuse (REVOKED_STATUS). */
  function callProtectedWithInvalidToken(token: string): Answer {
    return answerOf(
      http.request(contract.protected.method, url.protected, null, {
        headers: bearer(token),
        tags: { name: 'protected_invalid' },
        responseCallback: expected.protected_invalid,
      }),
    );
  }

  /**
   * A token whose logout succeeded: must be refused. A success is the defect the suite exists to catch, so
   * besides failing the request it is counted on its own.
   */
  function callProtectedWithRevokedToken(token: string, freshConnection = true): Answer {
    const answer = answerOf(
      http.request(contract.protected.method, url.protected, null, {
        headers: bearer(token, freshConnection),
        tags: { name: 'protected_revoked' },
        responseCallback: expected.protected_revoked,
      }),
    );
    revocationChecks.add(1);
    if (isSuccess(answer.status)) revokedTokenAccepted.add(1);
    return answer;
  }

  /** Succeeds (2xx) only once the revocation is stored; `revoked` says whether it was. */
  function logout(session: Session): Answer & { revoked: boolean } {
    const answer = answerOf(
      http.request(contract.logout.method, url.logout, null, {
        // Kept open: the first revocation check then reaches the worker that answered this user's earlier
        // calls and the logout, the one a per-worker cache of "not revoked" would let the token through.
        headers: bearer(session.token),
        tags: { name: 'logout' },
        responseCallback: expected.logout,
      }),
    );
    return { ...answer, revoked: isSuccess(answer.status) };
  }

  /** undefined when the service has no health endpoint (HEALTH_PATH=). */
  function health(): Answer | undefined {
    if (contract.healthPath === undefined) return undefined;
    return answerOf(http.get(url.health, { tags: { name: 'health' }, responseCallback: expected.health }));
  }

  return {
    login,
    loginWithWrongPassword,
    callProtected,
    callProtectedWithInvalidToken,
    callProtectedWithRevokedToken,
    logout,
    health,
  };
}

export type AuthClient = ReturnType<typeof createAuthClient>;
