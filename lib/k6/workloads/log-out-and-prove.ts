// The revocation round trip every workload shares: log out, prove the token is now refused (on another
// worker if possible), and, for probing users, that the denylist entry is in Redis.
import type { AuthClient, Session } from '../auth-client.ts';
import { probeRevocation } from '../redis-probe.ts';
import { verifyRevoked } from '../revocation-check.ts';

/** True when the logout was confirmed (and so the token is revoked). */
export async function logOutAndProve(client: AuthClient, session: Session, probe: boolean): Promise<boolean> {
  const logout = client.logout(session);
  if (!logout.revoked) return false;
  verifyRevoked(client, session.token, logout.workerId);
  if (probe) await probeRevocation(session.token);
  return true;
}
