// The fixture services (spec/fixtures/services) behave as designed, checked with plain HTTP on fresh
// connections and with Redis itself: the suite's acceptance runs (spec/k6/fixtures.test.ts) only mean
// something if these services really are the shapes they claim to be, and really have (or lack) the
// shared denylist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { type FixtureService, startFixtureService } from '../helpers/fixture-services.ts';
import { bearer, claims as forgedClaims, forgeJwt, type Reply, send } from './helpers.ts';

const FRESH_CONNECTIONS = 10;

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

const servedBy = (reply: Reply) => String(reply.headers['x-served-by'] ?? '');

/** Seconds left on `key` in the fixture's Redis; -2 when the key does not exist. */
async function ttlOf(fixture: FixtureService, key: string): Promise<number> {
  const redis = new Redis(fixture.redisUrl, { lazyConnect: true });
  try {
    await redis.connect();
    return await redis.ttl(key);
  } finally {
    redis.disconnect();
  }
}

/** The same request on `count` new TCP connections (the cluster spreads connections over processes). */
async function onFreshConnections(count: number, request: () => Promise<Reply>): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let i = 0; i < count; i++) replies.push(await request());
  return replies;
}

// ---- (a) the plan's own design ----

const planLogin = (fixture: FixtureService, body: unknown) =>
  send(fixture.baseUrl, '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function planToken(fixture: FixtureService, index: number): Promise<string> {
  const reply = await planLogin(fixture, {
    email: `user${index}@example.com`,
    password: fixture.userPassword,
  });
  assert.equal(reply.status, 200, reply.body);
  return reply.json<{ access_token: string }>().access_token;
}

const planProtected = (fixture: FixtureService, token: string) =>
  send(fixture.baseUrl, '/api/protected', { headers: bearer(token) });
const planLogout = (fixture: FixtureService, token: string) =>
  send(fixture.baseUrl, '/auth/logout', { method: 'POST', headers: bearer(token) });

describe('fixture plan-design, DENYLIST=redis, 2 processes', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('plan-design', { processes: 2, denylist: 'redis', userCount: 50 });
  });
  after(() => fixture?.stop());

  test('login answers {access_token, token_type} only; the token has sub, iat, exp and no iss or jti', async () => {
    const reply = await planLogin(fixture, { email: 'user3@example.com', password: fixture.userPassword });
    assert.equal(reply.status, 200, reply.body);
    const body = reply.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'token_type']);
    assert.equal(body.token_type, 'bearer');
    const claims = claimsOf(String(body.access_token));
    assert.deepEqual(Object.keys(claims).sort(), ['exp', 'iat', 'sub']);
    assert.equal(claims.sub, 'user3@example.com');
    assert.ok(Number(claims.exp) > Date.now() / 1000 + 60, 'the token lives for minutes');
    assert.equal(reply.headers['x-worker-id'], undefined, 'the plan design names no worker');
  });

  test('logout stores blacklist:<token> for 3600 s; every fresh connection then refuses the token', async () => {
    const token = await planToken(fixture, 4);
    assert.equal((await planProtected(fixture, token)).status, 200);
    assert.equal((await planLogout(fixture, token)).status, 200);
    const ttl = await ttlOf(fixture, `blacklist:${token}`);
    assert.ok(ttl > 3590 && ttl <= 3600, `TTL of blacklist:<token> is ${ttl} s`);

    const replies = await onFreshConnections(FRESH_CONNECTIONS, () => planProtected(fixture, token));
    assert.deepEqual(
      replies.map((reply) => reply.status),
      Array(FRESH_CONNECTIONS).fill(401),
    );
    assert.equal((await planLogout(fixture, token)).status, 401, 'a revoked token cannot log out again');
    assert.equal(
      (await planProtected(fixture, await planToken(fixture, 4))).status,
      200,
      'a new login works',
    );
  });

  test('bad input gets a 4xx', async () => {
    const password = fixture.userPassword;
    assert.equal((await planLogin(fixture, { email: 'user1@example.com', password: 'wrong' })).status, 401);
    assert.equal((await planLogin(fixture, { email: 'user50@example.com', password })).status, 401);
    assert.equal((await planLogin(fixture, '{"email": "user1@example.com"')).status, 400);
    assert.equal((await planLogin(fixture, { email: 'user1@example.com' })).status, 400);
    assert.equal((await planLogin(fixture, { email: 1, password })).status, 400);
    assert.equal((await planLogin(fixture, 'x'.repeat(20_000))).status, 413);
    assert.equal((await send(fixture.baseUrl, '/api/protected')).status, 401);
    const forged = forgeJwt({ alg: 'HS256', typ: 'JWT' }, forgedClaims({ sub: 'user1@example.com' }));
    assert.equal((await planProtected(fixture, forged)).status, 401, 'signed with another secret');
    const unsigned = forgeJwt({ alg: 'none' }, forgedClaims());
    assert.equal((await planProtected(fixture, unsigned)).status, 401, 'alg none');
    assert.equal((await planProtected(fixture, 'not.a.token')).status, 401);
    assert.equal((await send(fixture.baseUrl, '/auth/login')).status, 405);
    assert.equal((await send(fixture.baseUrl, '/nowhere')).status, 404);
  });

  test('GET /health answers 200', async () => {
    assert.equal((await send(fixture.baseUrl, '/health')).status, 200);
  });

  test('fails closed: with Redis stopped, protected, logout and health answer 503', async () => {
    const token = await planToken(fixture, 5);
    await fixture.redis?.stop();
    for (const reply of await onFreshConnections(4, () => planProtected(fixture, token))) {
      assert.equal(reply.status, 503, reply.body);
    }
    assert.equal((await planLogout(fixture, token)).status, 503);
    assert.equal((await send(fixture.baseUrl, '/health')).status, 503);
  });
});

