// `k6 run build/contract.js`: sends each kind of request the load tests send, once (walkContract), judges
// each answer as they would, and says what it found and, for each step that failed, which knob setting
// fixes it or why none can. Runs in setup() so handleSummary can print the findings as one readable list.
import http from 'k6/http';
import { jwtShapedFields } from '../contract/token-field-guess.ts';
import { workerHeaderCandidates } from '../contract/worker-header.ts';
import {
  describeTtlPolicy,
  isSuccess,
  judgeRevocationTtl,
  judgeTokenRefusal,
  judgeWrongPassword,
  loginRequest,
  revokedStatusSetting,
} from '../contract.ts';
import { unsignedToken } from '../forged-tokens.ts';
import { tamperedToken } from '../tampered-token.ts';
import { canonicalHeaderName, sessionFrom } from './auth-client.ts';
import { denylistEntryFor } from './denylist-entry.ts';
import { jwtClaims } from './jwt.ts';
import { contractProblems } from './metrics.ts';
import { redisClient } from './redis-client.ts';
import { config } from './run-config.ts';
import { accountForVu } from './test-accounts.ts';

export interface Finding {
  step: string;
  ok: boolean;
  /** What was seen. */
  detail: string;
  /** For a failed step: what to change. */
  fix?: string;
}

const TIMEOUT = '10s';
const ANY = http.expectedStatuses({ min: 100, max: 599 });

function params(name: string, headers: Record<string, string> = {}) {
  return {
    headers,
    timeout: TIMEOUT,
    responseType: 'text' as const,
    tags: { name: `contract_${name}` },
    responseCallback: ANY,
  };
}

const EXPIRY_WORDS = {
  field: `from the login answer's "${config.contract.expiresField}" (EXPIRES_FIELD)`,
  claim: "from the token's exp claim (the login answer has no EXPIRES_FIELD)",
  default: 'not stated (no EXPIRES_FIELD, no exp claim): the suite assumes 15 minutes',
};

/** Claims worth showing: everything but long values, which are cut (they can be large and are not needed). */
function describeClaims(claims: Record<string, unknown> | undefined): string {
  if (claims === undefined)
    return 'not a JWT (opaque token): the probe can only use {token} or {token_sha256}';
  return Object.entries(claims)
    .map(([name, value]) => `${name}=${String(JSON.stringify(value)).slice(0, 40)}`)
    .join(', ');
}

/** Keys whose name holds `needle`, so a user whose REVOCATION_KEY is wrong sees what the service wrote. */
async function keysHolding(redis: NonNullable<Awaited<ReturnType<typeof redisClient>>>, needle: string) {
  const found: string[] = [];
  let cursor = '0';
  for (let round = 0; round < 50 && found.length < 5; round++) {
    const reply = (await redis.sendCommand(
      'SCAN',
      cursor,
      'MATCH',
      `*${needle}*`,
      'COUNT',
      1000,
    )) as unknown[];
    cursor = String(reply[0]);
    found.push(...((reply[1] as unknown[]) ?? []).map(String));
    if (cursor === '0') break;
  }
  return found.slice(0, 5);
}

