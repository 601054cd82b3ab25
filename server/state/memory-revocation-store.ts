// Denylist in this worker's memory. With more than one worker this is the deployment defect the suite
// must catch: a token revoked through worker A is still accepted by worker B.
import { ExpiringMap } from './expiring-map.ts';
import { type RevocationStore, revocationKey } from './revocation-store.ts';

const SWEEP_EVERY_MS = 30_000;

export function createMemoryRevocationStore(prefix: string): RevocationStore & { close(): void } {
  const revoked = new ExpiringMap<true>(SWEEP_EVERY_MS);
  return {
    async isRevoked(iss, jti) {
      return revoked.get(revocationKey(prefix, iss, jti), Date.now()) === true;
    },
    async revoke(iss, jti, exp) {
      const key = revocationKey(prefix, iss, jti);
      const now = Date.now();
      if (revoked.get(key, now)) return 'already-revoked';
      revoked.set(key, true, exp * 1000);
      return 'revoked';
    },
    close: () => revoked.close(),
  };
}
