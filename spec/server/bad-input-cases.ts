// The bad requests of bad-input.test.ts, generated from small tables: login bodies x content types, token
// mutations x Bearer routes, methods x paths, oversized bodies, and raw requests Node's HTTP client will
// not send (duplicate headers, bytes outside ASCII). Each case names the status it must get, or `4xx`
// where several client errors are equally right; none may get a 5xx or no answer.
import { bearer, claims, email, forgeJwt, type RequestOptions } from './helpers.ts';

export type Expect = number | '4xx';

export interface Case {
  name: string;
  path: string;
  /** An HTTP request, or raw bytes for requests Node's client refuses to send. */
  request: (token: string) => RequestOptions | { raw: Buffer };
  expect: Expect;
}

// --- login bodies x content types ------------------------------------------------------------------------

/** Accounts reaching the limiter are distinct per body, so the per-account limit never answers first. */
let nextAccount = 500;
const account = () => email(nextAccount++);

const loginBodies: Array<[string, () => string | Buffer, number]> = [
  ['empty', () => '', 400],
  ['truncated JSON', () => '{"email": "user1@example.com", ', 400],
  ['JSON null', () => 'null', 400],
  ['JSON array', () => '[]', 400],
  ['JSON string', () => '"user1@example.com"', 400],
  ['JSON number', () => '42', 400],
  ['JSON true', () => 'true', 400],
  ['empty object', () => '{}', 400],
  ['missing password', () => JSON.stringify({ email: account() }), 400],
  ['missing email', () => JSON.stringify({ password: 'secret' }), 400],
  ['password is a number', () => JSON.stringify({ email: account(), password: 123 }), 400],
  ['password is null', () => JSON.stringify({ email: account(), password: null }), 400],
  ['email is an array', () => JSON.stringify({ email: [account()], password: 'x' }), 400],
  ['email is an object', () => JSON.stringify({ email: { $ne: '' }, password: 'x' }), 400],
  ['extra field', () => JSON.stringify({ email: account(), password: 'x', admin: true }), 400],
  ['__proto__ key', () => `{"email":"${account()}","password":"x","__proto__":{"admin":true}}`, 400],
  ['constructor.prototype key', () => '{"constructor":{"prototype":{"admin":true}}}', 400],
  ['not an email', () => JSON.stringify({ email: 'user1', password: 'x' }), 400],
  [
    'email over 254 characters',
    () => JSON.stringify({ email: `${'a'.repeat(300)}@example.com`, password: 'x' }),
    400,
  ],
  ['empty password', () => JSON.stringify({ email: account(), password: '' }), 400],
  [
    'password over 1024 characters',
    () => JSON.stringify({ email: account(), password: 'x'.repeat(1025) }),
    400,
  ],
  ['wrong password', () => JSON.stringify({ email: account(), password: 'wrong' }), 401],
  ['unknown user', () => JSON.stringify({ email: 'nobody@example.com', password: 'x' }), 401],
  ['user index beyond USER_COUNT', () => JSON.stringify({ email: email(5_000), password: 'x' }), 401],
  ['non-ASCII password', () => JSON.stringify({ email: account(), password: 'пароль-密码-🔑' }), 401],
  ['non-ASCII email', () => JSON.stringify({ email: 'üser@exämple.com', password: 'x' }), 400],
  ['invalid UTF-8 bytes', () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 400],
  ['NUL inside a string', () => `{"email":"user1@example.com\\u0000","password":"x"}`, 400],
  ['deeply nested arrays', () => `${'['.repeat(3_000)}${']'.repeat(3_000)}`, 400],
  ['duplicate keys', () => `{"email":"${account()}","password":"x","password":123}`, 400],
  // Fastify's JSON parser skips a leading BOM, so this is a well-formed login with a wrong password.
  ['byte order mark', () => `\uFEFF${JSON.stringify({ email: account(), password: 'x' })}`, 401],
];

const jsonTypes = ['application/json', 'application/json; charset=utf-8', 'Application/JSON'];
const otherTypes = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
];

function loginBodyCases(): Case[] {
  const cases: Case[] = [];
  for (const [bodyName, body, jsonStatus] of loginBodies) {
    for (const type of [...jsonTypes, ...otherTypes]) {
      const isJson = jsonTypes.includes(type);
      const expect = isJson ? jsonStatus : 415;
      const payload = body();
      cases.push({
        name: `login, ${bodyName} body as ${type}`,
        path: '/auth/login',
        request: () => ({ method: 'POST', headers: { 'content-type': type }, body: payload }),
        expect,
      });
    }
  }
  return cases;
}

// --- token mutations x Bearer routes ---------------------------------------------------------------------

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const hs256 = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  forgeJwt({ alg: 'HS256', typ: 'JWT', ...header }, payload);
const now = () => Math.floor(Date.now() / 1000);

