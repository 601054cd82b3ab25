// The bench's target: a minimal HTTP server on loopback that answers the suite's contract with no work
// behind it, so the generators (not the target) are what the bench measures. Login returns a JWT-shaped
// token, one per login (users log in once each); the protected call wants any Bearer token not logged out;
// health and logout always succeed. Remembering the logged-out tokens (the suite logs out on a schedule
// to measure revocation) keeps the suite's own correctness gates green against it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NoopTarget {
  baseUrl: string;
  /** Requests answered so far, by path. */
  counts(): Record<string, number>;
  stop(): Promise<void>;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const TOKEN_HEADER = base64url({ alg: 'HS256', typ: 'JWT' });
const TOKEN_SIGNATURE = 's'.repeat(43);
const OK_BODY = '{"ok":true}';

let issued = 0;
const loggedOut = new Set<string>();

function loginBody(): string {
  issued++;
  const token = `${TOKEN_HEADER}.${base64url({ sub: 'bench', jti: `noop-${issued}` })}.${TOKEN_SIGNATURE}`;
  return JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 900 });
}

function reply(response: ServerResponse, status: number, body?: string): void {
  if (body === undefined) {
    response.writeHead(status, { 'Content-Length': 0 });
    response.end();
    return;
  }
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function route(request: IncomingMessage, response: ServerResponse): string {
  const path = (request.url ?? '/').split('?')[0];
  const authorization = request.headers.authorization ?? '';
  const bearer = authorization.startsWith('Bearer ');
  if (request.method === 'POST' && path === '/auth/login') reply(response, 200, loginBody());
  else if (request.method === 'GET' && path === '/health') reply(response, 200, OK_BODY);
  else if (request.method === 'GET' && path === '/api/protected') {
    if (bearer && !loggedOut.has(authorization)) reply(response, 200, OK_BODY);
    else reply(response, 401);
  } else if (request.method === 'POST' && path === '/auth/logout') {
    if (bearer) loggedOut.add(authorization);
    reply(response, bearer ? 204 : 401);
  } else reply(response, 404);
  return path;
}

export async function startNoopTarget(): Promise<NoopTarget> {
  const counts: Record<string, number> = {};
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    // Bodies are not read beyond draining them: the login's credentials are not checked.
    request.resume();
    request.on('end', () => {
      const path = route(request, response);
      counts[path] = (counts[path] ?? 0) + 1;
    });
  });
  // Thousands of k6 connections arrive within seconds of each other.
  server.maxConnections = 100_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
