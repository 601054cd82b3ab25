// `npm run contract`: the contract check (build/contract.js) against your service (BASE_URL, with the knobs
// from the environment) or, without BASE_URL, against the embedded reference service. Sends each kind of
// request the load tests send, prints what the service did and which setting fixes a step that differs;
// exits 0 when every step matched.

import { requireK6 } from '../lib/stack/k6-binary.ts';
import { runK6 } from '../lib/stack/k6-runner.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { startStack } from '../lib/stack/stack.ts';
import { requirePrerequisite, runStep } from '../lib/steps.ts';

const k6 = requireK6();
runStep('build', 'npm', ['run', '--silent', 'build']);

async function againstEmbeddedService(): Promise<number> {
  requirePrerequisite('redis-server', ensureRedisServer);
  const stack = await startStack({ workers: 2, userCount: 10, env: { SCRYPT_COST: '10' } });
  try {
    console.log(`(no BASE_URL: checking the embedded reference service at ${stack.baseUrl})`);
    const run = await runK6(k6, {
      test: 'contract',
      env: { BASE_URL: stack.baseUrl, USER_PASSWORD: stack.userPassword, REDIS_URL: stack.redisUrl },
    });
    return run.exitCode;
  } finally {
    await stack.stop();
  }
}

// Against your service, the environment (BASE_URL, USER_PASSWORD, REDIS_URL and the knobs) reaches k6 as is.
const exitCode = process.env.BASE_URL
  ? (await runK6(k6, { test: 'contract', env: {} })).exitCode
  : await againstEmbeddedService();
process.exit(exitCode);
