// The state-sync check: after one logout, SYNC_CHECKS calls with the revoked token, each on a new
// connection so a clustered service spreads them over its workers. Every one must be refused: a revoked
// token accepted anywhere, or a logout the service would not confirm, is a state-sync error. Which workers
// answered is information (state_sync_workers), not a verdict: a service that names no worker
// (WORKER_HEADER=) is still tested the same way, over fresh connections.

import { isSuccess } from '../../contract.ts';
import { createAuthClient } from '../auth-client.ts';
import { stateSyncErrors, stateSyncWorkers } from '../metrics.ts';
import { probeRevocation, probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

const client = createAuthClient(config);
let user: SignedInUser | undefined;
let toldAboutWorkers = false;

function reportWorkers(workers: Set<string>): void {
  stateSyncWorkers.add(workers.size);
  if (toldAboutWorkers) return;
  toldAboutWorkers = true;
  const header = config.contract.workerHeader;
  if (header === undefined || workers.size === 0) {
    console.log(
      `state-sync: workers not identified (${header === undefined ? 'WORKER_HEADER is empty' : `no ${header} header came back`}); ` +
        `revocation was checked over ${config.syncChecks} fresh connections`,
    );
  } else if (workers.size === 1) {
    console.warn(
      `state-sync: all ${config.syncChecks} checks reached one worker (${header}); a single-process service, ` +
        'or one that keeps connections on one worker, cannot show a cross-worker defect here',
    );
  }
}

export async function stateSyncUser(): Promise<void> {
  user ??= await signedInUser(client);
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
    if (isSuccess(answer.status)) stateSyncErrors.add(1);
  }
  reportWorkers(workers);
  if (probesThisUser(true)) await probeRevocation(session.token);
  think();
}