/** Changes one character in the middle of a base64url segment (the last character may carry no bits). */
function flipCharacter(segment: string): string {
  const at = Math.floor(segment.length / 2);
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
}

/** Each makes the Authorization header value from a valid token; every one must be refused. */
const tokenMutations: Array<[string, (token: string) => string, Expect]> = [
  ['no scheme', (token) => token, 401],
  ['empty bearer', () => 'Bearer ', 401],
  ['Basic scheme', () => `Basic ${Buffer.from('user1:secret').toString('base64')}`, 401],
  ['Bearer twice', (token) => `Bearer Bearer ${token}`, 401],
  ['two tokens in one header', (token) => `Bearer ${token} ${token}`, 401],
  ['two tokens, comma-separated', (token) => `Bearer ${token}, Bearer ${token}`, 401],
  ['token with trailing junk', (token) => `Bearer ${token}x!`, 401],
  ['not a JWT', () => 'Bearer not-a-jwt', 401],
  ['one segment', (token) => `Bearer ${token.split('.')[0]}`, 401],
  ['two segments', (token) => `Bearer ${token.split('.').slice(0, 2).join('.')}`, 401],
  ['four segments', (token) => `Bearer ${token}.${token.split('.')[1]}`, 401],
  ['five segments (JWE shape)', (token) => `Bearer ${token}.a.b`, 401],
  ['empty segments', () => 'Bearer ..', 401],
  ['signature stripped', (token) => `Bearer ${token.split('.').slice(0, 2).join('.')}.`, 401],
  ['standard base64 (+ / =)', (token) => `Bearer ${token.replace(/-/g, '+').replace(/_/g, '/')}==`, 401],
  ['header is not JSON', (token) => `Bearer ${b64('not json')}.${token.split('.').slice(1).join('.')}`, 401],
  ['header is a JSON array', (token) => `Bearer ${b64('[]')}.${token.split('.').slice(1).join('.')}`, 401],
  ['payload is not JSON', () => `Bearer ${b64('{"alg":"HS256"}')}.${b64('not json')}.c2ln`, 401],
  ['payload is JSON null', () => `Bearer ${forgeJwt({ alg: 'HS256' }, null as never)}`, 401],
  [
    'tampered signature',
    (token) => {
      const [header, payload, signature] = token.split('.');
      return `Bearer ${header}.${payload}.${flipCharacter(signature)}`;
    },
    401,
  ],
  [
    'tampered payload',
    (token) => {
      const [header, , signature] = token.split('.');
      return `Bearer ${header}.${b64(JSON.stringify(claims({ sub: email(2) })))}.${signature}`;
    },
    401,
  ],
  ['alg none', () => `Bearer ${forgeJwt({ alg: 'none', typ: 'JWT' }, claims())}`, 401],
  ['alg None', () => `Bearer ${forgeJwt({ alg: 'None' }, claims())}`, 401],
  ['alg NONE with a signature', () => `Bearer ${forgeJwt({ alg: 'NONE' }, claims())}${'c2ln'}`, 401],
  ['alg missing', () => `Bearer ${b64('{"typ":"JWT"}')}.${b64(JSON.stringify(claims()))}.c2ln`, 401],
  ['HS384 with the right secret', () => `Bearer ${forgeJwt({ alg: 'HS384' }, claims())}`, 401],
  ['HS512 with the right secret', () => `Bearer ${forgeJwt({ alg: 'HS512' }, claims())}`, 401],
  [
    'RS256 header, HMAC signature (key confusion)',
    () => {
      const input = `${b64('{"alg":"RS256","typ":"JWT"}')}.${b64(JSON.stringify(claims()))}`;
      return `Bearer ${input}.${forgeJwt({ alg: 'HS256' }, claims()).split('.')[2]}`;
    },
    401,
  ],
  ['ES256 header', () => `Bearer ${b64('{"alg":"ES256"}')}.${b64(JSON.stringify(claims()))}.c2ln`, 401],
  [
    'signed with another secret',
    () => `Bearer ${forgeJwt({ alg: 'HS256' }, claims(), 'another-secret-of-at-least-32-bytes!!')}`,
    401,
  ],
  ['signed with an empty secret', () => `Bearer ${forgeJwt({ alg: 'HS256' }, claims(), '')}`, 401],
  ['expired long ago', () => `Bearer ${hs256(claims({ iat: 1_000, exp: 2_000 }))}`, 401],
  ['expired a second ago', () => `Bearer ${hs256(claims({ iat: now() - 60, exp: now() - 1 }))}`, 401],
  ['exp as a string', () => `Bearer ${hs256(claims({ exp: String(now() + 600) }))}`, 401],
  ['wrong issuer', () => `Bearer ${hs256(claims({ iss: 'someone-else' }))}`, 401],
  ['issuer as an array', () => `Bearer ${hs256(claims({ iss: ['auth-loadtest'] }))}`, 401],
  ['issuer with different case', () => `Bearer ${hs256(claims({ iss: 'AUTH-LOADTEST' }))}`, 401],
  ['missing jti', () => `Bearer ${hs256(claims({ jti: undefined }))}`, 401],
  ['missing iss', () => `Bearer ${hs256(claims({ iss: undefined }))}`, 401],
  ['missing exp', () => `Bearer ${hs256(claims({ exp: undefined }))}`, 401],
  ['missing sub', () => `Bearer ${hs256(claims({ sub: undefined }))}`, 401],
  ['missing iat', () => `Bearer ${hs256(claims({ iat: undefined }))}`, 401],
  ['empty jti', () => `Bearer ${hs256(claims({ jti: '' }))}`, 401],
  ['jti as a number', () => `Bearer ${hs256(claims({ jti: 12345 }))}`, 401],
  ['sub as an object', () => `Bearer ${hs256(claims({ sub: { id: 1 } }))}`, 401],
  ['no claims at all', () => `Bearer ${hs256({})}`, 401],
  ['4 KiB of garbage token', () => `Bearer ${'a'.repeat(2_000)}.${'b'.repeat(2_000)}.c`, 401],
  ['12 KiB of garbage token', () => `Bearer ${'a'.repeat(6_000)}.${'b'.repeat(6_000)}.c`, 401],
  [
    'oversized token signed with another secret',
    () =>
      `Bearer ${forgeJwt({ alg: 'HS256' }, claims({ pad: 'x'.repeat(9_000) }), 'another-secret-of-at-least-32-bytes!!')}`,
    401,
  ],
  ['token over the 16 KiB header limit', () => `Bearer ${'a'.repeat(10_000)}.${'b'.repeat(10_000)}.c`, 431],
  [
    'Latin-1 bytes in the token',
    (token) => `Bearer ${token.slice(0, 20)}\u00e9\u00ff${token.slice(20)}`,
    401,
  ],
];

