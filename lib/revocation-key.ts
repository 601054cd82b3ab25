// What the Redis probe expects to find after a logout. Pure TypeScript.
// The reference service stores `<prefix>:<iss>:<jti>` with `EXAT exp`: keyed on (iss, jti) as the OWASP
// JWT cheat sheet recommends, and living exactly as long as the token would have.
import type { RevocationClaims } from './jwt.ts';

export function revocationKey(prefix: string, claims: RevocationClaims): string {
  return `${prefix}:${claims.iss}:${claims.jti}`;
}

/** Redis rounds expiry to whole seconds; allow that much on top of the token's remaining lifetime. */
const ROUNDING_SLACK_MS = 1000;

/**
 * A stored revocation must expire, and not after the token does: no TTL (-1) would grow Redis forever,
 * a TTL beyond the token's life wastes memory, and a missing key (-2) means the revocation is not there.
 */
export function ttlIsSane(pttlMs: number, claims: RevocationClaims, nowMs: number): boolean {
  const remainingMs = claims.exp * 1000 - nowMs;
  return pttlMs > 0 && pttlMs <= remainingMs + ROUNDING_SLACK_MS;
}

/**
 * Whether virtual user `vuId` (1-based) probes. Picks every (1/sample)-th user, starting with user 1,
 * so even a one-user run probes and a sample of 0.1 is exactly one user in ten. Sampling users rather
 * than logouts bounds the number of Redis connections the probe opens to sample x users.
 */
export function vuInSample(vuId: number, sample: number): boolean {
  return Math.floor((vuId - 1) * sample) !== Math.floor((vuId - 2) * sample);
}