async function checkRedis(token: string, findings: Finding[]): Promise<void> {
  const { revocationKey, revocationTtl } = config.contract;
  const { claims, derived, tokenExpS } = denylistEntryFor(token);
  if ('missing' in derived) {
    findings.push({
      step: 'denylist key',
      ok: false,
      detail: `REVOCATION_KEY "${revocationKey}" needs ${derived.missing.map((n) => `{${n}}`).join(', ')}, which the token lacks`,
      fix: 'set REVOCATION_KEY to the key your service writes, from {jti} {iss} {sub} {token} {token_sha256}',
    });
    return;
  }
  // The raw token is a credential: show its key shape, not the token itself.
  const shown = derived.key.replace(token, '<token>');
  const redis = await redisClient();
  if (redis === undefined) return;
  const present = (await redis.exists(derived.key)) === 1;
  if (!present) {
    const jti = typeof claims?.jti === 'string' ? claims.jti : undefined;
    const near = jti === undefined ? [] : await keysHolding(redis, jti);
    findings.push({
      step: 'denylist key',
      ok: false,
      detail:
        `Redis holds no "${shown}"` +
        (near.length > 0 ? `; keys holding the token's jti: ${near.join(', ')}` : ''),
      fix: 'set REVOCATION_KEY to the key your service writes (and REDIS_URL to its Redis)',
    });
    return;
  }
  const pttlMs = Number(await redis.sendCommand('PTTL', derived.key));
  const ttl = judgeRevocationTtl(revocationTtl, pttlMs, tokenExpS, Date.now());
  findings.push({ step: 'denylist key', ok: true, detail: `Redis holds "${shown}"` });
  findings.push({
    step: 'denylist expiry',
    ok: ttl.ok,
    detail: `expires in ${pttlMs < 0 ? `never (PTTL ${pttlMs})` : `${(pttlMs / 1000).toFixed(1)} s`}; expected ${ttl.expected}`,
    ...(ttl.ok
      ? {}
      : {
          fix: `REVOCATION_TTL is ${describeTtlPolicy(revocationTtl)}: set token, any or the seconds your service uses`,
        }),
  });
}

/** A step whose answer must refuse a token; its fix waits until every such answer is known. */
interface TokenRefusal {
  finding: Finding;
  status: number;
  /** What the token was, for the case the service accepted it. */
  token: string;
}

/**
 * Judges every token refusal against REVOKED_STATUS together, so each mismatch names the one setting
 * that covers all the statuses the service refused with (e.g. 401 for revoked, 422 for forged tokens).
 */
function judgeTokenRefusals(refusals: TokenRefusal[], protectedCallOk: boolean): void {
  const current = config.contract.refusedStatuses;
  if (!protectedCallOk) {
    // A wrong path answers every token alike (404, 405): that is no refusal to add to REVOKED_STATUS.
    for (const { finding, status } of refusals) {
      finding.ok = current.includes(status);
      if (!finding.ok) finding.fix = 'none until the protected call with the valid token succeeds (above)';
    }
    return;
  }
  const setting = revokedStatusSetting(
    current,
    refusals.map((refusal) => refusal.status),
  );
  for (const { finding, status, token } of refusals) {
    const verdict = judgeTokenRefusal(current, status, setting, token);
    finding.ok = verdict.ok;
    if (!verdict.ok) finding.fix = verdict.fix;
  }
}

/** TOKEN_FIELD, with the field to try when the answer holds one JWT-shaped string elsewhere. */
function tokenFieldFix(body: string): string {
  const [field] = jwtShapedFields(body);
  return field === undefined ? 'TOKEN_FIELD' : `TOKEN_FIELD=${field} (the answer's JWT-shaped field)`;
}

/** A suggestion when the answer carried a header that may name its worker, else nothing. */
function workerHint(headers: Record<string, string | undefined>): string {
  const candidates = workerHeaderCandidates(headers);
  if (candidates.length === 0) return '';
  const name = candidates[0].split(':')[0];
  return `; the answer carried ${candidates.join(', ')}: if that names the process, set WORKER_HEADER=${name}`;
}

/**
 * Sends every kind of request the load tests send, once, in the order a user would: health, login, a
 * login with a wrong password, the protected call with the token, with the token re-labelled alg none
 * (smoke) and with its signature altered (mixed), logout, and the revoked token on a fresh connection;
 * then, with REDIS_URL, the denylist entry. Each answer is judged as the load tests judge it.
 */
export async function walkContract(): Promise<Finding[]> {
  const findings: Finding[] = [];
  const tokenRefusals: TokenRefusal[] = [];
  await walk(findings, tokenRefusals);
  const protectedCallOk = findings.some((finding) => finding.step === 'protected call' && finding.ok);
  judgeTokenRefusals(tokenRefusals, protectedCallOk);
  // Counted here, after every early return, so a walk that stopped at a failed step fails the run too.
  for (const finding of findings) if (!finding.ok) contractProblems.add(1);
  return findings;
}

