// The bench's target: a minimal HTTP server on loopback that answers the suite's contract with no work
// behind it, so the generators (not the target) are what the bench measures. Login returns a JWT-shaped
// token; the protected call wants any Bearer token; health and logout always succeed.
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

// One token for everyone: nothing checks it, and building it per request would be work the target must not do.
const TOKEN = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'bench', jti: 'noop' })}.${'s'.repeat(43)}`;
const LOGIN_BODY = JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 900 });
const OK_BODY = '{"ok":true}';

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
  const bearer = (request.headers.authorization ?? '').startsWith('Bearer ');
  if (request.method === 'POST' && path === '/auth/login') reply(response, 200, LOGIN_BODY);
  else if (request.method === 'GET' && path === '/health') reply(response, 200, OK_BODY);
  else if (request.method === 'GET' && path === '/api/protected') {
    if (bearer) reply(response, 200, OK_BODY);
    else reply(response, 401);
  } else if (request.method === 'POST' && path === '/auth/logout') reply(response, bearer ? 204 : 401);
  else reply(response, 404);
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
