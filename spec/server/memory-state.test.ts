// STATE=memory with two workers reproduces the plan's defect on purpose: each worker keeps its own
// denylist, so a token revoked through one worker is still accepted by another. The suite relies on
// this defect being present to prove it can catch it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
import { callProtected, distinctWorkers, logout, send, spread, startTestStack, tokenFor } from './helpers.ts';

describe('auth service, STATE=memory, 2 workers', () => {
  let stack: Stack;
  before(async () => {
    stack = await startTestStack({ state: 'memory' });
  });
  after(() => stack?.stop());

  test('/health is 200 and says Redis is not used', async () => {
    const health = await send(stack.baseUrl, '/health');
    assert.equal(health.status, 200);
    assert.equal(health.json().redis, 'unused');
  });

  test('DEFECT PRESENT: a token revoked on one worker is accepted by another', async () => {
    const token = await tokenFor(stack, 7);
    const loggedOut = await logout(stack.baseUrl, token);
    assert.equal(loggedOut.status, 200);
    const revokedOn = loggedOut.worker;

    const replies = await spread(
      () => callProtected(stack.baseUrl, token),
      (all) => distinctWorkers(all).size >= 2 && all.some((reply) => reply.status === 200),
    );
    assert.ok(distinctWorkers(replies).size >= 2, 'requests reached 2+ workers');
    for (const reply of replies) {
      assert.equal(reply.status, reply.worker === revokedOn ? 401 : 200, `worker ${reply.worker}`);
    }
    const accepted = replies.filter((reply) => reply.status === 200);
    assert.ok(accepted.length > 0, 'the revoked token was accepted by another worker (the defect)');
  });
});
