// The token denylist, keyed by (iss, jti) as OWASP recommends, kept until the token's own exp.
// Two implementations: Redis (shared by every worker) and memory (per worker, the defect on purpose).

export type RevokeOutcome = 'revoked' | 'already-revoked';

export interface RevocationStore {
  /** Throws StoreUnavailableError when the answer cannot be known. */
  isRevoked(iss: string, jti: string): Promise<boolean>;
  /** Resolves only once the revocation is stored; throws StoreUnavailableError otherwise. */
  revoke(iss: string, jti: string, exp: number): Promise<RevokeOutcome>;
}

export function revocationKey(prefix: string, iss: string, jti: string): string {
  return `${prefix}:${iss}:${jti}`;
}
