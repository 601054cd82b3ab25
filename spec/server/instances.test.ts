// Two instances of the real service behind real HAProxy (INSTANCES=2's stack): the balancer spreads requests
// over both, the worker header names instance and worker, a token issued through either is accepted by both
// and refused by both once revoked, cookie affinity keeps a client on one instance, and while Redis is down
// the balancer keeps both instances (their fail-closed 503 reaches the client, not HAProxy's own).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AFFINITY_COOKIE, startBalancer } from '../../scripts/lib/stack/haproxy.ts';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
import { callProtected, logout, send, spread, startTestStack, tokenFor } from './helpers.ts';

const instanceOf = (worker: string) => /^(i\d+)-w\d+$/.exec(worker)?.[1];

describe('INSTANCES=2: two instances behind HAProxy', () => {
  let stack: Stack;
  before(async () => {
    stack = await startTestStack({ workers: 1, userCount: 100, instances: 2 });
  });
  after(() => stack?.stop());

  it('balances requests round-robin over both instances, each naming itself i<n>-w<worker>', async () => {
    assert.equal(stack.instances.length, 2);
    assert.notEqual(stack.baseUrl, stack.instanceUrls[0]);
    const replies = await spread(
      () => send(stack.baseUrl, '/health'),
      (all) => new Set(all.map((reply) => instanceOf(reply.worker))).size === 2,
      6,
    );
    assert.deepEqual(new Set(replies.map((reply) => instanceOf(reply.worker))), new Set(['i1', 'i2']));
    for (const reply of replies) assert.match(reply.worker, /^i[12]-w1$/);
  });

  it('a token issued through the balancer is accepted by every instance, and refused by all once revoked', async () => {
    const token = await tokenFor(stack, 1);
    for (const url of stack.instanceUrls) assert.equal((await callProtected(url, token)).status, 200, url);
    assert.equal((await logout(stack.instanceUrls[0] as string, token)).status, 200);
    for (const url of stack.instanceUrls) assert.equal((await callProtected(url, token)).status, 401, url);
  });

  it('keeps a client on one instance with LB_AFFINITY=cookie', async () => {
    const balancer = await startBalancer(
      stack.instances.map((service, index) => ({ name: `i${index + 1}`, port: service.port })),
      'cookie',
    );
    try {
      const first = await send(balancer.baseUrl, '/health');
      const cookie = String(first.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      assert.match(cookie, new RegExp(`^${AFFINITY_COOKIE}=i[12]$`));
      const pinned = cookie.split('=')[1];
      for (let request = 0; request < 4; request++) {
        const reply = await send(balancer.baseUrl, '/health', { headers: { cookie } });
        assert.equal(instanceOf(reply.worker), pinned);
      }
    } finally {
      await balancer.stop();
    }
  });

  it('loses an instance without a failed request: drained, stopped, started again on its port', async () => {
    const token = await tokenFor(stack, 2);
    await stack.stopInstance(1);
    const during = await Promise.all([1, 2, 3, 4, 5, 6].map(() => callProtected(stack.baseUrl, token)));
    assert.deepEqual(
      during.map((reply) => [reply.status, instanceOf(reply.worker)]),
      during.map(() => [200, 'i1']),
    );
    await stack.restartInstance(1);
    const after = await spread(
      () => callProtected(stack.baseUrl, token),
      (all) => all.some((reply) => instanceOf(reply.worker) === 'i2'),
      6,
    );
    assert.ok(after.every((reply) => reply.status === 200));
    assert.ok(
      after.some((reply) => instanceOf(reply.worker) === 'i2'),
      'the restarted instance serves again',
    );
  });

  it('keeps both instances while Redis is down: clients get the service fail-closed 503, not HAProxy', async () => {
    await stack.redis.stop();
    try {
      // Past two failed checks (inter 1s, fall 2) had the check demanded 200.
      await sleep(3_000);
      const replies = await Promise.all([1, 2, 3, 4].map(() => send(stack.baseUrl, '/health')));
      for (const reply of replies) {
        assert.equal(reply.status, 503);
        assert.deepEqual(reply.json(), { status: 'degraded', redis: 'down', worker: reply.worker });
      }
      assert.equal(new Set(replies.map((reply) => instanceOf(reply.worker))).size, 2);
    } finally {
      await stack.redis.restart();
    }
  });
});
