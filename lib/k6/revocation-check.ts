// After a successful logout: prove the token is dead on the worker that stored the revocation (the first
// check rides the logout's own connection), then on another worker (each further check on a new
// connection). A single-process denylist passes the first and fails the second; a worker that remembers a
// token as "not revoked" from the user's earlier calls fails the first.
import type { AuthClient } from './auth-client.ts';

/**
 * The same-worker check, then up to three on new connections: enough to reach the other worker of a 2-worker
 * cluster with probability 7/8 even if new connections land randomly.
 */
const MAX_CHECKS = 4;
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
