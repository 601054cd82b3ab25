// Shared by the service specs: a fresh-connection HTTP client (so the cluster spreads requests over its
// workers and X-Worker-Id proves it), a test stack with cheap hashing, and a JWT forger for bad tokens.
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { generatedAccount, parseContract } from '../../lib/contract.ts';
import { parsePrometheus } from '../../scripts/lib/stack/service-client.ts';
import { type Stack, type StackOptions, startStack } from '../../scripts/lib/stack/stack.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  worker: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** One request on its own TCP connection (no keep-alive agent). */
export function send(baseUrl: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            worker: String(res.headers['x-worker-id'] ?? ''),
            json: <T>() => JSON.parse(body) as T,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${path}: timed out`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The reference service follows the contract's defaults: paths and account naming come from there. */
const CONTRACT = parseContract({});

export const email = (index: number) => generatedAccount(index, CONTRACT.accounts, '').email;

export function login(baseUrl: string, address: string, password: string): Promise<Reply> {
  return send(baseUrl, CONTRACT.login.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: address, password }),
  });
}

export async function tokenFor(stack: Stack, index: number): Promise<string> {
  const reply = await login(stack.baseUrl, email(index), stack.userPassword);
  if (reply.status !== 200) throw new Error(`login ${email(index)}: ${reply.status} ${reply.body}`);
  return reply.json<{ access_token: string }>().access_token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const callProtected = (baseUrl: string, token: string) =>
  send(baseUrl, CONTRACT.protected.path, { method: CONTRACT.protected.method, headers: bearer(token) });

export const logout = (baseUrl: string, token: string) =>
  send(baseUrl, CONTRACT.logout.path, { method: CONTRACT.logout.method, headers: bearer(token) });

/** A 32-byte secret the specs know, so they can forge tokens the service must refuse. */
export const TEST_JWT_SECRET = 'spec-secret-0123456789abcdef-0123456789';
export const TEST_ISSUER = 'auth-loadtest';

/** Cheap hashing (SCRYPT_COST=10) and two workers keep the suite fast on a 2-core machine. */
export function startTestStack(options: StackOptions = {}): Promise<Stack> {
  return startStack({
    workers: 2,
    userCount: 1_000,
    ...options,
    env: { SCRYPT_COST: '10', JWT_SECRET: TEST_JWT_SECRET, ...options.env },
  });
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs (or, for alg "none", does not sign) an arbitrary header and payload. */
export function forgeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret = TEST_JWT_SECRET,
): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const hmac = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  if (hmac === undefined) return `${input}.`;
  return `${input}.${createHmac(hmac, secret).update(input).digest('base64url')}`;
}

export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: email(1),
    jti: randomUUID(),
    iss: TEST_ISSUER,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

/** Repeats a request on fresh connections until `enough` says the answers cover what the spec needs. */
export async function spread(
  attempt: () => Promise<Reply>,
  enough: (replies: Reply[]) => boolean,
  maxAttempts = 20,
): Promise<Reply[]> {
  const replies: Reply[] = [];
  while (replies.length < maxAttempts) {
    replies.push(await attempt());
    if (enough(replies)) break;
  }
  return replies;
}

export const distinctWorkers = (replies: Reply[]) => new Set(replies.map((reply) => reply.worker));

/** A metric from a /metrics page summed over workers, counting only samples with the given labels. */
export function metricTotal(page: string, name: string, labels: Record<string, string> = {}): number {
  return parsePrometheus(page)
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}
