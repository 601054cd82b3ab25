// revocation-cache (see setting.ts): the optimisation bug of a per-worker cache of "not revoked" answers.
// Each worker remembers for DEFECT_SIZE seconds that a token was fine and skips the Redis lookup while it
// remembers; the logout path writes Redis only and knows nothing of the caches, so a worker that checked
// a token shortly before its logout keeps accepting it until its entry expires.

import { ExpiringMap } from '../state/expiring-map.ts';
import type { RevocationStore } from '../state/revocation-store.ts';

export interface CachedRevocationStore extends RevocationStore {
  close(): void;
}

export function cacheNotRevoked(store: RevocationStore, lifetimeS: number): CachedRevocationStore {
  const lifetimeMs = lifetimeS * 1000;
  const fine = new ExpiringMap<true>(Math.max(1000, lifetimeMs));
  return {
    async isRevoked(iss, jti) {
      const key = `${iss}\n${jti}`;
      const now = Date.now();
      if (fine.get(key, now)) return false;
      const revoked = await store.isRevoked(iss, jti);
      if (!revoked && lifetimeMs > 0) fine.set(key, true, now + lifetimeMs);
      return revoked;
    },
    revoke: (iss, jti, exp) => store.revoke(iss, jti, exp),
    close: () => fine.close(),
  };
}
