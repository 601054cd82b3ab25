// Reads the claims the Redis probe needs from a JWT without verifying it (the service does that).
// k6/encoding instead of a JWT library: every VU evaluates the whole bundle, so it stays small.
import encoding from 'k6/encoding';

export interface RevocationClaims {
  iss: string;
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** undefined when the token is not a JWT or lacks iss, jti or exp (an opaque token, say). */
export function revocationClaims(token: string): RevocationClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(encoding.b64decode(payload, 'rawurl', 's')) as Partial<RevocationClaims>;
    const { iss, jti, exp } = claims;
    if (typeof iss !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return undefined;
    return { iss, jti, exp };
  } catch {
    return undefined;
  }
}
