// The user during the Redis failure drill: the authentication user, tolerant of the outage. While Redis
// is down, 503 from protected and logout is the correct fail-closed answer. What must never happen is a revoked token accepted, during the
// outage or after it. A logout answered 503 leaves the token's state unknown (the store may have applied
// a write whose acknowledgement timed out), so the user drops that token and signs in again rather than
// keep using it. Users also re-check tokens they revoked earlier: a denylist that lost entries in
// the restart shows up as revoked_token_accepted. Each response carries the `name`, `status` and
// `expected_response` tags, from which the drill's time series classifies it.
import exec from 'k6/execution';
import { isRefusal } from '../../contract.ts';
import { logoutPeriod, logsOutAt } from '../../logout-schedule.ts';
import { createAuthClient, type Session } from '../auth-client.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

/** Revoked tokens a user remembers for re-checks, and how often it re-checks one. */
const REMEMBERED_REVOCATIONS = 3;
const RECHECK_PROBABILITY = 0.1;

const client = createAuthClient(config, 'storeOutage');
const period = logoutPeriod(config.logoutProbability);
let user: SignedInUser | undefined;
let revoked: Session[] = [];

function recheckAnEarlierRevocation(): void {
  // Once a token has expired, a 401 proves nothing about the denylist.
  revoked = revoked.filter((session) => Date.now() < session.refreshAtMs);
  const earlier = revoked[Math.floor(Math.random() * revoked.length)];
  if (earlier !== undefined) client.callProtectedWithRevokedToken(earlier.token);
}

export async function failoverUser(): Promise<void> {
  user ??= await signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    if (logsOutAt(exec.vu.iterationInScenario, exec.vu.idInTest, period)) {
      const confirmed = await logOutAndProve(client, session, false);
      user.forget();
      if (confirmed) revoked = [session, ...revoked].slice(0, REMEMBERED_REVOCATIONS);
      user.session();
    } else if (isRefusal(config.contract, client.callProtected(session).status)) {
      user.forget();
    }
  }
  if (Math.random() < RECHECK_PROBABILITY) recheckAnEarlierRevocation();
  think();
}
