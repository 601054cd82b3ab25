// The soak's user (sustained-5000): a weighted mix of everything a real population does, including calls
// a correct service refuses (tampered tokens, wrong passwords: 401 is their right answer). Wrong
// passwords are tried on the user's own account only, so they never push another user into the limiter.
import exec from 'k6/execution';
import { isRefusal } from '../../contract.ts';
import { forgedToken } from '../../forged-tokens.ts';
import { mixedAction } from '../../mixed-weights.ts';
import { createAuthClient } from '../auth-client.ts';
import { probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

const client = createAuthClient(config);
let user: SignedInUser | undefined;

export async function mixedUser(): Promise<void> {
  user ??= await signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    switch (mixedAction(exec.vu.iterationInScenario, exec.vu.idInTest, Math.random())) {
      case 'protected':
        if (isRefusal(config.contract, client.callProtected(session).status)) user.forget();
        break;
      case 'freshLogin':
        user.forget();
        user.session();
        break;
      case 'logoutAndRelogin':
        // Confirmed or not, the token is done with: a logout whose answer was lost (a timeout, a 503
        // under saturation) may still have revoked it, and reusing it would read as a wrong 401.
        await logOutAndProve(client, session, probesThisUser());
        user.forget();
        user.session();
        break;
      case 'health':
        client.health();
        break;
      case 'invalidToken':
        client.callProtectedWithInvalidToken(forgedToken(session.token, Math.random()));
        break;
      case 'wrongPassword':
        client.loginWithWrongPassword(user.account);
        break;
    }
  }
  think();
}
