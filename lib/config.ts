// The suite's configuration, read from k6's __ENV (`k6 run -e NAME=value`) and validated up front.
// Pure TypeScript: takes the env object as an argument so Node unit tests can call it, and throws a
// ConfigError naming the variable so a bad value stops k6 in init (exit 107) before any load starts.
// Nothing secret is read here: init runs for `k6 inspect` and `k6 archive` too, and whatever init needs
// ends up required there. USER_PASSWORD and Redis credentials are read at run time (lib/k6/secrets.ts).
import { parseContract, type ServiceContract } from './contract.ts';
import {
  ConfigError,
  type Env,
  fraction,
  integerAtLeast,
  noSpaces,
  number,
  read,
  readAllowingEmpty,
} from './env.ts';
import { OPT_OUT_VALUE } from './knobs/opt-out.ts';
import { loginLimitState, parseLoginLimit } from './login-limit-setting.ts';
import type { Level } from './plan.ts';
import { type ProfileOverrides, parseDurationS } from './profiles.ts';
import { parseSegment, type Segment } from './segment.ts';

export { ConfigError, type Env } from './env.ts';

export interface CloudSettings {
  projectId: number | undefined;
  /** LOAD_ZONES: zone and percentage, e.g. amazon:us:ashburn=50. */
  loadZones: Array<{ zone: string; percent: number }>;
}

export interface SuiteConfig {
  /** undefined at init is allowed (k6 inspect, k6 archive); setup() refuses to load without it. */
  baseUrl: string | undefined;
  contract: ServiceContract;
  thinkTimeS: { min: number; max: number };
  profileOverrides: ProfileOverrides;
  gate: Level;
  /**
   * Set: the Redis probe and monitor run. Unset: both are off and their criteria are NOT RUN (failing the
   * gate), unless REDIS_URL=off opted out of them by name (`redisOptOut`).
   */
  redis: { display: string } | undefined;
  /** REDIS_URL=off: no Redis to probe (e.g. Grafana Cloud), said on purpose; the report lists the opt-out. */
  redisOptOut: boolean;
  /** Fraction of virtual users that check Redis directly after their logouts. */
  probeSample: number;
  /** Share of iterations in which an authentication user logs out (and proves the token is dead), on a schedule. */
  logoutProbability: number;
  /** Revoked-token calls per state-sync iteration, each on a fresh connection. */
  syncChecks: number;
  reportDir: string;
  /** Unset: one is made from the start time (lib/k6/suite.ts). */
  runId: string | undefined;
  /** Folder name of this run's reports under the run id; unset: the test's name. */
  reportName: string | undefined;
  /** This instance's share when the test is split over several k6 processes. */
  segment: Segment | undefined;
  cloud: CloudSettings;
  /** The per-account login limit the service enforces (LOGIN_LIMIT_PER_ACCOUNT); undefined: not checked. */
  loginLimit: number | undefined;
  /** LOGIN_LIMIT_PER_ACCOUNT=off: the service has no per-account limit, said on purpose. */
  loginLimitOptOut: boolean;
  /**
   * INSTANCE_URLS: each instance's own URL, bypassing the balancer; the `instances` test checks across them.
   * Undefined: its criteria are NOT RUN (failing the gate), unless INSTANCE_URLS=off opted out.
   */
  instanceUrls: string[] | undefined;
  instanceUrlsOptOut: boolean;
}

