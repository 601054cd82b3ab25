// Node-side calls to a contract-following auth service, for the drill and the soak sampler.
// (The load itself always comes from k6; these are a handful of bookkeeping requests.)

export interface ServiceTarget {
  baseUrl: string;
  userPassword: string;
}

// Generous: these calls share the service with the full k6 load, and logins cost a scrypt hash.
const TIMEOUT_MS = 30_000;

async function call(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
}

export async function login(target: ServiceTarget, account: number): Promise<string | undefined> {
  const response = await call(`${target.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `user${account}@example.com`, password: target.userPassword }),
  });
  if (response.status !== 200) return undefined;
  const body = (await response.json()) as { access_token?: string };
  return body.access_token;
}

export async function logout(target: ServiceTarget, token: string): Promise<boolean> {
  const response = await call(`${target.baseUrl}/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status === 200 || response.status === 204;
}

export async function protectedStatus(target: ServiceTarget, token: string): Promise<number> {
  const response = await call(`${target.baseUrl}/api/protected`, {
    headers: { authorization: `Bearer ${token}`, connection: 'close' },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Logs each account in and out; returns the tokens whose logout the service acknowledged. */
export async function revokeTokens(target: ServiceTarget, accounts: number[]): Promise<string[]> {
  const revoked: string[] = [];
  for (const account of accounts) {
    const token = await login(target, account);
    if (token && (await logout(target, token))) revoked.push(token);
  }
  return revoked;
}

/** How many of these revoked tokens the service rejects with 401 (asked on fresh connections). */
export async function countEnforced(target: ServiceTarget, tokens: string[]): Promise<number> {
  let enforced = 0;
  for (const token of tokens) if ((await protectedStatus(target, token)) === 401) enforced++;
  return enforced;
}

/** Prometheus text from GET /metrics. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await call(`${baseUrl}/metrics`, {});
  return response.text();
}

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (the subset the service emits: no timestamps, no escapes in labels). */
export function parsePrometheus(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) labels[pair[1]] = pair[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}
