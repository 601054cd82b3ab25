// The revocation-cache defect (test-only): a worker that found a token not revoked keeps answering "not
// revoked" for the cache's lifetime, even after the token is revoked; after that, or with lifetime 0, it
// asks the store again. Over the real in-memory denylist.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheNotRevoked } from '../../server/defects/revocation-cache.ts';
import { createMemoryRevocationStore } from '../../server/state/memory-revocation-store.ts';

const ISSUER = 'auth-test';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('revocation-cache defect', () => {
  it('accepts a revoked token while its "not revoked" answer is remembered, and refuses it after', async () => {
    const store = createMemoryRevocationStore('t');
    const cached = cacheNotRevoked(store, 0.2);
    try {
      assert.equal(await cached.isRevoked(ISSUER, 'a'), false);
      assert.equal(await cached.revoke(ISSUER, 'a', inAnHour()), 'revoked');
      assert.equal(await store.isRevoked(ISSUER, 'a'), true, 'the store has it');
      assert.equal(await cached.isRevoked(ISSUER, 'a'), false, 'the cache still says fine');
      await sleep(250);
      assert.equal(await cached.isRevoked(ISSUER, 'a'), true);
    } finally {
      cached.close();
      store.close();
    }
  });

  it('with lifetime 0 remembers nothing and is the healthy store', async () => {
    const store = createMemoryRevocationStore('t');
    const cached = cacheNotRevoked(store, 0);
    try {
      assert.equal(await cached.isRevoked(ISSUER, 'b'), false);
      await cached.revoke(ISSUER, 'b', inAnHour());
      assert.equal(await cached.isRevoked(ISSUER, 'b'), true);
    } finally {
      cached.close();
      store.close();
    }
  });
});
