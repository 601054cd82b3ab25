// After a successful logout: prove the token is dead, preferably on a worker other than the one that
// stored the revocation. A single-process denylist passes a same-worker check and fails this one.
import type { AuthClient } from './auth-client.ts';

/** Enough for a 2-worker cluster to be reached with probability 7/8 even if new connections land randomly. */
const MAX_CHECKS = 3;
/** Without worker ids there is no way to tell when another worker answered; check a little more than once. */
const CHECKS_WITHOUT_WORKER_IDS = 2;

export function verifyRevoked(client: AuthClient, token: string, logoutWorker: string | undefined): void {
  for (let check = 1; check <= MAX_CHECKS; check++) {
    const answer = client.callProtectedWithRevokedToken(token);
    if (answer.workerId === undefined || logoutWorker === undefined) {
      if (check >= CHECKS_WITHOUT_WORKER_IDS) return;
    } else if (answer.workerId !== logoutWorker) {
      return;
    }
  }
}