async function walk(findings: Finding[], tokenRefusals: TokenRefusal[]): Promise<void> {
  const fail = (finding: Omit<Finding, 'ok'>) => findings.push({ ...finding, ok: false });
  const { contract } = config;
  const base = config.baseUrl;
  if (base === undefined) {
    fail({ step: 'service', detail: 'BASE_URL is not set', fix: '-e BASE_URL=http://host:port' });
    return;
  }
  if (contract.healthPath !== undefined) {
    const health = http.get(`${base}${contract.healthPath}`, params('health'));
    const ok = isSuccess(health.status);
    findings.push({
      step: 'health',
      ok,
      detail: `GET ${contract.healthPath} answered ${health.status || health.error}`,
      ...(ok ? {} : { fix: 'check BASE_URL; HEALTH_PATH= (empty) when the service has no health endpoint' }),
    });
  } else {
    findings.push({ step: 'health', ok: true, detail: 'none (HEALTH_PATH=): the login proves reachability' });
  }

  const account = await accountForVu(1).catch((error: Error) => {
    fail({ step: 'account', detail: error.message, fix: 'USER_PASSWORD or ACCOUNTS_FILE' });
    return undefined;
  });
  if (account === undefined) return;
  const request = loginRequest(contract, account);
  const login = http.request(
    request.method,
    `${base}${request.path}`,
    request.body,
    params('login', request.headers),
  );
  const what = `${request.method} ${request.path} as ${account.email}`;
  if (login.status === 429) {
    fail({
      step: 'login',
      detail: `${what} was rate-limited (429)`,
      fix: 'wait out the limiter (Retry-After), or use another account: USER_OFFSET',
    });
    return;
  }
  if (!isSuccess(login.status)) {
    fail({
      step: 'login',
      detail: `${what} answered ${login.status || login.error}`,
      fix: 'LOGIN_METHOD, LOGIN_PATH, LOGIN_BODY, LOGIN_CONTENT_TYPE, USER_PASSWORD / ACCOUNTS_FILE, USER_PREFIX, USER_DOMAIN, USER_OFFSET (accounts numbered from 1: USER_OFFSET=1)',
    });
    return;
  }
  const session = sessionFrom(config, login.body as string, Date.now());
  if ('problem' in session) {
    fail({
      step: 'login',
      detail: `${what} answered ${login.status}, but ${session.problem}`,
      fix: tokenFieldFix(login.body as string),
    });
    return;
  }
  findings.push({
    step: 'login',
    ok: true,
    detail: `${what} answered ${login.status}; token at "${contract.tokenField}"`,
  });
  findings.push({ step: 'token claims', ok: true, detail: describeClaims(jwtClaims(session.token)) });
  findings.push({ step: 'token lifetime', ok: true, detail: EXPIRY_WORDS[session.expirySource] });

  // After the real login, so a limiter that counts failures cannot refuse that one. As the load tests
  // send it (lib/k6/auth-client.ts): the account's own password with a suffix.
  const wrong = loginRequest(contract, { ...account, password: `${account.password}-wrong` });
  const refusedLogin = http.request(
    wrong.method,
    `${base}${wrong.path}`,
    wrong.body,
    params('wrong_password', wrong.headers),
  );
  const wrongPassword = judgeWrongPassword(refusedLogin.status);
  findings.push({
    step: 'wrong password',
    ok: wrongPassword.ok,
    detail: `${what} with a wrong password answered ${refusedLogin.status || refusedLogin.error}`,
    ...(wrongPassword.ok ? {} : { fix: wrongPassword.fix }),
  });

  const protectedCall = `${contract.protected.method} ${contract.protected.path}`;
  const callWith = (token: string, name: string, freshConnection = false) =>
    http.request(
      contract.protected.method,
      `${base}${contract.protected.path}`,
      null,
      params(name, {
        Authorization: `Bearer ${token}`,
        ...(freshConnection ? { Connection: 'close' } : {}),
      }),
    );
  const refusalMeans = `refusal means ${contract.refusedStatuses.join(' or ')} (REVOKED_STATUS)`;
  /** A token the service must refuse: judged once every such answer is in (judgeTokenRefusals). */
  const expectRefusal = (step: string, token: string, described: string, freshConnection = false) => {
    const answer = callWith(token, step.replace(/ /g, '_'), freshConnection);
    const finding: Finding = {
      step,
      ok: true,
      detail: `${protectedCall} with ${described} answered ${answer.status || answer.error}; ${refusalMeans}`,
    };
    findings.push(finding);
    tokenRefusals.push({ finding, status: answer.status, token: described });
  };

  const call = callWith(session.token, 'protected');
  const callOk = isSuccess(call.status);
  findings.push({
    step: 'protected call',
    ok: callOk,
    detail: `${protectedCall} with the token answered ${call.status || call.error}`,
    ...(callOk ? {} : { fix: 'PROTECTED_METHOD, PROTECTED_PATH (and TOKEN_FIELD: is it the access token?)' }),
  });
  const header = contract.workerHeader;
  const worker = header === undefined ? undefined : call.headers[canonicalHeaderName(header)];
  findings.push({
    step: 'worker header',
    ok: true,
    detail:
      header === undefined
        ? 'not expected (WORKER_HEADER=): state-sync checks over fresh connections without naming workers'
        : worker === undefined
          ? `no ${header} header came back: state-sync will report "workers not identified" (WORKER_HEADER= to say so up front)${workerHint(call.headers)}`
          : `${header}: ${worker}`,
  });
  // The forgeries smoke and mixed send (lib/forged-tokens.ts), made from this session's token.
  expectRefusal('unsigned token', unsignedToken(session.token), 'an unsigned copy of the token (alg none)');
  expectRefusal(
    'tampered token',
    tamperedToken(session.token),
    'a copy of the token with an altered signature',
  );

  const logout = http.request(
    contract.logout.method,
    `${base}${contract.logout.path}`,
    null,
    params('logout', { Authorization: `Bearer ${session.token}`, Connection: 'close' }),
  );
  if (!isSuccess(logout.status)) {
    fail({
      step: 'logout',
      detail: `${contract.logout.method} ${contract.logout.path} answered ${logout.status || logout.error}`,
      fix: 'LOGOUT_METHOD, LOGOUT_PATH',
    });
    return;
  }
  findings.push({
    step: 'logout',
    ok: true,
    detail: `${contract.logout.method} ${contract.logout.path} answered ${logout.status}`,
  });

  expectRefusal('revoked token', session.token, 'the revoked token on a fresh connection', true);
  if (config.redis === undefined) {
    findings.push({ step: 'denylist key', ok: true, detail: 'not checked: REDIS_URL is not set' });
  } else {
    try {
      await checkRedis(session.token, findings);
    } catch (error) {
      fail({
        step: 'denylist key',
        detail: `Redis: ${String(error)}`,
        fix: 'REDIS_URL (and REDIS_PASSWORD)',
      });
    }
  }
}

/** The findings as the console shows them. */
export function renderFindings(findings: Finding[]): string {
  const width = Math.max(...findings.map((finding) => finding.step.length));
  const lines = findings.map((finding) => {
    const head = `${finding.ok ? 'ok  ' : 'FAIL'}  ${finding.step.padEnd(width)}  ${finding.detail}`;
    return finding.fix === undefined ? head : `${head}\n      ${' '.repeat(width)}  -> ${finding.fix}`;
  });
  const failed = findings.filter((finding) => !finding.ok).length;
  const verdict =
    failed === 0
      ? 'contract: every step as configured'
      : `contract: ${failed} step(s) differ from the configuration`;
  return `\nauth-loadtest contract check against ${config.baseUrl ?? '(no BASE_URL)'}\n\n${lines.join('\n')}\n\n${verdict}\n\n`;
}
