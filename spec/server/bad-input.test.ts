// A table of hostile or broken requests: each must get its specific 4xx, none a 5xx, and every answer
// must still carry X-Worker-Id.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Stack } from '../../scripts/lib/stack.ts';
import {
  bearer,
  claims,
  email,
  forgeJwt,
  type Reply,
  type RequestOptions,
  send,
  startTestStack,
  tokenFor,
} from './helpers.ts';

interface Case {
  name: string;
  path: string;
  request: (token: string) => RequestOptions;
  expect: number;
}

const json = (body: unknown): RequestOptions => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const loginCase = (name: string, request: RequestOptions, expect = 400): Case => ({
  name,
  path: '/auth/login',
  request: () => request,
  expect,
});
const protectedCase = (name: string, authorization: (token: string) => string | undefined): Case => ({
  name,
  path: '/api/protected',
  request: (token): RequestOptions => {
    const value = authorization(token);
    return { headers: value === undefined ? {} : { authorization: value } };
  },
  expect: 401,
});

/** Changes one character in the middle of a base64url segment (the last character may carry no bits). */
function flipCharacter(segment: string): string {
  const at = Math.floor(segment.length / 2);
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
}

const cases: Case[] = [
  loginCase('malformed JSON', json('{"email": "user1@example.com", ')),
  loginCase('body over 8 KiB', json({ email: email(1), password: 'x'.repeat(9_000) }), 413),
  loginCase(
    'text/plain body',
    { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    415,
  ),
  loginCase(
    'form-encoded body',
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' },
    415,
  ),
  loginCase('empty JSON body', json('')),
  loginCase('JSON null', json('null')),
  loginCase('JSON array', json('[]')),
  loginCase('no fields', json({})),
  loginCase('missing password', json({ email: email(1) })),
  loginCase('missing email', json({ password: 'secret' })),
  loginCase('password is a number', json({ email: email(1), password: 123 })),
  loginCase('email is an array', json({ email: [email(1)], password: 'secret' })),
  loginCase('extra field', json({ email: email(1), password: 'secret', admin: true })),
  loginCase(
    'prototype pollution attempt',
    json('{"email":"user1@example.com","password":"x","__proto__":{"admin":true}}'),
  ),
  loginCase('not an email', json({ email: 'user1', password: 'secret' })),
  loginCase(
    'email over 254 characters',
    json({ email: `${'a'.repeat(300)}@example.com`, password: 'secret' }),
  ),
  loginCase('empty password', json({ email: email(1), password: '' })),
  loginCase('unknown user', json({ email: 'nobody@example.com', password: 'secret' }), 401),
  loginCase('user index beyond USER_COUNT', json({ email: email(5_000), password: 'secret' }), 401),
  loginCase('wrong password', json({ email: email(1), password: 'wrong' }), 401),
  protectedCase('no Authorization header', () => undefined),
  protectedCase('empty bearer', () => 'Bearer '),
  protectedCase('Basic scheme', () => `Basic ${Buffer.from('user1:secret').toString('base64')}`),
  protectedCase('token without scheme', (token) => token),
  protectedCase('not a JWT', () => 'Bearer not-a-jwt'),
  protectedCase('alg none', () => `Bearer ${forgeJwt({ alg: 'none', typ: 'JWT' }, claims())}`),
  protectedCase(
    'HS512 with the right secret',
    () => `Bearer ${forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims())}`,
  ),
  protectedCase(
    'signed with another secret',
    () =>
      `Bearer ${forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-of-at-least-32-bytes!!')}`,
  ),
  protectedCase('tampered signature', (token) => {
    const [header, payload, signature] = token.split('.');
    return `Bearer ${header}.${payload}.${flipCharacter(signature)}`;
  }),
  protectedCase('tampered payload', (token) => {
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify(claims({ sub: email(2) }))).toString('base64url');
    return `Bearer ${header}.${payload}.${signature}`;
  }),
  protectedCase(
    'expired token',
    () => `Bearer ${forgeJwt({ alg: 'HS256' }, claims({ iat: 1_000, exp: 2_000 }))}`,
  ),
  protectedCase(
    'wrong issuer',
    () => `Bearer ${forgeJwt({ alg: 'HS256' }, claims({ iss: 'someone-else' }))}`,
  ),
  protectedCase('missing jti', () => `Bearer ${forgeJwt({ alg: 'HS256' }, claims({ jti: undefined }))}`),
  protectedCase('8 KiB of token', () => `Bearer ${'a'.repeat(4_000)}.${'b'.repeat(4_000)}.c`),
  {
    name: 'logout with alg none',
    path: '/auth/logout',
    request: () => ({ method: 'POST', headers: bearer(forgeJwt({ alg: 'none' }, claims())) }),
    expect: 401,
  },
  {
    name: 'logout without token',
    path: '/auth/logout',
    request: () => ({ method: 'POST' }),
    expect: 401,
  },
  {
    name: 'logout with a malformed JSON body',
    path: '/auth/logout',
    request: (token) => ({
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{',
    }),
    expect: 400,
  },
  { name: 'GET on a POST route', path: '/auth/login', request: () => ({}), expect: 404 },
  {
    name: 'headers over 16 KiB',
    path: '/health',
    request: () => ({ headers: { 'x-big': 'x'.repeat(20_000) } }),
    expect: 431,
  },
];

/** A request line Node's HTTP parser rejects before Fastify sees it. */
function rawRequest(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('bad input never produces a 5xx', () => {
  let stack: Stack;
  let token: string;
  before(async () => {
    stack = await startTestStack();
    token = await tokenFor(stack, 1);
  });
  after(() => stack?.stop());

  test(`${cases.length} cases get their expected 4xx`, async (t) => {
    const outcomes: Array<{ name: string; reply: Reply; expect: number }> = [];
    for (const entry of cases) {
      outcomes.push({
        name: entry.name,
        reply: await send(stack.baseUrl, entry.path, entry.request(token)),
        expect: entry.expect,
      });
    }
    for (const { name, reply } of outcomes) t.diagnostic(`${reply.status} ${name}`);
    const wrong = outcomes.filter(({ reply, expect }) => reply.status !== expect);
    assert.deepEqual(
      wrong.map(
        ({ name, reply, expect }) => `${name}: expected ${expect}, got ${reply.status} ${reply.body}`,
      ),
      [],
    );
    assert.equal(outcomes.filter(({ reply }) => reply.status >= 500).length, 0);
    assert.deepEqual(
      outcomes.filter(({ reply }) => !/^\d+$/.test(reply.worker)).map(({ name }) => name),
      [],
      'every answer carries X-Worker-Id',
    );
    // The token used for the tampering cases is still good: nothing above revoked or broke it.
    assert.equal((await send(stack.baseUrl, '/api/protected', { headers: bearer(token) })).status, 200);
  });

  test('a malformed request line gets 400 from the HTTP parser, with X-Worker-Id', async () => {
    const answer = await rawRequest(stack.baseUrl, 'GARBAGE\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /\r\nX-Worker-Id: \d+\r\n/);
  });

  test('error messages do not echo the request', async () => {
    const marker = 'ECHO-MARKER-1234';
    const reply = await send(stack.baseUrl, '/auth/login', json(`{"email": "${marker}`));
    assert.equal(reply.status, 400);
    assert.ok(!reply.body.includes(marker), reply.body);
  });
});