const bearerRoutes: Array<{ path: string; method: string }> = [
  { path: '/api/protected', method: 'GET' },
  { path: '/auth/logout', method: 'POST' },
];

function tokenCases(): Case[] {
  const cases: Case[] = [];
  for (const { path, method } of bearerRoutes) {
    cases.push({
      name: `${method} ${path}, no Authorization header`,
      path,
      request: () => ({ method }),
      expect: 401,
    });
    for (const [name, mutate, expect] of tokenMutations) {
      cases.push({
        name: `${method} ${path}, ${name}`,
        path,
        request: (token) => ({ method, headers: { authorization: mutate(token) } }),
        expect,
      });
    }
  }
  return cases;
}

// --- methods x paths --------------------------------------------------------------------------------------

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'];
const paths = [
  '/auth/login',
  '/auth/logout',
  '/api/protected',
  '/health',
  '/metrics',
  '/',
  '/nope',
  '/auth/login/',
  '/AUTH/LOGIN',
  '/auth//login',
  '/%',
  '/auth/login%00',
];

/** The combinations that are the API itself (no body, no token: still refused, but by the route). */
const routeRefusal: Record<string, Expect> = {
  'POST /auth/login': 400,
  'POST /auth/logout': 401,
  'GET /api/protected': 401,
};
const served = new Set(['GET /health', 'GET /metrics']);

function methodPathCases(): Case[] {
  const cases: Case[] = [];
  for (const method of methods) {
    for (const path of paths) {
      const key = `${method} ${path}`;
      if (served.has(key)) continue;
      cases.push({ name: key, path, request: () => ({ method }), expect: routeRefusal[key] ?? '4xx' });
    }
  }
  return cases;
}

// --- oversized bodies -------------------------------------------------------------------------------------

function oversizedCases(): Case[] {
  const cases: Case[] = [];
  for (const bytes of [8 * 1024 + 1, 64 * 1024, 1024 * 1024]) {
    const body = JSON.stringify({ email: email(1), password: 'x'.repeat(bytes) });
    for (const path of ['/auth/login', '/auth/logout']) {
      cases.push({
        name: `${path}, ${bytes} bytes of JSON`,
        path,
        request: (token) => ({
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(path === '/auth/logout' ? bearer(token) : {}) },
          body,
        }),
        // Logout authenticates before reading the body; either refusal is right, neither may be a 5xx.
        expect: path === '/auth/login' ? 413 : '4xx',
      });
      cases.push({
        name: `${path}, ${bytes} bytes of text/plain`,
        path,
        request: () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body }),
        expect: '4xx',
      });
    }
  }
  return cases;
}

