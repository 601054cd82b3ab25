// Starts one of the fixture services (spec/fixtures/services/*.ts) for a spec: a real redis-server
// (scripts/lib/stack/redis-server.ts) unless one is given, the service as a cluster of `processes` Node
// processes run through tsx, a per-start generated USER_PASSWORD, and stop() by PID. Every process is
// in the cleanup registry, so nothing outlives the spec run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { stopChild, trackChild } from '../../scripts/lib/stack/cleanup.ts';
import { freePort } from '../../scripts/lib/stack/free-port.ts';
import { type EmbeddedRedis, startRedis } from '../../scripts/lib/stack/redis-server.ts';
import { FIXTURE_READY_PREFIX } from '../fixtures/services/shared/cluster.ts';

export type FixtureName = 'plan-design' | 'alt-shape';

export interface FixtureOptions {
  /** Cluster size; default 2. */
  processes?: number;
  /** Default `redis` (shared); `process` is the per-process denylist the suite must catch. */
  denylist?: 'redis' | 'process';
  /** Accounts user0..user<n-1>@example.com; default 100. */
  userCount?: number;
  /** An existing Redis to use (it is not stopped by stop()); default: a private one started here. */
  redisUrl?: string;
  /** plan-design only: the status for a forged or tampered token (422: Flask-JWT-Extended's); default 401. */
  invalidTokenStatus?: number;
  /** plan-design only: logins granted per account and process before 429s (0: every login); default none. */
  loginsPerAccount?: number;
}

export interface FixtureService {
  name: FixtureName;
  baseUrl: string;
  /** Contains the Redis password; never print it. */
  redisUrl: string;
  /** The Redis started for this fixture (undefined when options.redisUrl was given). */
  redis: EmbeddedRedis | undefined;
  userPassword: string;
  userCount: number;
  processes: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

interface Launched {
  baseUrl: string;
  stop(): Promise<void>;
}

function launch(name: FixtureName, env: Record<string, string>): Promise<Launched> {
  const script = join(projectRoot, 'spec', 'fixtures', 'services', `${name}.ts`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    // Only what the service needs: the spec runner's own variables must not change its behaviour.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const untrack = trackChild(child, `fixture ${name}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(untrack);

  const stop = () => stopChild(child, exited, STOP_TIMEOUT_MS);

  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise<Launched>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    const timer = setTimeout(
      () =>
        fail(new Error(`fixture ${name} did not print its ready line within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = new RegExp(`^${FIXTURE_READY_PREFIX} \\S+ (\\S+)`).exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({ baseUrl: match[1], stop });
        }
      }
    });
    void exited.then(() =>
      fail(
        new Error(`fixture ${name} exited (code ${child.exitCode ?? child.signalCode}):\n${stderr.trim()}`),
      ),
    );
  });
}

export async function startFixtureService(
  name: FixtureName,
  options: FixtureOptions = {},
): Promise<FixtureService> {
  const processes = options.processes ?? 2;
  const userCount = options.userCount ?? 100;
  const userPassword = randomBytes(18).toString('base64url');
  const redis = options.redisUrl === undefined ? await startRedis() : undefined;
  const redisUrl = options.redisUrl ?? redis?.url ?? '';
  const stopRedis = async () => {
    await redis?.stop();
    if (redis) rmSync(redis.dir, { recursive: true, force: true });
  };

  let service: Launched | undefined;
  for (let attempt = 1; service === undefined; attempt++) {
    const env = {
      PORT: String(await freePort()),
      PROCESSES: String(processes),
      DENYLIST: options.denylist ?? 'redis',
      REDIS_URL: redisUrl,
      USER_COUNT: String(userCount),
      USER_PASSWORD: userPassword,
      ...(options.invalidTokenStatus === undefined
        ? {}
        : { INVALID_TOKEN_STATUS: String(options.invalidTokenStatus) }),
      ...(options.loginsPerAccount === undefined
        ? {}
        : { LOGINS_PER_ACCOUNT: String(options.loginsPerAccount) }),
    };
    try {
      service = await launch(name, env);
    } catch (error) {
      // The free port may have been taken before the service bound it; anything else is real.
      if (!/EADDRINUSE/.test((error as Error).message) || attempt >= 3) {
        await stopRedis();
        throw error;
      }
    }
  }

  const running = service;
  let stopped: Promise<void> | undefined;
  return {
    name,
    baseUrl: running.baseUrl,
    redisUrl,
    redis,
    userPassword,
    userCount,
    processes,
    stop() {
      stopped ??= running.stop().then(stopRedis);
      return stopped;
    },
  };
}

export type Knobs = Record<string, string>;

/** Each fixture's configuration, exactly as docs/adopting.md ("Service shapes") gives it. */
export const FIXTURE_KNOBS: Record<FixtureName, Knobs> = {
  // The plan's design: default paths, body and token field; no expires_in (expiry from the token's exp);
  // denylist key blacklist:<raw token> with a fixed 3600 s TTL; no worker header.
  // Neither fixture limits logins per account: opting out of the shared-limit check is the truth about them.
  'plan-design': {
    LOGIN_LIMIT_PER_ACCOUNT: 'off',
    REVOCATION_KEY: 'blacklist:{token}',
    REVOCATION_TTL: '3600',
    WORKER_HEADER: '',
  },
  'alt-shape': {
    LOGIN_LIMIT_PER_ACCOUNT: 'off',
    LOGIN_PATH: '/api/v1/sessions',
    LOGIN_BODY: '',
    TOKEN_FIELD: 'data.token',
    EXPIRES_FIELD: 'data.ttl',
    PROTECTED_PATH: '/api/v1/me',
    LOGOUT_METHOD: 'DELETE',
    LOGOUT_PATH: '/api/v1/sessions',
    HEALTH_PATH: '',
    REVOKED_STATUS: '403',
    WORKER_HEADER: 'X-Served-By',
    REVOCATION_KEY: '{jti}',
    REVOCATION_TTL: '600',
  },
};

/** What a k6 run needs to reach a fixture service: its address, accounts, Redis and contract knobs. */
export function fixtureRunEnv(fixture: FixtureService): Record<string, string | number> {
  return {
    BASE_URL: fixture.baseUrl,
    USER_PASSWORD: fixture.userPassword,
    USER_COUNT: fixture.userCount,
    REDIS_URL: fixture.redisUrl,
    ...FIXTURE_KNOBS[fixture.name],
  };
}

/** A denylist key template that derives a key for every token of the fixture, but one nothing stores. */
export const UNMATCHED_KEY: Record<FixtureName, string> = {
  'plan-design': 'nothing:{token}', // its tokens have no jti
  'alt-shape': 'nothing:{jti}',
};
