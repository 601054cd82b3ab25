// Node-side calls to an auth service, for the drill and the soak sampler (the load itself always comes
// from k6; these are a handful of bookkeeping requests). They follow the same contract knobs as the k6
// client (lib/contract.ts): paths, methods, login body, token field, refusal statuses.
import {
  claimsFromPayload,
  generatedAccount,
  isRefusal,
  isSuccess,
  issuedToken,
  loginRequest,
  parseContract,
  type ServiceContract,
} from '../../../lib/contract.ts';

export interface ServiceTarget {
  baseUrl: string;
  userPassword: string;
  /** Default: the contract the environment's knobs describe (docs/contract.md's defaults when none are set). */
  contract?: ServiceContract;
}

// Generous: these calls share the service with the full k6 load, and logins cost a password hash.
const TIMEOUT_MS = 30_000;

async function call(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
}

function contractOf(target: ServiceTarget): ServiceContract {
  return target.contract ?? parseContract(process.env);
}

/** The target with its contract read once, for a batch of calls. */
function withContract(target: ServiceTarget): ServiceTarget & { contract: ServiceContract } {
  return { ...target, contract: contractOf(target) };
}

/** JWT claims, for the token's lifetime; undefined for an opaque token. */
function jwtClaimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  return payload ? claimsFromPayload(Buffer.from(payload, 'base64url').toString('utf8')) : undefined;
}

export async function login(target: ServiceTarget, account: number): Promise<string | undefined> {
  const contract = contractOf(target);
  const request = loginRequest(contract, generatedAccount(account, contract.accounts, target.userPassword));
  const response = await call(`${target.baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === null ? {} : { body: request.body }),
  });
  const body = await response.text();
  if (!isSuccess(response.status)) return undefined;
  const issued = issuedToken(body, contract.tokenField, contract.expiresField, jwtClaimsOf, Date.now());
  return 'token' in issued ? issued.token : undefined;
}

export async function logout(target: ServiceTarget, token: string): Promise<boolean> {
  const { logout: endpoint } = contractOf(target);
  const response = await call(`${target.baseUrl}${endpoint.path}`, {
    method: endpoint.method,
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return isSuccess(response.status);
}

export async function protectedStatus(target: ServiceTarget, token: string): Promise<number> {
  const { protected: endpoint } = contractOf(target);
  const response = await call(`${target.baseUrl}${endpoint.path}`, {
    method: endpoint.method,
    headers: { authorization: `Bearer ${token}`, connection: 'close' },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Logs each account in and out; returns the tokens whose logout the service acknowledged. */
export async function revokeTokens(service: ServiceTarget, accounts: number[]): Promise<string[]> {
  const target = withContract(service);
  const revoked: string[] = [];
  for (const account of accounts) {
    const token = await login(target, account);
    if (token && (await logout(target, token))) revoked.push(token);
  }
  return revoked;
}

/** How many of these revoked tokens the service refuses (asked on fresh connections). */
export async function countEnforced(service: ServiceTarget, tokens: string[]): Promise<number> {
  const target = withContract(service);
  const { contract } = target;
  let enforced = 0;
  for (const token of tokens) if (isRefusal(contract, await protectedStatus(target, token))) enforced++;
  return enforced;
}

/** Prometheus text from a metrics URL (the reference service: GET <BASE_URL>/metrics). */
export async function scrapeMetrics(url: string): Promise<string> {
  const response = await call(url, {});
  return response.text();
}

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (no timestamps; label values without escaped quotes). */
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
