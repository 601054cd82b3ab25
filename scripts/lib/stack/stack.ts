// The embedded stack: a private Redis plus the reference service wired to it, with a per-run generated
// USER_PASSWORD. With `instances` >= 2, that many service instances (each with `workers` workers) share one
// generated JWT secret and the one Redis, behind HAProxy (haproxy.ts), and baseUrl is the balancer's.
// Everything started here is stopped by stop(), and by the process registry (cleanup.ts) on exit, Ctrl-C
// or a crash.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { balancerTraffic } from './balancer-stats.ts';
import { type Affinity, type RunningBalancer, startBalancer } from './haproxy.ts';
import { type EmbeddedRedis, type StartRedisOptions, startRedis } from './redis-server.ts';
import { type RunningService, type StartServiceOptions, startService } from './service-process.ts';
import { stackObserver } from './stack-observer.ts';

export interface StackOptions {
  /** Default: the service's own default, one per CPU. */
  workers?: number;
  state?: 'redis' | 'memory';
  userCount?: number;
  /** Extra service variables (SCRYPT_COST, LOGIN_LIMIT_PER_ACCOUNT, ...). */
  env?: Record<string, string>;
  /** Redis settings other than the defaults (npm run sensitivity only). */
  redis?: Pick<StartRedisOptions, 'persistence'>;
  /** Service instances behind a balancer; default 1 (no balancer). Commands pass INSTANCES. */
  instances?: number;
  /** How the balancer spreads requests (LB_AFFINITY); default round-robin. */
  affinity?: Affinity;
}

export interface Stack {
  redis: EmbeddedRedis;
  /** The first instance (the only one unless `instances` >= 2). */
  service: RunningService;
  /** Every instance, in order: instance i+1 answers as "i<i+1>-w<worker>". */
  instances: RunningService[];
  /** HAProxy in front of the instances; undefined with one instance. */
  balancer: RunningBalancer | undefined;
  /** The balancer's URL with several instances, else the service's. */
  baseUrl: string;
  /** Each instance's own URL, bypassing the balancer (what INSTANCE_URLS names). */
  instanceUrls: string[];
  /** Contains the Redis password; never print it. */
  redisUrl: string;
  userPassword: string;
  /**
   * Drains instance `index` (0-based) in the balancer (no new requests), stops it (the service finishes what it
   * has in flight), and with restartInstance starts it again on the same port and settings, then readies it.
   * The instance-loss drill; only with several instances.
   */
  stopInstance(index: number): Promise<void>;
  restartInstance(index: number): Promise<void>;
  stop(): Promise<void>;
}

/** Each instance's settings; with more than one they share a generated JWT secret and are numbered. */
function instanceOptions(count: number, common: StartServiceOptions): StartServiceOptions[] {
  const shared: Partial<StartServiceOptions> =
    count > 1 ? { jwtSecret: common.jwtSecret ?? randomBytes(32).toString('base64url') } : {};
  return Array.from({ length: count }, (_, index) => ({
    ...common,
    ...shared,
    env: { ...(count > 1 ? { INSTANCE_ID: String(index + 1) } : {}), ...common.env },
  }));
}

/** Starts every instance; stops them all on failure. */
async function startInstances(settings: StartServiceOptions[]): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    // One at a time: each instance's workers hash the test accounts' password at start-up, CPU-bound.
    for (const options of settings) started.push(await startService(options));
    return started;
  } catch (error) {
    await Promise.all(started.map((service) => service.stop()));
    throw error;
  }
}

/** Waits until the balancer's health check has the server UP again (it failed its checks while stopped). */
async function untilServing(balancer: RunningBalancer, server: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { instances } = await balancerTraffic(balancer);
    const status = instances.find((instance) => instance.name === server)?.status ?? 'missing';
    if (status.startsWith('UP')) return;
    if (Date.now() >= deadline)
      throw new Error(
        `haproxy still has ${server} ${status} ${timeoutMs / 1000} s after it was started again`,
      );
    await sleep(100);
  }
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const userPassword = randomBytes(18).toString('base64url');
  // Redis runs for STATE=memory too: the suite's Redis probe must find it, and find it empty.
  const redis = await startRedis(options.redis);
  const count = options.instances ?? 1;
  let instances: RunningService[];
  let balancer: RunningBalancer | undefined;
  const settings = instanceOptions(count, {
    redisUrl: redis.url,
    workers: options.workers ?? availableParallelism(),
    state: options.state ?? 'redis',
    userCount: options.userCount,
    userPassword,
    env: options.env,
  });
  try {
    instances = await startInstances(settings);
  } catch (error) {
    await redis.stop();
    throw error;
  }
  if (count > 1) {
    try {
      const backends = instances.map((service, index) => ({ name: `i${index + 1}`, port: service.port }));
      balancer = await startBalancer(backends, options.affinity ?? 'none');
    } catch (error) {
      await Promise.all(instances.map((service) => service.stop()));
      await redis.stop();
      throw error;
    }
  }
  const [service] = instances;

  let stopped: Promise<void> | undefined;
  const observed = {
    baseUrl: service.baseUrl,
    redisHost: redis.host,
    redisPort: redis.port,
    redisPassword: redis.password,
  };
  const stack: Stack = {
    redis,
    service,
    instances,
    balancer,
    baseUrl: balancer?.baseUrl ?? service.baseUrl,
    instanceUrls: instances.map((instance) => instance.baseUrl),
    redisUrl: redis.url,
    userPassword,
    async stopInstance(index) {
      const instance = instances[index];
      if (!balancer || !instance) throw new Error(`no instance ${index + 1} behind a balancer to stop`);
      await balancer.setState(`i${index + 1}`, 'drain');
      await instance.stop();
    },
    async restartInstance(index) {
      const instance = instances[index];
      const options = settings[index];
      if (!balancer || !instance || !options)
        throw new Error(`no instance ${index + 1} behind a balancer to start`);
      instances[index] = await startService({ ...options, port: instance.port });
      await balancer.setState(`i${index + 1}`, 'ready');
      await untilServing(balancer, `i${index + 1}`);
    },
    stop() {
      stopped ??= (async () => {
        await stackObserver()?.stackStopped(observed);
        await balancer?.stop();
        await Promise.all(instances.map((instance) => instance.stop()));
        await redis.stop();
        rmSync(redis.dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  await stackObserver()?.stackStarted(observed);
  return stack;
}
