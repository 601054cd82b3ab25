// The service contract's knobs and the pure rules built on them: login request, token and lifetime,
// denylist key and expiry, accounts. Every real service differs from the reference one somewhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accountFromRow,
  accountIndexFor,
  generatedAccount,
  issuedToken,
  judgeRevocationTtl,
  loginRequest,
  parseAccountsCsv,
  parseContract,
  revocationKeyFor,
} from '../../lib/contract.ts';
import { ConfigError, type Env } from '../../lib/env.ts';

const sha = (text: string) => `sha(${text})`;
const account = generatedAccount(7, parseContract({}).accounts, 'p"w&d');

function rejects(env: Env, variable: string, detail?: RegExp): void {
  assert.throws(
    () => parseContract(env),
    (error: Error) => {
      assert.ok(error instanceof ConfigError, `${error}`);
      assert.ok(error.message.startsWith(`${variable} `), `"${error.message}" should name ${variable}`);
      if (detail) assert.match(error.message, detail);
      return true;
    },
  );
}

describe('contract knobs', () => {
  it('defaults to the contract of docs/contract.md', () => {
    const contract = parseContract({});
    assert.equal(contract.tokenField, 'access_token');
    assert.equal(contract.expiresField, 'expires_in');
    assert.deepEqual(contract.refusedStatuses, [401]);
    assert.equal(contract.workerHeader, 'X-Worker-Id');
    assert.deepEqual(contract.revocationTtl, { kind: 'token' });
  });

  it('reads a differently shaped service, with empty meaning "the service has none"', () => {
    const contract = parseContract({
      LOGIN_PATH: '/api/v1/sessions',
      LOGIN_BODY: '',
      TOKEN_FIELD: 'data.token',
      EXPIRES_FIELD: 'data.ttl',
      PROTECTED_METHOD: 'get',
      PROTECTED_PATH: '/api/v1/me',
      LOGOUT_METHOD: 'DELETE',
      LOGOUT_PATH: '/api/v1/sessions',
      HEALTH_PATH: '',
      REVOKED_STATUS: '401, 403',
      WORKER_HEADER: '',
      REVOCATION_KEY: '{jti}',
      REVOCATION_TTL: '600',
    });
    assert.equal(contract.login.bodyTemplate, undefined);
    assert.equal(contract.tokenField, 'data.token');
    assert.equal(contract.protected.method, 'GET');
    assert.equal(contract.logout.method, 'DELETE');
    assert.equal(contract.healthPath, undefined);
    assert.equal(contract.workerHeader, undefined);
    assert.deepEqual(contract.refusedStatuses, [401, 403]);
    assert.deepEqual(contract.revocationTtl, { kind: 'seconds', seconds: 600 });
    assert.equal(parseContract({ EXPIRES_FIELD: '' }).expiresField, undefined);
  });

  it('keeps REVOCATION_PREFIX as an alias of REVOCATION_KEY', () => {
    assert.equal(parseContract({ REVOCATION_PREFIX: 'deny' }).revocationKey, 'deny:{iss}:{jti}');
    rejects({ REVOCATION_PREFIX: 'deny', REVOCATION_KEY: '{jti}' }, 'REVOCATION_PREFIX');
  });

  it('names each bad knob', () => {
    rejects({ LOGIN_METHOD: 'FETCH' }, 'LOGIN_METHOD');
    rejects({ LOGOUT_PATH: 'logout' }, 'LOGOUT_PATH', /starting with "\/"/);
    rejects({ LOGIN_BODY: '{"user":"{user}"}' }, 'LOGIN_BODY', /unknown placeholder.*\{user\}/);
    rejects({ LOGIN_CONTENT_TYPE: 'xml' }, 'LOGIN_CONTENT_TYPE');
    rejects({ TOKEN_FIELD: 'data..token' }, 'TOKEN_FIELD');
    rejects({ REVOKED_STATUS: '401,forbidden' }, 'REVOKED_STATUS');
    rejects({ WORKER_HEADER: 'X Worker' }, 'WORKER_HEADER');
    rejects({ REVOCATION_KEY: 'deny:{kid}' }, 'REVOCATION_KEY', /\{kid\}/);
    rejects({ REVOCATION_TTL: 'forever' }, 'REVOCATION_TTL');
    rejects({ HEALTH_PATH: '/health?x' }, 'HEALTH_PATH');
  });
});

describe('login request', () => {
  it('fills the JSON template with escaped values', () => {
    const request = loginRequest(parseContract({}), account);
    assert.equal(request.body, '{"email":"user7@example.com","password":"p\\"w&d"}');
    assert.deepEqual(JSON.parse(request.body ?? ''), { email: 'user7@example.com', password: 'p"w&d' });
    assert.deepEqual(request.headers, { 'Content-Type': 'application/json' });
  });

  it('form-encodes an OAuth2-style password grant', () => {
    const contract = parseContract({
      LOGIN_CONTENT_TYPE: 'form',
      LOGIN_BODY: 'grant_type=password&username={username}&password={password}&n={i}',
    });
    const request = loginRequest(contract, account);
    assert.equal(request.body, 'grant_type=password&username=user7&password=p%22w%26d&n=7');
    assert.equal(request.headers['Content-Type'], 'application/x-www-form-urlencoded');
  });

  it('sends no body when LOGIN_BODY is empty', () => {
    const request = loginRequest(parseContract({ LOGIN_BODY: '', LOGIN_METHOD: 'PUT' }), account);
    assert.deepEqual(request, { method: 'PUT', path: '/auth/login', body: null, headers: {} });
  });
});

