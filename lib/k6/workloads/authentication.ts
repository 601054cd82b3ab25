// The load tests' user (baseline-1000, stress-5000, ultimate-10000): logs in once, then mostly calls the
// protected API. Every 1/LOGOUT_PROBABILITY iterations, on a schedule (lib/logout-schedule.ts), it logs out,
// proves the revoked token is refused, checks the denylist in Redis when it is a probing user, and logs in
// again.
import exec from 'k6/execution';
import { isRefusal } from '../../contract.ts';
import { logoutPeriod, logsOutAt } from '../../logout-schedule.ts';
import { createAuthClient } from '../auth-client.ts';
import { probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

const client = createAuthClient(config);
const period = logoutPeriod(config.logoutProbability);
let user: SignedInUser | undefined;

export async function authenticationUser(): Promise<void> {
  user ??= await signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    if (logsOutAt(exec.vu.iterationInScenario, exec.vu.idInTest, period)) {
      // Confirmed or not, the token is done with: a logout whose answer was lost (a timeout, a 503
      // under saturation) may still have revoked it, and reusing it would read as a wrong 401.
      await logOutAndProve(client, session, probesThisUser());
      user.forget();
      user.session();
    } else if (isRefusal(config.contract, client.callProtected(session).status)) {
      user.forget();
    }
  }
  think();
}
