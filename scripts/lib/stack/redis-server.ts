// Embedded Redis for local runs and specs: a private redis-server on a free 127.0.0.1 port, with a
// per-run password, AOF persistence in .run/redis-<port>/, and no eviction.
//
// Durability choice: `appendfsync always`. With `everysec`, Redis write(2)s the AOF before replying, so
// an acknowledged revocation normally survives SIGKILL of the process already; but when a background
// fsync is slow, Redis postpones that write for up to 2 s while still replying, and a crash then loses
// acknowledged writes. The plan gates on "zero lost revocations", so the guarantee must not depend on
// disk latency; `always` fsyncs before replying, batching all writes of one event-loop pass, which
// costs little at the write rates of a logout workload.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { runDir } from '../paths.ts';
import { canInstallWithApt, installWithApt } from './apt-install.ts';
import { trackChild } from './cleanup.ts';
import { freePort } from './free-port.ts';

export interface EmbeddedRedis {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** redis://:<password>@127.0.0.1:<port> — contains the password; never print it. */
  readonly url: string;
  readonly dir: string;
  /** PID of the current redis-server process (changes on restart). */
  readonly pid: number;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again with the same port, directory, password and data. */
  restart(): Promise<void>;
  running(): boolean;
}

export interface StartRedisOptions {
  /** Data directory; default .run/redis-<port> (emptied first). A given dir keeps its data. */
  dir?: string;
  port?: number;
  password?: string;
  /**
   * false: no AOF and no snapshots, so a restart empties Redis. Only for `npm run sensitivity`, which
   * proves the failover drill notices revocations lost that way; every other run keeps the default.
   */
  persistence?: boolean;
}

const MINIMUM_VERSION = [6, 2]; // SET ... EXAT
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const HOST = '127.0.0.1';

const INSTALL_HELP =
  'redis-server (Redis 6.2 or newer) is required and was not found. Install it: ' +
  'Debian/Ubuntu: sudo apt-get install -y redis-server; Fedora/RHEL: sudo dnf install redis; ' +
  'macOS: brew install redis; or point REDIS_SERVER_BIN at an existing redis-server.';

function findRedisServer(): string | undefined {
  if (process.env.REDIS_SERVER_BIN) return process.env.REDIS_SERVER_BIN;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  return dirs
    .map((dir) => join(dir, 'redis-server'))
    .find((path) => path !== 'redis-server' && existsSync(path));
}

function versionOf(binary: string): number[] | undefined {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /v=(\d+)\.(\d+)\.(\d+)/.exec(run.stdout ?? '');
  return match ? match.slice(1).map(Number) : undefined;
}

/** Path of a usable redis-server; installs it with apt when missing on Debian/Ubuntu as root. */
export function ensureRedisServer(): string {
  let binary = findRedisServer();
  if (!binary && canInstallWithApt()) {
    installWithApt('redis-server', INSTALL_HELP);
    binary = findRedisServer();
  }
  if (!binary || !existsSync(binary)) throw new Error(INSTALL_HELP);
  const version = versionOf(binary);
  if (!version) throw new Error(`${binary} did not answer "redis-server --version". ${INSTALL_HELP}`);
  const [major, minor] = version;
  if (major < MINIMUM_VERSION[0] || (major === MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1])) {
    throw new Error(`${binary} is Redis ${version.join('.')}; 6.2 or newer is needed. ${INSTALL_HELP}`);
  }
  return binary;
}

function configText(port: number, password: string, dir: string, persistence: boolean): string {
  return [
    `port ${port}`,
    `bind ${HOST}`,
    'protected-mode yes',
    'daemonize no',
    `requirepass "${password}"`,
    `dir "${dir}"`,
    `logfile "${join(dir, 'redis.log')}"`,
    ...(persistence ? ['appendonly yes', 'appendfsync always'] : ['appendonly no']),
    // AOF is the persistence; RDB snapshots would only add fork pauses.
    'save ""',
    // Denylist keys must never be evicted (that would un-revoke tokens); at the limit, writes fail
    // and logout answers 503 instead.
    'maxmemory 1gb',
    'maxmemory-policy noeviction',
    '',
  ].join('\n');
}

async function pingOnce(port: number, password: string): Promise<boolean> {
  const client = new Redis({
    host: HOST,
    port,
    password,
    lazyConnect: true,
    connectTimeout: 500,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false; // refused, or LOADING while the AOF is replayed
  } finally {
    client.disconnect();
  }
}

function tail(file: string, lines = 5): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

class RedisProcess implements EmbeddedRedis {
  readonly host = HOST;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly binary: string,
    readonly port: number,
    readonly password: string,
    readonly dir: string,
  ) {}

  get url(): string {
    return `redis://:${encodeURIComponent(this.password)}@${HOST}:${this.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  private get configFile(): string {
    return join(this.dir, 'redis.conf');
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns redis-server and resolves once it answers an authenticated PING. */
  async launch(): Promise<void> {
    const child = spawn(this.binary, [this.configFile], { stdio: 'ignore' });
    this.child = child;
    const untrack = trackChild(child, `redis-server :${this.port}`);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(untrack);
    child.once('error', () => {}); // surfaces below as "exited before it was ready"

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running()) {
        throw new Error(
          `redis-server on port ${this.port} exited before it was ready:\n${tail(join(this.dir, 'redis.log'))}`,
        );
      }
      if (await pingOnce(this.port, this.password)) return;
      await sleep(50);
    }
    await this.stop('SIGKILL');
    throw new Error(
      `redis-server on port ${this.port} did not answer PING within ${READY_TIMEOUT_MS / 1000} s`,
    );
  }

  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const pid = this.child?.pid;
    if (!this.running() || pid === undefined) return;
    process.kill(pid, signal);
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      sleep(STOP_TIMEOUT_MS, true, { ref: false }),
    ]);
    if (timedOut) {
      process.kill(pid, 'SIGKILL');
      await this.exited;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }
}

export async function startRedis(options: StartRedisOptions = {}): Promise<EmbeddedRedis> {
  const binary = ensureRedisServer();
  const password = options.password ?? randomBytes(24).toString('hex');
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const dir = options.dir ?? join(runDir, `redis-${port}`);
    // A leftover directory from an earlier run would replay its keys (and counters) into this one.
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The password lives in a 0600 file, not in argv where any process listing would show it.
    const configFile = join(dir, 'redis.conf');
    writeFileSync(configFile, configText(port, password, dir, options.persistence ?? true), { mode: 0o600 });
    chmodSync(configFile, 0o600);
    const redis = new RedisProcess(binary, port, password, dir);
    try {
      await redis.launch();
      return redis;
    } catch (error) {
      // Most likely the port was taken between choosing and binding; a chosen port is final.
      if (options.port !== undefined || attempt >= 3) throw error;
    }
  }
}