describe('token and lifetime', () => {
  const now = 1_000_000_000_000;
  const noClaims = () => undefined;

  it('reads the token at a dot path and the lifetime from EXPIRES_FIELD', () => {
    const body = JSON.stringify({ data: { token: 't', ttl: 600 } });
    assert.deepEqual(issuedToken(body, 'data.token', 'data.ttl', noClaims, now), {
      token: 't',
      lifetimeS: 600,
      expirySource: 'field',
    });
  });

  it("falls back to the token's exp, then to 15 minutes", () => {
    const body = JSON.stringify({ access_token: 't' });
    const withExp = issuedToken(body, 'access_token', 'expires_in', () => ({ exp: now / 1000 + 300 }), now);
    assert.deepEqual(withExp, { token: 't', lifetimeS: 300, expirySource: 'claim' });
    assert.deepEqual(issuedToken(body, 'access_token', undefined, noClaims, now), {
      token: 't',
      lifetimeS: 900,
      expirySource: 'default',
    });
  });

  it('says what is wrong with an answer that has no token', () => {
    assert.match(
      String(Object.values(issuedToken('<html>', 'access_token', undefined, noClaims, now))),
      /not JSON/,
    );
    const missing = issuedToken('{"token":"t"}', 'access_token', undefined, noClaims, now);
    assert.deepEqual(missing, { problem: 'the login answer has no string at "access_token" (TOKEN_FIELD)' });
  });
});

describe('denylist key and expiry', () => {
  const claims = { iss: 'auth', jti: 'abc', sub: 'u1', exp: 2_000_000_000 };

  it('fills the key from claims, the raw token or its hash', () => {
    assert.deepEqual(revocationKeyFor('revoked:{iss}:{jti}', 'T', claims, sha), { key: 'revoked:auth:abc' });
    assert.deepEqual(revocationKeyFor('blacklist:{token}', 'T', undefined, sha), { key: 'blacklist:T' });
    assert.deepEqual(revocationKeyFor('deny:{sub}:{token_sha256}', 'T', claims, sha), {
      key: 'deny:u1:sha(T)',
    });
  });

  it('names the claims a token lacks instead of guessing a key', () => {
    assert.deepEqual(revocationKeyFor('revoked:{iss}:{jti}', 'T', { sub: 'u1', exp: 1 }, sha), {
      missing: ['iss', 'jti'],
    });
  });

  it('REVOCATION_TTL=token: the entry must expire with the token, within 2 s', () => {
    const now = (claims.exp - 900) * 1000;
    const ttl = (pttl: number) => judgeRevocationTtl({ kind: 'token' }, pttl, claims.exp, now).ok;
    assert.equal(ttl(900_000), true);
    assert.equal(ttl(898_500), true);
    assert.equal(ttl(30_000), false, 'an entry that dies before its token un-revokes it');
    assert.equal(ttl(-1), false, 'no expiry');
    assert.equal(ttl(-2), false, 'no key');
    assert.equal(ttl(3_600_000), false, 'outlives the token by far');
    assert.equal(judgeRevocationTtl({ kind: 'token' }, 900_000, undefined, now).ok, false);
  });

  it('REVOCATION_TTL=any and =<seconds>', () => {
    assert.equal(judgeRevocationTtl({ kind: 'any' }, 5, undefined, 0).ok, true);
    assert.equal(judgeRevocationTtl({ kind: 'any' }, -1, undefined, 0).ok, false);
    const fixed = (pttl: number) =>
      judgeRevocationTtl({ kind: 'seconds', seconds: 3600 }, pttl, undefined, 0).ok;
    assert.equal(fixed(3_599_200), true);
    assert.equal(fixed(3_500_000), false);
  });
});

describe('accounts', () => {
  const settings = parseContract({}).accounts;

  it('gives each of 10,000 users its own account, shifted by USER_OFFSET', () => {
    const seen = new Set<number>();
    for (let vu = 1; vu <= 10000; vu++) seen.add(accountIndexFor(vu, settings.offset, settings.count));
    assert.equal(seen.size, 10000);
    assert.deepEqual(generatedAccount(0, settings, 'pw'), {
      index: 0,
      email: 'user0@example.com',
      username: 'user0',
      password: 'pw',
    });
    assert.equal(accountIndexFor(1, 9990, 10000), 9990);
    assert.equal(accountIndexFor(11, 9990, 10000), 0);
  });

  it('reads ACCOUNTS_FILE: header skipped, quoted passwords with commas', () => {
    const rows = parseAccountsCsv('email,password\nann@x.io,"a,b""c"\nbob@x.io,pw2\n');
    assert.deepEqual(rows, [
      { id: 'ann@x.io', password: 'a,b"c' },
      { id: 'bob@x.io', password: 'pw2' },
    ]);
    assert.deepEqual(accountFromRow(1, rows[1] as { id: string; password: string }), {
      index: 1,
      email: 'bob@x.io',
      username: 'bob',
      password: 'pw2',
    });
    assert.throws(() => parseAccountsCsv('username,password\nann\n'), /line 2 needs two fields/);
    assert.throws(() => parseAccountsCsv('username,password\n'), /no accounts/);
  });
});
