// The service contract's knobs (docs/contract.md): env → validated ServiceContract.
// Pure TypeScript; the k6 bundles, the Node-side client (drill, soak, contract check) and the specs all
// read the contract through this one parser, so a path or a field name is written down once.
import { ConfigError, type Env, integerAtLeast, noSpaces, oneOf, read, readAllowingEmpty } from '../env.ts';
import type { KnobName } from '../knobs/catalogue.ts';
import type { AccountSettings } from './accounts.ts';
import type { RevocationTtl } from './revocation.ts';
import { placeholdersIn } from './template.ts';

export interface HttpCall {
  method: string;
  path: string;
}

export type LoginContentType = 'json' | 'form';

export interface ServiceContract {
  login: HttpCall & { bodyTemplate: string | undefined; contentType: LoginContentType };
  /** Dot path to the token in the login answer's JSON. */
  tokenField: string;
  /** Dot path to the token's lifetime in seconds; undefined: take the token's `exp`. */
  expiresField: string | undefined;
  protected: HttpCall;
  logout: HttpCall;
  /** undefined: the service has no health endpoint, and preflight proves reachability with the login. */
  healthPath: string | undefined;
  /** Statuses that mean "refused" for a revoked or invalid token. */
  refusedStatuses: number[];
  /** undefined: the service does not say which worker answered. */
  workerHeader: string | undefined;
  revocationKey: string;
  revocationTtl: RevocationTtl;
  accounts: AccountSettings;
}

export const DEFAULT_LOGIN_BODY = '{"email":"{email}","password":"{password}"}';
export const DEFAULT_REVOCATION_KEY = 'revoked:{iss}:{jti}';
const LOGIN_PLACEHOLDERS = ['email', 'username', 'password', 'i'];
const KEY_PLACEHOLDERS = ['jti', 'iss', 'sub', 'token', 'token_sha256'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function method(env: Env, name: KnobName, fallback: string): string {
  const value = (read(env, name) ?? fallback).toUpperCase();
  if (!(METHODS as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${METHODS.join(', ')}, got "${read(env, name)}"`);
  }
  return value;
}

function path(env: Env, name: KnobName, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!/^\/[^\s?#]*$/.test(value)) {
    throw new ConfigError(name, `must be a path starting with "/" without spaces, ? or #, got "${value}"`);
  }
  return value;
}

function optionalPath(env: Env, name: KnobName, fallback: string): string | undefined {
  return readAllowingEmpty(env, name) === '' ? undefined : path(env, name, fallback);
}

function dotPath(env: Env, name: KnobName, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(value)) {
    throw new ConfigError(name, `must be a field name or a dot path like data.token, got "${value}"`);
  }
  return value;
}

function checkPlaceholders(name: KnobName, template: string, known: string[]): void {
  const unknown = placeholdersIn(template).filter((placeholder) => !known.includes(placeholder));
  if (unknown.length > 0) {
    throw new ConfigError(
      name,
      `uses unknown placeholder(s) ${unknown.map((p) => `{${p}}`).join(', ')}; known: ${known.map((p) => `{${p}}`).join(', ')}`,
    );
  }
}

function loginBody(env: Env): string | undefined {
  const value = readAllowingEmpty(env, 'LOGIN_BODY');
  if (value === '') return undefined;
  const template = value ?? DEFAULT_LOGIN_BODY;
  checkPlaceholders('LOGIN_BODY', template, LOGIN_PLACEHOLDERS);
  return template;
}

function statuses(env: Env, name: KnobName, fallback: number[]): number[] {
  const text = read(env, name);
  if (text === undefined) return fallback;
  const parsed = text.split(',').map((part) => part.trim());
  if (parsed.some((part) => !/^[1-5]\d\d$/.test(part))) {
    throw new ConfigError(name, `must be HTTP statuses separated by commas, like 401,403; got "${text}"`);
  }
  return [...new Set(parsed.map(Number))];
}

function header(env: Env, name: KnobName, fallback: string): string | undefined {
  const value = readAllowingEmpty(env, name);
  if (value === '') return undefined;
  const chosen = value ?? fallback;
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(chosen)) {
    throw new ConfigError(name, `must be an HTTP header name, got "${chosen}"`);
  }
  return chosen;
}

function revocationKey(env: Env): string {
  const template = read(env, 'REVOCATION_KEY');
  const prefix = read(env, 'REVOCATION_PREFIX');
  if (template !== undefined && prefix !== undefined) {
    throw new ConfigError(
      'REVOCATION_PREFIX',
      'is an older spelling of REVOCATION_KEY; set only REVOCATION_KEY',
    );
  }
  // REVOCATION_PREFIX=p stays an alias of REVOCATION_KEY=p:{iss}:{jti}.
  const key = template ?? (prefix === undefined ? DEFAULT_REVOCATION_KEY : `${prefix}:{iss}:{jti}`);
  if (/\s/.test(key)) throw new ConfigError('REVOCATION_KEY', `must not contain spaces, got "${key}"`);
  checkPlaceholders('REVOCATION_KEY', key, KEY_PLACEHOLDERS);
  return key;
}

function revocationTtl(env: Env): RevocationTtl {
  const text = read(env, 'REVOCATION_TTL') ?? 'token';
  if (text === 'token' || text === 'any') return { kind: text };
  if (/^\d+$/.test(text) && Number(text) > 0) return { kind: 'seconds', seconds: Number(text) };
  throw new ConfigError('REVOCATION_TTL', `must be "token", "any" or a number of seconds, got "${text}"`);
}

function accounts(env: Env): AccountSettings {
  return {
    prefix: noSpaces(env, 'USER_PREFIX', 'user'),
    domain: noSpaces(env, 'USER_DOMAIN', 'example.com'),
    count: integerAtLeast(env, 'USER_COUNT', 10000, 1),
    offset: integerAtLeast(env, 'USER_OFFSET', 0, 0),
    file: read(env, 'ACCOUNTS_FILE'),
  };
}

export function parseContract(env: Env): ServiceContract {
  return {
    login: {
      method: method(env, 'LOGIN_METHOD', 'POST'),
      path: path(env, 'LOGIN_PATH', '/auth/login'),
      bodyTemplate: loginBody(env),
      contentType: oneOf(env, 'LOGIN_CONTENT_TYPE', ['json', 'form'] as const, 'json'),
    },
    tokenField: dotPath(env, 'TOKEN_FIELD', 'access_token'),
    expiresField:
      readAllowingEmpty(env, 'EXPIRES_FIELD') === ''
        ? undefined
        : dotPath(env, 'EXPIRES_FIELD', 'expires_in'),
    protected: {
      method: method(env, 'PROTECTED_METHOD', 'GET'),
      path: path(env, 'PROTECTED_PATH', '/api/protected'),
    },
    logout: { method: method(env, 'LOGOUT_METHOD', 'POST'), path: path(env, 'LOGOUT_PATH', '/auth/logout') },
    healthPath: optionalPath(env, 'HEALTH_PATH', '/health'),
    refusedStatuses: statuses(env, 'REVOKED_STATUS', [401]),
    workerHeader: header(env, 'WORKER_HEADER', 'X-Worker-Id'),
    revocationKey: revocationKey(env),
    revocationTtl: revocationTtl(env),
    accounts: accounts(env),
  };
}
