// One virtual user's login state across iterations: its account, and a session that is renewed before the
// token expires (a 30-minute soak outlives a 15-minute token) or after the service stopped accepting it.
import exec from 'k6/execution';
import type { Account } from '../../contract.ts';
import type { AuthClient, Session } from '../auth-client.ts';
import { accountForVu } from '../test-accounts.ts';

export interface SignedInUser {
  account: Account;
  /** The current session, logging in first when there is none (undefined when login was refused). */
  session(): Session | undefined;
  /** Drops the session: it was logged out, or the service no longer accepts it. */
  forget(): void;
}

export async function signedInUser(client: AuthClient): Promise<SignedInUser> {
  // VU ids and secrets only exist in VU code, so the account is chosen on the first iteration, not at init.
  const account = await accountForVu(exec.vu.idInTest);
  let current: Session | undefined;
  return {
    account,
    session() {
      if (current === undefined || Date.now() >= current.refreshAtMs) current = client.login(account);
      return current;
    },
    forget() {
      current = undefined;
    },
  };
}
