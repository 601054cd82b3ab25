// The smoke test's user: the whole contract once per iteration, each answer exactly as specified.

import { unsignedToken } from '../../forged-tokens.ts';
import { createAuthClient } from '../auth-client.ts';
import { checkLoginLimitOnce } from '../login-limit-check.ts';
import { probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

const client = createAuthClient(config);
let user: SignedInUser | undefined;

export async function smokeUser(): Promise<void> {
  checkLoginLimitOnce([client]);
  user ??= await signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    client.callProtected(session);
    client.callProtectedWithInvalidToken(unsignedToken(session.token));
    await logOutAndProve(client, session, probesThisUser(true));
    user.forget();
  }
  client.health();
  think();
}
