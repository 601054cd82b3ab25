// The service contract's calls (DESIGN.md, "Contract between suite and service"), one function each.
// Every request carries a `name` tag, and a response callback that says which answers are correct for
// that kind of call, so http_req_failed counts only wrong answers: a 401 for a revoked token or a wrong
// password and a 429 from the login limiter are the service doing its job.
import { sleep } from 'k6';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import type { Account } from './accounts.ts';
import type { SuiteConfig } from './config.ts';
import { loginsRateLimited, revocationChecks, revokedTokenAccepted } from './metrics.ts';
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
 * `strict`: Redis is up, so every call has exactly one right answer.
 * `storeOutage`: the failover drill; while Redis is down, 503 is the correct fail-closed answer
 * from every call that needs it (and from a login limiter that fails closed).
 */
export type Expectations = 'strict' | 'storeOutage';

const STRICT = {
  login: http.expectedStatuses(200, 429),
  login_bad_password: http.expectedStatuses(401, 429),
  protected: http.expectedStatuses(200),
  protected_revoked: http.expectedStatuses(401),
  protected_invalid: http.expectedStatuses(401),
  logout: http.expectedStatuses(200, 204),
  health: http.expectedStatuses(200),
};

const STORE_OUTAGE: typeof STRICT = {
  login: http.expectedStatuses(200, 429, 503),
  login_bad_password: http.expectedStatuses(401, 429, 503),
  protected: http.expectedStatuses(200, 503),
  protected_revoked: http.expectedStatuses(401, 503),
  protected_invalid: http.expectedStatuses(401, 503),
  logout: http.expectedStatuses(200, 204, 503),
  health: http.expectedStatuses(200, 503),
};

const WORKER_HEADER = 'X-Worker-Id';
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
}

export interface Answer {
  status: number;
  /** Which service worker answered, when the service says (the reference service always does). */
  workerId: string | undefined;
}

function answerOf(response: RefinedResponse<ResponseType | undefined>): Answer {
  countIfSteady();
  const workerId = response.headers[WORKER_HEADER];
  return { status: response.status, workerId: workerId === undefined ? undefined : String(workerId) };
}

function retryAfterS(response: RefinedResponse<ResponseType | undefined>): number {
  const seconds = Number(response.headers['Retry-After']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_S) : 1;
}

function sessionFrom(body: string | null, nowMs: number): Session | undefined {
  try {
    const parsed = JSON.parse(body ?? '') as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== 'string') return undefined;
    const lifetimeMs = typeof parsed.expires_in === 'number' ? parsed.expires_in * 1000 : 15 * 60_000;
    return { token: parsed.access_token, refreshAtMs: nowMs + Math.max(0, lifetimeMs - REFRESH_MARGIN_MS) };
  } catch {
    return undefined;
  }
}

function bearer(token: string, freshConnection = false): Record<string, string> {
  // "Connection: close" makes the next request open a new connection, which a clustered service may hand
  // to another worker: that is how a check reaches a worker other than the one that stored the logout.
  return freshConnection
    ? { Authorization: `Bearer ${token}`, Connection: 'close' }
    : { Authorization: `Bearer ${token}` };
}

export function createAuthClient(config: SuiteConfig, expectations: Expectations = 'strict') {
  const expected = expectations === 'strict' ? STRICT : STORE_OUTAGE;
  const url = {
    login: `${config.baseUrl}${config.paths.login}`,
    protected: `${config.baseUrl}${config.paths.protected}`,
    logout: `${config.baseUrl}${config.paths.logout}`,
    health: `${config.baseUrl}${config.paths.health}`,
  };

  function postLogin(email: string, password: string, name: 'login' | 'login_bad_password') {
    return http.post(url.login, JSON.stringify({ email, password }), {
      headers: { 'Content-Type': 'application/json' },
      // The body carries the token; everything else is discarded (options.discardResponseBodies).
      responseType: name === 'login' ? 'text' : 'none',
      tags: { name },
      responseCallback: expected[name],
    });
  }

  /** Logs in, waiting out the limiter a bounded number of times; undefined when no token was issued. */
  function login(account: Account): Session | undefined {
    for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
      const response = postLogin(account.email, account.password, 'login');
      const answer = answerOf(response);
      if (answer.status === 200) return sessionFrom(response.body as string | null, Date.now());
      if (answer.status !== 429) return undefined;
      if (attempt === LOGIN_ATTEMPTS) break;
      sleep(retryAfterS(response));
    }
    loginsRateLimited.add(1);
    return undefined;
  }

  /** A login the service must refuse (401), or rate-limit (429). Counts toward the account's limiter. */
  function loginWithWrongPassword(account: Account): Answer {
    return answerOf(postLogin(account.email, `${account.password}-wrong`, 'login_bad_password'));
  }

  function callProtected(session: Session): Answer {
    return answerOf(
      http.get(url.protected, {
        headers: bearer(session.token),
        tags: { name: 'protected' },
        responseCallback: expected.protected,
      }),
    );
  }

  /** A token the service must refuse (401). */
  function callProtectedWithInvalidToken(token: string): Answer {
    return answerOf(
      http.get(url.protected, {
        headers: bearer(token),
        tags: { name: 'protected_invalid' },
        responseCallback: expected.protected_invalid,
      }),
    );
  }

  /**
   * A token whose logout succeeded: must be refused (401). A 200 is the defect the suite exists to
   * catch, so besides failing the request it is counted on its own.
   */
  function callProtectedWithRevokedToken(token: string, freshConnection = true): Answer {
    const answer = answerOf(
      http.get(url.protected, {
        headers: bearer(token, freshConnection),
        tags: { name: 'protected_revoked' },
        responseCallback: expected.protected_revoked,
      }),
    );
    revocationChecks.add(1);
    if (answer.status === 200) revokedTokenAccepted.add(1);
    return answer;
  }

  /** Succeeds (200/204) only once the revocation is stored; `revoked` says whether it was. */
  function logout(session: Session): Answer & { revoked: boolean } {
    const answer = answerOf(
      http.post(url.logout, null, {
        // Closing here makes the following revocation check start on a new connection.
        headers: bearer(session.token, true),
        tags: { name: 'logout' },
        responseCallback: expected.logout,
      }),
    );
    return { ...answer, revoked: answer.status === 200 || answer.status === 204 };
  }

  function health(): Answer {
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
