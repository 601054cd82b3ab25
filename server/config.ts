// The service's whole configuration, read from the environment and validated before anything starts.
// Parsing is pure (takes the env object) so it can be unit-tested; every problem names its variable.
import { availableParallelism } from 'node:os';

export type StateMode = 'redis' | 'memory';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServiceConfig {
  port: number;
  host: string;
  workers: number;
  state: StateMode;
  redisUrl: string;
  /** Undefined until the primary generates one; workers always receive it. */
  jwtSecret: string | undefined;
  jwtIssuer: string;
  tokenTtlS: number;
  userCount: number;
  userPassword: string;
  /** log2 of scrypt's N. */
  scryptCost: number;
  loginLimitPerAccount: number;
  loginLimitPerIp: number;
  loginWindowS: number;
  revocationPrefix: string;
  redisCommandTimeoutMs: number;
  redisAutoPipelining: boolean;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export const MIN_SECRET_BYTES = 32;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

/** Collects problems instead of stopping at the first, so one start shows every mistake. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(text)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
      return fallback;
    }
    return text as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    this.problems.push(`${name} must be true or false, got "${text}"`);
    return fallback;
  }

  text(name: string, fallback: string, pattern: RegExp, rule: string): string {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (!pattern.test(text)) {
      this.problems.push(`${name} ${rule}, got "${text}"`);
      return fallback;
    }
    return text;
  }

  /** A secret is never echoed back, only its problem. */
  secret(name: string, required: boolean, minBytes: number): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') {
      if (required) this.problems.push(`${name} is required (no default on purpose)`);
      return undefined;
    }
    if (Buffer.byteLength(value, 'utf8') < minBytes) {
      this.problems.push(`${name} must be at least ${minBytes} bytes long`);
      return undefined;
    }
    return value;
  }

  redisUrl(name: string, fallback: string): string {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    try {
      const url = new URL(text);
      if (url.protocol === 'redis:' || url.protocol === 'rediss:') return text;
    } catch {
      // reported below; the URL may hold a password, so it is not echoed
    }
    this.problems.push(`${name} must be a redis:// or rediss:// URL`);
    return fallback;
  }
}

export function parseConfig(env: Env): ServiceConfig {
  const read = new EnvReader(env);
  const config: ServiceConfig = {
    port: read.integer('PORT', 8080, 1, 65535),
    host: read.text('HOST', '127.0.0.1', /^[\w.:-]+$/, 'must be a host name or IP address'),
    workers: read.integer('WORKERS', availableParallelism(), 1, 64),
    state: read.oneOf<StateMode>('STATE', 'redis', ['redis', 'memory']),
    redisUrl: read.redisUrl('REDIS_URL', 'redis://127.0.0.1:6379'),
    jwtSecret: read.secret('JWT_SECRET', false, MIN_SECRET_BYTES),
    jwtIssuer: read.text(
      'JWT_ISSUER',
      'auth-loadtest',
      /^[\w.:/-]{1,100}$/,
      'must be 1-100 URL-safe characters',
    ),
    tokenTtlS: read.integer('TOKEN_TTL_S', 900, 1, 86_400),
    userCount: read.integer('USER_COUNT', 10_000, 1, 10_000_000),
    userPassword: read.secret('USER_PASSWORD', true, 1) ?? '',
    scryptCost: read.integer('SCRYPT_COST', 14, 4, 18),
    loginLimitPerAccount: read.integer('LOGIN_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000_000),
    loginLimitPerIp: read.integer('LOGIN_LIMIT_PER_IP', 1_000_000, 1, 1_000_000_000),
    loginWindowS: read.integer('LOGIN_WINDOW_S', 60, 1, 86_400),
    revocationPrefix: read.text(
      'REVOCATION_PREFIX',
      'revoked',
      /^[\w.:-]{1,64}$/,
      'must be 1-64 of [A-Za-z0-9_.:-]',
    ),
    redisCommandTimeoutMs: read.integer('REDIS_COMMAND_TIMEOUT_MS', 250, 10, 5_000),
    redisAutoPipelining: read.boolean('REDIS_AUTO_PIPELINING', false),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    logLevel: read.oneOf<LogLevel>('LOG_LEVEL', 'warn', LOG_LEVELS),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