// scheme://host[:port][/base/path]; host is a name, an IPv4 address or a bracketed IPv6 address.
const BASE_URL_SHAPE =
  /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:(\d{1,5}))?((\/[A-Za-z0-9._~%!$&'()*+,;=:@-]*)*)$/;

/** The service root without a trailing slash; a base path (gateway prefix) is kept, junk is refused. */
export function parseBaseUrl(text: string, variable: 'BASE_URL' | 'INSTANCE_URLS' = 'BASE_URL'): string {
  const match = BASE_URL_SHAPE.exec(text);
  if (!match) {
    throw new ConfigError(
      variable,
      `must look like http://host:port or https://host[/base-path] (no query, fragment, credentials or spaces), got "${text}"`,
    );
  }
  const port = match[4];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new ConfigError(variable, `has port ${port}, outside 1-65535`);
  }
  return text.replace(/\/+$/, '');
}

const REDIS_URL_SHAPE = /^(rediss?):\/\/(([^@/\s]*)@)?([^:/\s]+(:\d{1,5})?(\/\d+)?)$/;

/** REDIS_URL with any credentials replaced, for reports and logs; throws on a malformed value. */
export function redactRedisUrl(value: string): string {
  const match = REDIS_URL_SHAPE.exec(value);
  if (!match) {
    // The value may carry a password: say what is wrong without echoing it.
    throw new ConfigError('REDIS_URL', 'must look like redis://[:password@]host[:port][/db] (or rediss://)');
  }
  return `${match[1]}://${match[2] ? '***@' : ''}${match[4]}`;
}

/** The one REDIS_URL value that opts out of the probe's criteria by name. */
export const REDIS_OPT_OUT = OPT_OUT_VALUE;

function redis(env: Env): SuiteConfig['redis'] {
  const value = read(env, 'REDIS_URL');
  return value === undefined || value === REDIS_OPT_OUT ? undefined : { display: redactRedisUrl(value) };
}

/** INSTANCE_URLS: two or more distinct service URLs; `off` (or unset) gives undefined. */
function instanceUrls(env: Env): string[] | undefined {
  const text = read(env, 'INSTANCE_URLS');
  if (text === undefined || text === OPT_OUT_VALUE) return undefined;
  const urls = text
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '')
    .map((url) => parseBaseUrl(url, 'INSTANCE_URLS'));
  if (urls.length < 2) {
    throw new ConfigError(
      'INSTANCE_URLS',
      `needs the URLs of at least two instances (one instance has nothing to check across; INSTANCE_URLS=off opts out), got "${text}"`,
    );
  }
  if (new Set(urls).size !== urls.length)
    throw new ConfigError('INSTANCE_URLS', `names an instance twice: "${text}"`);
  return urls;
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

/** RUN_ID and REPORT_NAME become directory names under REPORT_DIR. */
function folderName(env: Env, name: 'RUN_ID' | 'REPORT_NAME'): string | undefined {
  const value = read(env, name);
  if (value !== undefined && !/^[A-Za-z0-9._@-]+$/.test(value)) {
    throw new ConfigError(name, `may only hold letters, digits, ".", "_", "@" and "-", got "${value}"`);
  }
  return value;
}

function loadZones(env: Env): CloudSettings['loadZones'] {
  const text = read(env, 'LOAD_ZONES');
  if (text === undefined) return [];
  const zones = text.split(',').map((entry) => {
    const match = /^\s*([a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]+)\s*=\s*(\d+(\.\d+)?)\s*$/.exec(entry);
    if (!match) {
      throw new ConfigError('LOAD_ZONES', `entries look like amazon:us:ashburn=50, got "${entry.trim()}"`);
    }
    return { zone: match[1] as string, percent: Number(match[2]) };
  });
  const total = zones.reduce((sum, zone) => sum + zone.percent, 0);
  if (Math.abs(total - 100) > 1e-9) {
    throw new ConfigError('LOAD_ZONES', `percentages must add up to 100, got ${total}`);
  }
  return zones;
}

function cloud(env: Env): CloudSettings {
  const project = read(env, 'K6_CLOUD_PROJECT_ID');
  if (project !== undefined && !/^\d+$/.test(project)) {
    throw new ConfigError('K6_CLOUD_PROJECT_ID', `must be a project number, got "${project}"`);
  }
  return { projectId: project === undefined ? undefined : Number(project), loadZones: loadZones(env) };
}

export function parseConfig(env: Env): SuiteConfig {
  const baseUrl = read(env, 'BASE_URL');
  return {
    baseUrl: baseUrl === undefined ? undefined : parseBaseUrl(baseUrl),
    contract: parseContract(env),
    thinkTimeS: thinkTime(env),
    profileOverrides: profileOverrides(env),
    gate: gate(env),
    redis: redis(env),
    redisOptOut: read(env, 'REDIS_URL') === REDIS_OPT_OUT,
    probeSample: fraction(env, 'PROBE_SAMPLE', 0.1, false),
    // Without logouts no revocation is ever checked, and every test gates revocation: refused, not run.
    logoutProbability: fraction(env, 'LOGOUT_PROBABILITY', 0.05, false),
    syncChecks: integerAtLeast(env, 'SYNC_CHECKS', 10, 2),
    reportDir: noSpaces(env, 'REPORT_DIR', 'reports'),
    runId: folderName(env, 'RUN_ID'),
    reportName: folderName(env, 'REPORT_NAME'),
    segment: parseSegment(env),
    cloud: cloud(env),
    loginLimit: parseLoginLimit(readAllowingEmpty(env, 'LOGIN_LIMIT_PER_ACCOUNT')),
    loginLimitOptOut: loginLimitState(readAllowingEmpty(env, 'LOGIN_LIMIT_PER_ACCOUNT')) === 'off',
    instanceUrls: instanceUrls(env),
    instanceUrlsOptOut: read(env, 'INSTANCE_URLS') === OPT_OUT_VALUE,
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
