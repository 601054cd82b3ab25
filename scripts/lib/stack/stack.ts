// The embedded stack: a private Redis plus the reference service wired to it, with a per-run generated
// USER_PASSWORD. Everything started here is stopped by stop(), and by the process registry
// (cleanup.ts) on exit, Ctrl-C or a crash.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type EmbeddedRedis, type StartRedisOptions, startRedis } from './redis-server.ts';
import { type RunningService, startService } from './service-process.ts';
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
}

export interface Stack {
  redis: EmbeddedRedis;
  service: RunningService;
  baseUrl: string;
  /** Contains the Redis password; never print it. */
  redisUrl: string;
  userPassword: string;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const userPassword = randomBytes(18).toString('base64url');
  // Redis runs for STATE=memory too: the suite's Redis probe must find it, and find it empty.
  const redis = await startRedis(options.redis);
  let service: RunningService;
  try {
    service = await startService({
      redisUrl: redis.url,
      workers: options.workers ?? availableParallelism(),
      state: options.state ?? 'redis',
      userCount: options.userCount,
      userPassword,
      env: options.env,
    });
  } catch (error) {
    await redis.stop();
    throw error;
  }

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
    baseUrl: service.baseUrl,
    redisUrl: redis.url,
    userPassword,
    stop() {
      stopped ??= (async () => {
        await stackObserver()?.stackStopped(observed);
        await service.stop();
        await redis.stop();
        rmSync(redis.dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  await stackObserver()?.stackStarted(observed);
  return stack;
}