describe('fixture plan-design, DENYLIST=process (the defect), 2 processes', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('plan-design', { processes: 2, denylist: 'process', userCount: 50 });
  });
  after(() => fixture?.stop());

  test('a token revoked on one process is still accepted by another, and Redis holds nothing', async () => {
    const token = await planToken(fixture, 1);
    assert.equal((await planLogout(fixture, token)).status, 200);
    const statuses = (await onFreshConnections(FRESH_CONNECTIONS, () => planProtected(fixture, token))).map(
      (reply) => reply.status,
    );
    assert.ok(statuses.includes(200), `some process accepts the revoked token: ${statuses.join(',')}`);
    assert.ok(statuses.includes(401), `the process that revoked it refuses it: ${statuses.join(',')}`);
    assert.equal(await ttlOf(fixture, `blacklist:${token}`), -2);
  });
});

describe("fixture plan-design with INVALID_TOKEN_STATUS=422 (Flask-JWT-Extended's answers), 1 process", () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('plan-design', {
      processes: 1,
      denylist: 'redis',
      userCount: 10,
      invalidTokenStatus: 422,
    });
  });
  after(() => fixture?.stop());

  test('a forged, unsigned or malformed token gets 422; a missing or revoked one 401', async () => {
    const token = await planToken(fixture, 2);
    assert.equal((await planProtected(fixture, token)).status, 200);
    const forged = forgeJwt({ alg: 'HS256', typ: 'JWT' }, forgedClaims({ sub: 'user2@example.com' }));
    assert.equal((await planProtected(fixture, forged)).status, 422, 'signed with another secret');
    assert.equal((await planProtected(fixture, forgeJwt({ alg: 'none' }, forgedClaims()))).status, 422);
    assert.equal((await planProtected(fixture, 'not.a.token')).status, 422);
    assert.equal((await send(fixture.baseUrl, '/api/protected')).status, 401, 'no token');
    assert.equal((await planLogout(fixture, token)).status, 200);
    assert.equal((await planProtected(fixture, token)).status, 401, 'revoked');
  });
});

// ---- (b) the alternative shape ----

const altLogin = (fixture: FixtureService, body?: string) =>
  send(fixture.baseUrl, '/api/v1/sessions', { method: 'POST', body });

async function altToken(fixture: FixtureService): Promise<string> {
  const reply = await altLogin(fixture);
  assert.equal(reply.status, 201, reply.body);
  return reply.json<{ data: { token: string } }>().data.token;
}

const altMe = (fixture: FixtureService, token: string) =>
  send(fixture.baseUrl, '/api/v1/me', { headers: bearer(token) });
