// The suite's configuration, read from k6's __ENV (`k6 run -e NAME=value`) and validated up front.
// Pure TypeScript: takes the env object as an argument so Node unit tests can call it, and throws a
// ConfigError naming the variable so a bad value stops k6 in init (exit 107) before any load starts.
import type { Level } from './plan.ts';
import { type ProfileOverrides, parseDurationS } from './profiles.ts';

export type Env = Record<string, string | undefined>;

export interface EndpointPaths {
  login: string;
  protected: string;
  logout: string;
  health: string;
}

export interface AccountSettings {
  prefix: string;
  domain: string;
  /** Accounts the service has: user<0> … user<count-1>. */
  count: number;
  /** Where virtual user 1 starts in that range, so two runs can use different accounts. */
  offset: number;
  password: string;
}

export interface SuiteConfig {
  baseUrl: string;
  paths: EndpointPaths;
  accounts: AccountSettings;
  thinkTimeS: { min: number; max: number };
  profileOverrides: ProfileOverrides;
  gate: Level;
  /** Set: the Redis probe and monitor run. Unset: both are off (e.g. Grafana Cloud, no reachable Redis). */
  redisUrl: string | undefined;
  revocationPrefix: string;
  /** Fraction of virtual users that check Redis directly after their logouts. */
  probeSample: number;
  /** Chance per iteration that an authentication user logs out (and proves the token is dead). */
  logoutProbability: number;
  /** Revoked-token calls per state-sync iteration, each on a fresh connection. */
  syncChecks: number;
  reportDir: string;
  /** Unset: setup() derives one from the start time and hands it to handleSummary (see lib/suite.ts). */
  runId: string | undefined;
  /** Folder name of this run's reports under the run id; unset: the test's name. */
  reportName: string | undefined;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** k6 turns `-e NAME=` into an empty string; treat it as "not set". */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function required(env: Env, name: string, hint: string): string {
  const value = read(env, name);
  if (value === undefined) throw new ConfigError(name, `is required: ${hint}`);
  return value;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function number(env: Env, name: string, fallback: number): number;
function number(env: Env, name: string, fallback: undefined): number | undefined;
function number(env: Env, name: string, fallback: number | undefined): number | undefined {
  const text = read(env, name);
  if (text === undefined) return fallback;
  // Number() would accept "0x10", "1e3" and "Infinity"; a typo in a knob should not.
  if (!DECIMAL.test(text)) throw new ConfigError(name, `must be a number, got "${text}"`);
  return Number(text);
}

function integerAtLeast(env: Env, name: string, fallback: number, minimum: number): number {
  const value = number(env, name, fallback);
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(name, `must be a whole number >= ${minimum}, got "${read(env, name)}"`);
  }
  return value;
}

function fraction(env: Env, name: string, fallback: number, allowZero: boolean): number {
  const value = number(env, name, fallback);
  if (!(value <= 1 && (allowZero ? value >= 0 : value > 0))) {
    throw new ConfigError(name, `must be in ${allowZero ? '[0, 1]' : '(0, 1]'}, got "${read(env, name)}"`);
  }
  return value;
}

// scheme://host[:port][/base/path]; host is a name, an IPv4 address or a bracketed IPv6 address.
const BASE_URL_SHAPE =
  /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:(\d{1,5}))?((\/[A-Za-z0-9._~%!$&'()*+,;=:@-]*)*)$/;

/** The service root without a trailing slash; a base path (gateway prefix) is kept, junk is refused. */
export function parseBaseUrl(text: string): string {
  const match = BASE_URL_SHAPE.exec(text);
  if (!match) {
    throw new ConfigError(
      'BASE_URL',
      `must look like http://host:port or https://host[/base-path] (no query, fragment, credentials or spaces), got "${text}"`,
    );
  }
  const port = match[4];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new ConfigError('BASE_URL', `has port ${port}, outside 1-65535`);
  }
  return text.replace(/\/+$/, '');
}

function path(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!/^\/[^\s?#]*$/.test(value)) {
    throw new ConfigError(name, `must be a path starting with "/" without spaces, ? or #, got "${value}"`);
  }
  return value;
}

const REDIS_URL_SHAPE = /^rediss?:\/\/([^@/\s]*@)?[^:/\s]+(:\d{1,5})?(\/\d+)?$/;

function redisUrl(env: Env): string | undefined {
  const value = read(env, 'REDIS_URL');
  if (value !== undefined && !REDIS_URL_SHAPE.test(value)) {
    // The value may carry a password: say what is wrong without echoing it.
    throw new ConfigError('REDIS_URL', 'must look like redis://[:password@]host[:port][/db] (or rediss://)');
  }
  return value;
}

function gate(env: Env): Level {
  const value = read(env, 'GATE') ?? 'target';
  if (value !== 'target' && value !== 'stretch') {
    throw new ConfigError('GATE', `must be "target" or "stretch", got "${value}"`);
  }
  return value;
}

function profileOverrides(env: Env): ProfileOverrides {
  const overrides: ProfileOverrides = {};
  const scale = number(env, 'SCALE', undefined);
  if (scale !== undefined) {
    if (!(scale > 0 && scale <= 1)) throw new ConfigError('SCALE', `must be in (0, 1], got "${scale}"`);
    overrides.scale = scale;
  }
  if (read(env, 'USERS') !== undefined) overrides.users = integerAtLeast(env, 'USERS', 1, 1);
  const spawnRate = number(env, 'SPAWN_RATE', undefined);
  if (spawnRate !== undefined) {
    if (!(spawnRate > 0))
      throw new ConfigError('SPAWN_RATE', `must be > 0 users per second, got "${spawnRate}"`);
    overrides.spawnRate = spawnRate;
  }
  const duration = read(env, 'DURATION');
  if (duration !== undefined) {
    let seconds: number;
    try {
      seconds = parseDurationS(duration);
    } catch {
      throw new ConfigError('DURATION', `must be seconds or like 90s, 5m, 1h30m, got "${duration}"`);
    }
    if (!(seconds >= 1)) throw new ConfigError('DURATION', `must be at least 1 s, got "${duration}"`);
    overrides.runTimeS = seconds;
  }
  return overrides;
}

function thinkTime(env: Env): { min: number; max: number } {
  const min = number(env, 'THINK_MIN_S', 2);
  const max = number(env, 'THINK_MAX_S', 6);
  if (!(min >= 0)) throw new ConfigError('THINK_MIN_S', `must be >= 0 seconds, got "${min}"`);
  if (!(max >= min)) throw new ConfigError('THINK_MAX_S', `must be >= THINK_MIN_S (${min}), got "${max}"`);
  return { min, max };
}

function password(env: Env): string {
  // Taken verbatim (spaces may be part of it) and never echoed in an error message.
  const value = env.USER_PASSWORD;
  if (value === undefined || value === '') {
    throw new ConfigError('USER_PASSWORD', "is required: the test accounts' password (it has no default)");
  }
  return value;
}

/** RUN_ID and REPORT_NAME become directory names under REPORT_DIR. */
function folderName(env: Env, name: 'RUN_ID' | 'REPORT_NAME'): string | undefined {
  const value = read(env, name);
  if (value !== undefined && !/^[A-Za-z0-9._@-]+$/.test(value)) {
    throw new ConfigError(name, `may only hold letters, digits, ".", "_", "@" and "-", got "${value}"`);
  }
  return value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (/\s/.test(value)) throw new ConfigError(name, `must not contain spaces, got "${value}"`);
  return value;
}

export function parseConfig(env: Env): SuiteConfig {
  return {
    baseUrl: parseBaseUrl(
      required(env, 'BASE_URL', 'the service under test, e.g. -e BASE_URL=http://127.0.0.1:8080'),
    ),
    paths: {
      login: path(env, 'LOGIN_PATH', '/auth/login'),
      protected: path(env, 'PROTECTED_PATH', '/api/protected'),
      logout: path(env, 'LOGOUT_PATH', '/auth/logout'),
      health: path(env, 'HEALTH_PATH', '/health'),
    },
    accounts: {
      prefix: nonEmpty(env, 'USER_PREFIX', 'user'),
      domain: nonEmpty(env, 'USER_DOMAIN', 'example.com'),
      count: integerAtLeast(env, 'USER_COUNT', 10000, 1),
      offset: integerAtLeast(env, 'USER_OFFSET', 0, 0),
      password: password(env),
    },
    thinkTimeS: thinkTime(env),
    profileOverrides: profileOverrides(env),
    gate: gate(env),
    redisUrl: redisUrl(env),
    revocationPrefix: nonEmpty(env, 'REVOCATION_PREFIX', 'revoked'),
    probeSample: fraction(env, 'PROBE_SAMPLE', 0.1, false),
    logoutProbability: fraction(env, 'LOGOUT_PROBABILITY', 0.05, true),
    syncChecks: integerAtLeast(env, 'SYNC_CHECKS', 10, 2),
    reportDir: nonEmpty(env, 'REPORT_DIR', 'reports'),
    runId: folderName(env, 'RUN_ID'),
    reportName: folderName(env, 'REPORT_NAME'),
  };
}

/** A sortable, path-safe id for a run started at `at`, e.g. 20261126-162036. */
export function defaultRunId(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}
