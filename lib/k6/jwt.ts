// Reads a JWT's claims without verifying it (the service does that): the probe needs jti/iss/sub/exp, and
// the login's lifetime falls back to exp. k6/encoding instead of a JWT library keeps the bundle small.
import encoding from 'k6/encoding';
import { claimsFromPayload } from '../contract.ts';

/** undefined when the token is not a JWT (an opaque token, say). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    return claimsFromPayload(encoding.b64decode(payload, 'rawurl', 's'));
  } catch {
    return undefined;
  }
}
