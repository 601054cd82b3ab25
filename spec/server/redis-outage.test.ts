// Redis goes away and comes back. While it is gone the service fails closed on revocation (503 for
// protected, logout and health) but keeps login working with per-worker limits; once it is back,
// normal answers resume within a second; revocations acknowledged before the outage survive it,
// for a clean stop (SIGTERM) and for a crash (SIGKILL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
import {
  callProtected,
  email,
  login,
  logout,
  metricTotal,
  send,
  startTestStack,
  tokenFor,
} from './helpers.ts';

const RECOVERY_LIMIT_MS = 1_000;

/** Milliseconds from now until `check` holds, polling every 10 ms. */
async function timeUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs * 5) {
    if (await check()) return performance.now() - started;
    await sleep(10);
  }
  throw new Error(`condition not reached within ${limitMs * 5} ms`);
}

describe('Redis outage and recovery', () => {
  let stack: Stack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack?.stop());

  test('fails closed while Redis is down, login keeps working, recovers within 1 s', async (t) => {
    const token = await tokenFor(stack, 10);
    const spare = await tokenFor(stack, 11);
    await stack.redis.stop('SIGTERM');

    for (let i = 0; i < 4; i++) {
      const refused = await callProtected(stack.baseUrl, token);
      assert.equal(refused.status, 503, `protected on worker ${refused.worker}: ${refused.body}`);
    }
    const notStored = await logout(stack.baseUrl, spare);
    assert.equal(notStored.status, 503, 'a logout that cannot be stored is not confirmed');
    // Exactly the 503s above: four protected calls that could not look up, one logout that could not write.
    const during = (await send(stack.baseUrl, '/metrics')).body;
    assert.equal(metricTotal(during, 'auth_fail_closed_total', { operation: 'revocation lookup' }), 4);
    assert.equal(metricTotal(during, 'auth_fail_closed_total', { operation: 'revocation write' }), 1);
    const health = await send(stack.baseUrl, '/health');
    assert.equal(health.status, 503);
    assert.deepEqual(health.json(), { status: 'degraded', redis: 'down', worker: health.worker });

    const loggedIn = await login(stack.baseUrl, email(12), stack.userPassword);
    assert.equal(loggedIn.status, 200, 'login works on the in-memory fallback limiter');
    const throttled = [];
    for (let i = 0; i < 25; i++) throttled.push((await login(stack.baseUrl, email(13), 'wrong')).status);
    assert.ok(throttled.includes(429), `the fallback still throttles: ${throttled.join(',')}`);

    await stack.redis.restart();
    const recoveryMs = await timeUntil(async () => {
      const [first, second] = [
        await callProtected(stack.baseUrl, token),
        await callProtected(stack.baseUrl, token),
      ];
      return first.status === 200 && second.status === 200 && first.worker !== second.worker;
    }, RECOVERY_LIMIT_MS);
    t.diagnostic(
      `protected answered 200 on both workers ${recoveryMs.toFixed(0)} ms after Redis answered PING again`,
    );
    console.log(`recovery after Redis restart: ${recoveryMs.toFixed(0)} ms`);
    assert.ok(recoveryMs <= RECOVERY_LIMIT_MS, `recovered in ${recoveryMs.toFixed(0)} ms`);

    assert.equal((await send(stack.baseUrl, '/health')).status, 200);
    assert.equal((await logout(stack.baseUrl, spare)).status, 200);
    assert.equal((await callProtected(stack.baseUrl, spare)).status, 401);

    const metrics = (await send(stack.baseUrl, '/metrics')).body;
    assert.match(metrics, /^auth_worker_restarts_total 0$/m, 'no worker crashed on Redis errors');
    assert.match(metrics, /^auth_redis_errors_total\{worker="\d+",kind="command"\} [1-9]/m);
    assert.match(metrics, /^auth_login_limit_fallback_total\{worker="\d+"\} [1-9]/m);
    assert.equal(
      metricTotal(metrics, 'auth_logins_total', { outcome: 'rate_limited' }),
      throttled.filter((status) => status === 429).length,
    );
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`revocations acknowledged before a ${signal} are enforced after the restart`, async () => {
      const tokens = await Promise.all(
        [20, 21, 22, 23, 24].map((i) => tokenFor(stack, i + (signal === 'SIGKILL' ? 10 : 0))),
      );
      for (const token of tokens) assert.equal((await logout(stack.baseUrl, token)).status, 200);
      // Stop right after the last acknowledgement: a lost AOF tail would drop exactly these.
      await stack.redis.stop(signal);
      await stack.redis.restart();
      await timeUntil(async () => (await send(stack.baseUrl, '/health')).status === 200, RECOVERY_LIMIT_MS);
      for (const token of tokens) {
        for (let i = 0; i < 2; i++) {
          const reply = await callProtected(stack.baseUrl, token);
          assert.equal(
            reply.status,
            401,
            `revoked token on worker ${reply.worker} after ${signal}: ${reply.body}`,
          );
        }
      }
    });
  }
});
