// The state-sync check: after one logout, SYNC_CHECKS calls with the revoked token, each on a new
// connection so a clustered service spreads them over its workers. Every one must be refused. The
// check only means something if at least two workers answered, so fewer is an error too.
import { createAuthClient } from '../auth-client.ts';
import { stateSyncErrors } from '../metrics.ts';
import { probeRevocation, probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

const client = createAuthClient(config);
let user: SignedInUser | undefined;

export async function stateSyncUser(): Promise<void> {
  user ??= signedInUser(client);
  const session = user.session();
  user.forget();
  if (session === undefined) {
    think();
    return;
  }

  const logout = client.logout(session);
  if (!logout.revoked) {
    stateSyncErrors.add(1);
    console.warn(`state-sync: logout answered ${logout.status}, so there is no revoked token to check`);
    think();
    return;
  }
  const workers = new Set<string>();
  for (let check = 0; check < config.syncChecks; check++) {
    const answer = client.callProtectedWithRevokedToken(session.token);
    if (answer.workerId !== undefined) workers.add(answer.workerId);
    if (answer.status === 200) stateSyncErrors.add(1);
  }
  if (workers.size < 2) {
    stateSyncErrors.add(1);
    console.warn(
      `state-sync: ${config.syncChecks} checks reached ${workers.size} distinct worker(s) (X-Worker-Id); ` +
        'at least 2 are needed for the check to prove anything',
    );
  }
  if (probesThisUser(true)) await probeRevocation(session.token);
  think();
}
