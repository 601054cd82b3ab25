// The user during the Redis failure drill: the authentication user, tolerant of the outage. While Redis
// is down, 503 from protected and logout is the correct fail-closed answer (and a failed logout means the
// token is still valid, so it is kept). What must never happen is a revoked token accepted, during the
// outage or after it, so users also re-check tokens they revoked earlier: a denylist that lost entries in
// the restart shows up as revoked_token_accepted. Each response carries the `name`, `status` and
// `expected_response` tags, from which the drill's time series classifies it.
import { createAuthClient, type Session } from '../auth-client.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

/** Revoked tokens a user remembers for re-checks, and how often it re-checks one. */
const REMEMBERED_REVOCATIONS = 3;
const RECHECK_PROBABILITY = 0.1;

const client = createAuthClient(config, 'storeOutage');
let user: SignedInUser | undefined;
let revoked: Session[] = [];

function recheckAnEarlierRevocation(): void {
  // Once a token has expired, a 401 proves nothing about the denylist.
  revoked = revoked.filter((session) => Date.now() < session.refreshAtMs);
  const earlier = revoked[Math.floor(Math.random() * revoked.length)];
  if (earlier !== undefined) client.callProtectedWithRevokedToken(earlier.token);
}

export async function failoverUser(): Promise<void> {
  user ??= signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    if (Math.random() < config.logoutProbability) {
      if (await logOutAndProve(client, session, false)) {
        user.forget();
        revoked = [session, ...revoked].slice(0, REMEMBERED_REVOCATIONS);
        user.session();
      }
    } else if (client.callProtected(session).status === 401) {
      user.forget();
    }
  }
  if (Math.random() < RECHECK_PROBABILITY) recheckAnEarlierRevocation();
  think();
}