// --- raw requests -----------------------------------------------------------------------------------------

const rawRequest = (lines: string[], body = '') =>
  Buffer.from(`${lines.join('\r\n')}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body}`, 'latin1');

function rawCases(): Case[] {
  const raw = (name: string, path: string, request: (token: string) => Buffer, expect: Expect): Case => ({
    name: `raw: ${name}`,
    path,
    request: (token) => ({ raw: request(token) }),
    expect,
  });
  const bogus = `Bearer ${forgeJwt({ alg: 'none' }, claims())}`;
  return [
    raw(
      'two Authorization headers, valid then forged',
      '/api/protected',
      (token) =>
        rawRequest([
          'GET /api/protected HTTP/1.1',
          `Authorization: Bearer ${token}`,
          `Authorization: ${bogus}`,
        ]),
      400,
    ),
    raw(
      'two Authorization headers, forged then valid',
      '/api/protected',
      (token) =>
        rawRequest([
          'GET /api/protected HTTP/1.1',
          `Authorization: ${bogus}`,
          `Authorization: Bearer ${token}`,
        ]),
      400,
    ),
    raw(
      'two identical Authorization headers on logout',
      '/auth/logout',
      (token) =>
        rawRequest([
          'POST /auth/logout HTTP/1.1',
          `Authorization: Bearer ${token}`,
          `Authorization: Bearer ${token}`,
        ]),
      400,
    ),
    raw(
      'UTF-8 bytes in the Authorization header',
      '/api/protected',
      (token) =>
        Buffer.concat([
          Buffer.from(`GET /api/protected HTTP/1.1\r\nAuthorization: Bearer ${token.slice(0, 10)}`),
          Buffer.from('ключ🔑', 'utf8'),
          Buffer.from(`${token.slice(10)}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
        ]),
      '4xx',
    ),
    raw(
      'NUL byte in a header',
      '/health',
      () => rawRequest(['GET /health HTTP/1.1', 'X-Test: a\u0000b']),
      400,
    ),
    raw(
      'header line without a colon',
      '/health',
      () => rawRequest(['GET /health HTTP/1.1', 'NoColonHere']),
      400,
    ),
    raw(
      'obsolete line folding',
      '/health',
      () => rawRequest(['GET /health HTTP/1.1', 'X-Test: a', ' folded']),
      400,
    ),
    raw(
      'Content-Length and Transfer-Encoding together',
      '/auth/login',
      () =>
        rawRequest(
          [
            'POST /auth/login HTTP/1.1',
            'Content-Type: application/json',
            'Content-Length: 2',
            'Transfer-Encoding: chunked',
          ],
          '0\r\n\r\n',
        ),
      400,
    ),
    raw(
      'two different Content-Length headers',
      '/auth/login',
      () =>
        rawRequest(
          [
            'POST /auth/login HTTP/1.1',
            'Content-Type: application/json',
            'Content-Length: 2',
            'Content-Length: 3',
          ],
          '{}',
        ),
      400,
    ),
    raw(
      'chunked body over the limit',
      '/auth/login',
      () => {
        const chunk = `{"email":"${'a'.repeat(20_000)}"}`;
        return rawRequest(
          ['POST /auth/login HTTP/1.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked'],
          `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
        );
      },
      413,
    ),
    raw(
      'HTTP/1.0 request line with a bad version',
      '/health',
      () => rawRequest(['GET /health HTTP/9.9']),
      '4xx',
    ),
    // Sent raw because Node's client would resolve the dot segments itself.
    raw(
      'dot segments in the path',
      '/health',
      () => rawRequest(['GET /api/protected/../../health HTTP/1.1']),
      404,
    ),
    raw('request line with a space in the path', '/health', () => rawRequest(['GET /he alth HTTP/1.1']), 400),
  ];
}

/** Bad requests that carry a valid token: refused before the route acts on it (the token stays valid). */
function validTokenCases(): Case[] {
  return [
    {
      name: 'logout with a valid token and a malformed JSON body',
      path: '/auth/logout',
      request: (token) => ({
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: '{',
      }),
      expect: 400,
    },
    {
      name: 'logout with a valid token and a text/plain body',
      path: '/auth/logout',
      request: (token) => ({
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'text/plain' },
        body: 'x',
      }),
      expect: 415,
    },
    {
      name: 'headers over 16 KiB',
      path: '/health',
      request: () => ({ headers: { 'x-big': 'x'.repeat(20_000) } }),
      expect: 431,
    },
  ];
}

export function badInputCases(): Case[] {
  return [
    ...loginBodyCases(),
    ...tokenCases(),
    ...methodPathCases(),
    ...oversizedCases(),
    ...rawCases(),
    ...validTokenCases(),
  ];
}
