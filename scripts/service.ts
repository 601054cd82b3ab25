// `npm run service`: the embedded stack (Redis + reference service) in the foreground for manual runs.
// Usage: npm run service -- [--workers N] [--state redis|memory] [--users N] [--show-secrets]
// Other service settings come from the environment (e.g. SCRYPT_COST=12 npm run service); INSTANCES=N starts N
// instances behind HAProxy (LB_AFFINITY=cookie for sticky sessions) and prints each one's URL too.
// Secrets go to .run/service.env (0600) for k6 to read; they are printed only with --show-secrets.
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, runDir } from './lib/paths.ts';
import { ensureHaproxy } from './lib/stack/haproxy.ts';
import { instancesSetting } from './lib/stack/instances-setting.ts';
import { ensureRedisServer } from './lib/stack/redis-server.ts';
import { startStack } from './lib/stack/stack.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(availableParallelism()) },
    state: { type: 'string', default: 'redis' },
    users: { type: 'string', default: '10000' },
    'show-secrets': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const workers = Number(values.workers);
const userCount = Number(values.users);
if (!Number.isInteger(workers) || workers < 1)
  fail(`--workers must be a positive integer, got "${values.workers}"`);
if (!Number.isInteger(userCount) || userCount < 1)
  fail(`--users must be a positive integer, got "${values.users}"`);
if (values.state !== 'redis' && values.state !== 'memory')
  fail(`--state must be redis or memory, got "${values.state}"`);
const state = values.state;
const show = values['show-secrets'];

let setting: ReturnType<typeof instancesSetting>;
try {
  setting = instancesSetting(process.env);
  ensureRedisServer();
  if (setting.instances > 1) ensureHaproxy();
} catch (error) {
  fail((error as Error).message);
}
const stack = await startStack({ workers, state, userCount, ...setting }).catch((error: Error) =>
  fail(error.message),
);

const envFile = join(runDir, 'service.env');
const several = stack.instances.length > 1;
const settings = {
  BASE_URL: stack.baseUrl,
  ...(several ? { INSTANCE_URLS: stack.instanceUrls.join(',') } : {}),
  REDIS_URL: stack.redisUrl,
  USER_PASSWORD: stack.userPassword,
  USER_COUNT: userCount,
};
writeFileSync(
  envFile,
  `${Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`,
  { mode: 0o600 },
);
process.on('exit', () => rmSync(envFile, { force: true }));

// With several instances the test that needs them (INSTANCE_URLS is in the settings file too).
const bundle = several ? 'instances.js' : 'smoke.js';
const masked = (secret: string) => (show ? secret : '****');
const redisUrl = show ? stack.redisUrl : stack.redisUrl.replace(/:\/\/:[^@]*@/, '://:****@');
const k6Command = show
  ? `BASE_URL=${stack.baseUrl} USER_PASSWORD='${stack.userPassword}' REDIS_URL='${stack.redisUrl}' USER_COUNT=${userCount}${several ? ` INSTANCE_URLS=${stack.instanceUrls.join(',')}` : ''} k6 run build/${bundle}`
  : `set -a; . ${relative(projectRoot, envFile)}; set +a; k6 run build/${bundle}`;

const shape = several
  ? `${stack.instances.length} instances x ${workers} workers behind HAProxy (${setting.affinity === 'cookie' ? 'cookie affinity' : 'round-robin'})`
  : `${workers} workers`;
console.log(`auth service stack is up (${shape}, STATE=${state}, ${userCount} users); Ctrl-C stops it

  BASE_URL=${stack.baseUrl}${several ? `\n  INSTANCE_URLS=${stack.instanceUrls.join(',')}` : ''}
  REDIS_URL=${redisUrl}
  USER_PASSWORD=${masked(stack.userPassword)}${show ? '' : '   (--show-secrets prints the secrets)'}
  service log: ${stack.instances.map((instance) => relative(projectRoot, instance.logFile)).join(', ')}
  settings for k6: ${relative(projectRoot, envFile)} (mode 0600, removed on exit)

run a test against it (npm run build first):
  ${k6Command}`);
