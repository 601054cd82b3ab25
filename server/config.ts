// The service's whole configuration, read from the environment and validated before anything starts.
// The variables are declared once, as a TypeBox schema (types, ranges, defaults); parsing is pure (takes the
// env object) so it can be unit-tested, and every problem names its variable.
import { availableParallelism } from 'node:os';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { checkEnv } from './env-validation.ts';

export type StateMode = 'redis' | 'memory';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServiceConfig {
  port: number;
  host: string;
  /** Which instance of a multi-instance deployment this is (1..N); named in the worker header. */
  instanceId: number;
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
  /** Seconds between forced full GCs that measure the live heap (soaks); 0: off. */
  liveHeapSampleS: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export const MIN_SECRET_BYTES = 32;

const literals = <T extends string>(values: readonly T[], fallback: T) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { default: fallback },
  );
const int = (fallback: number, minimum: number, maximum: number) =>
  Type.Integer({ minimum, maximum, default: fallback });
const text = (fallback: string, pattern: string, description: string) =>
  Type.String({ pattern, default: fallback, description });

/** Every variable the service reads; docs/service.md lists them with their meaning. */
const EnvSchema = Type.Object({
  PORT: int(8080, 1, 65535),
  HOST: text('127.0.0.1', '^[\\w.:-]+$', 'must be a host name or IP address'),
  INSTANCE_ID: int(1, 1, 999),
  WORKERS: int(availableParallelism(), 1, 64),
  STATE: literals<StateMode>(['redis', 'memory'], 'redis'),
  REDIS_URL: text('redis://127.0.0.1:6379', '^rediss?://\\S+$', 'must be a redis:// or rediss:// URL'),
  JWT_SECRET: Type.Optional(
    Type.Refine(
      Type.String({ description: `must be at least ${MIN_SECRET_BYTES} bytes long` }),
      (value) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES,
    ),
  ),
  JWT_ISSUER: text('auth-loadtest', '^[\\w.:/-]{1,100}$', 'must be 1-100 URL-safe characters'),
  TOKEN_TTL_S: int(900, 1, 86_400),
  USER_COUNT: int(10_000, 1, 10_000_000),
  USER_PASSWORD: Type.String(),
  SCRYPT_COST: int(14, 4, 18),
  LOGIN_LIMIT_PER_ACCOUNT: int(10, 1, 1_000_000_000),
  LOGIN_LIMIT_PER_IP: int(1_000_000, 1, 1_000_000_000),
  LOGIN_WINDOW_S: int(60, 1, 86_400),
  REVOCATION_PREFIX: text('revoked', '^[\\w.:-]{1,64}$', 'must be 1-64 of [A-Za-z0-9_.:-]'),
  // 500 ms: measured in docs/service.md ("Choosing the command timeout"); 250 failed closed under CPU load.
  REDIS_COMMAND_TIMEOUT_MS: int(500, 10, 5_000),
  REDIS_AUTO_PIPELINING: Type.Boolean({ default: false }),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100, 600_000),
  LOG_LEVEL: literals<LogLevel>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'warn'),
  LIVE_HEAP_SAMPLE_S: int(0, 0, 3_600),
});

/** Never echoed in a problem (REDIS_URL may carry a password). */
const SECRETS: ReadonlySet<string> = new Set(['JWT_SECRET', 'USER_PASSWORD', 'REDIS_URL']);

export function parseConfig(env: Record<string, string | undefined>): ServiceConfig {
  const { values, problems } = checkEnv(EnvSchema, env, SECRETS);
  if (problems.length > 0) throw new ConfigError(problems);
  // Each variable passed its own check above; this narrows the record to the schema's type.
  if (!Value.Check(EnvSchema, values)) throw new ConfigError(['configuration does not match its schema']);
  const e: Static<typeof EnvSchema> = values;
  return {
    port: e.PORT,
    host: e.HOST,
    instanceId: e.INSTANCE_ID,
    workers: e.WORKERS,
    state: e.STATE,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    jwtIssuer: e.JWT_ISSUER,
    tokenTtlS: e.TOKEN_TTL_S,
    userCount: e.USER_COUNT,
    userPassword: e.USER_PASSWORD,
    scryptCost: e.SCRYPT_COST,
    loginLimitPerAccount: e.LOGIN_LIMIT_PER_ACCOUNT,
    loginLimitPerIp: e.LOGIN_LIMIT_PER_IP,
    loginWindowS: e.LOGIN_WINDOW_S,
    revocationPrefix: e.REVOCATION_PREFIX,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    redisAutoPipelining: e.REDIS_AUTO_PIPELINING,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    liveHeapSampleS: e.LIVE_HEAP_SAMPLE_S,
  };
}