const altLogout = (fixture: FixtureService, token: string) =>
  send(fixture.baseUrl, '/api/v1/sessions', { method: 'DELETE', headers: bearer(token) });

describe('fixture alt-shape, DENYLIST=redis, 2 processes', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('alt-shape', { processes: 2, denylist: 'redis' });
  });
  after(() => fixture?.stop());

  test('login ignores its body and answers 201 {data: {token, ttl: 600}} with a fresh jti each time', async () => {
    const replies = [
      await altLogin(fixture),
      await altLogin(fixture, 'not json at all'),
      await altLogin(fixture, JSON.stringify({ email: 'nobody@example.com', password: 'wrong' })),
    ];
    const jtis = new Set<unknown>();
    for (const reply of replies) {
      assert.equal(reply.status, 201, reply.body);
      const { data } = reply.json<{ data: { token: string; ttl: number } }>();
      assert.equal(data.ttl, 600);
      const claims = claimsOf(data.token);
      assert.equal(claims.sub, 'demo');
      assert.equal(Number(claims.exp) - Number(claims.iat), 600);
      jtis.add(claims.jti);
      assert.match(servedBy(reply), /^\d+$/, 'X-Served-By names the process');
    }
    assert.equal(jtis.size, replies.length);
  });

  test('DELETE stores the bare jti for 600 s; every fresh connection, on both processes, then answers 403', async () => {
    const token = await altToken(fixture);
    assert.equal((await altMe(fixture, token)).status, 200);
    const loggedOut = await altLogout(fixture, token);
    assert.equal(loggedOut.status, 204);
    assert.equal(loggedOut.body, '');
    const ttl = await ttlOf(fixture, String(claimsOf(token).jti));
    assert.ok(ttl > 590 && ttl <= 600, `TTL of <jti> is ${ttl} s`);

    const replies = await onFreshConnections(FRESH_CONNECTIONS, () => altMe(fixture, token));
    assert.deepEqual(
      replies.map((reply) => reply.status),
      Array(FRESH_CONNECTIONS).fill(403),
    );
    assert.equal(new Set(replies.map(servedBy)).size, 2, 'both processes answered');
    assert.equal((await altLogout(fixture, token)).status, 403, 'a revoked token cannot log out again');
  });

  test('bad input gets a 4xx; there is no health endpoint', async () => {
    assert.equal((await send(fixture.baseUrl, '/api/v1/me')).status, 403);
    const forged = forgeJwt({ alg: 'HS256', typ: 'JWT' }, forgedClaims({ sub: 'demo' }));
    assert.equal((await altMe(fixture, forged)).status, 403, 'signed with another secret');
    assert.equal((await altMe(fixture, 'garbage')).status, 403);
    assert.equal((await altLogin(fixture, 'x'.repeat(20_000))).status, 413);
    assert.equal((await send(fixture.baseUrl, '/api/v1/me', { method: 'POST' })).status, 405);
    assert.equal((await send(fixture.baseUrl, '/health')).status, 404);
  });

  test('fails closed: with Redis stopped, the protected call and logout answer 503', async () => {
    const token = await altToken(fixture);
    await fixture.redis?.stop();
    for (const reply of await onFreshConnections(4, () => altMe(fixture, token))) {
      assert.equal(reply.status, 503, reply.body);
    }
    assert.equal((await altLogout(fixture, token)).status, 503);
  });
});

describe('fixture alt-shape, DENYLIST=process (the defect), 2 processes', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('alt-shape', { processes: 2, denylist: 'process' });
  });
  after(() => fixture?.stop());

  test('a token revoked on one process is accepted by the other, and Redis holds nothing', async () => {
    const token = await altToken(fixture);
    const loggedOut = await altLogout(fixture, token);
    assert.equal(loggedOut.status, 204);
    const replies = await onFreshConnections(FRESH_CONNECTIONS, () => altMe(fixture, token));
    const acceptedBy = new Set(replies.filter((reply) => reply.status === 200).map(servedBy));
    assert.ok(acceptedBy.size > 0, 'some process accepts the revoked token');
    assert.ok(!acceptedBy.has(servedBy(loggedOut)), 'the process that revoked it does not');
    assert.equal(await ttlOf(fixture, String(claimsOf(token).jti)), -2);
  });
});
