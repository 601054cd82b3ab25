// The soak's user (sustained-5000): a weighted mix of everything a real population does, including the
// answers a correct service refuses. Wrong passwords count toward the per-account login limiter (10 per
// 60 s by default), so each user only ever fails on its own account and rarely: with these weights and a
// 4 s mean think time a user makes about 3.75 login attempts a minute, 0.75 of them wrong.
import { createAuthClient } from '../auth-client.ts';
import { tamperedToken } from '../jwt.ts';
import { probesThisUser } from '../redis-probe.ts';
import { config } from '../run-config.ts';
import { think } from '../think.ts';
import { pickWeighted } from '../weighted-choice.ts';
import { logOutAndProve } from './log-out-and-prove.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

/** Relative frequency of each action per iteration. */
export const MIXED_WEIGHTS = {
  protected: 55,
  freshLogin: 10,
  logoutAndRelogin: 10,
  health: 10,
  invalidToken: 10,
  wrongPassword: 5,
};

const client = createAuthClient(config);
let user: SignedInUser | undefined;

export async function mixedUser(): Promise<void> {
  user ??= signedInUser(client);
  const session = user.session();
  if (session !== undefined) {
    switch (pickWeighted(MIXED_WEIGHTS, Math.random())) {
      case 'protected':
        if (client.callProtected(session).status === 401) user.forget();
        break;
      case 'freshLogin':
        user.forget();
        user.session();
        break;
      case 'logoutAndRelogin':
        if (await logOutAndProve(client, session, probesThisUser())) user.forget();
        user.session();
        break;
      case 'health':
        client.health();
        break;
      case 'invalidToken':
        client.callProtectedWithInvalidToken(tamperedToken(session.token));
        break;
      case 'wrongPassword':
        client.loginWithWrongPassword(user.account);
        break;
    }
  }
  think();
}
