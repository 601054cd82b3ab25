// Tokens a correct service must refuse on their signature alone. Pure TypeScript.
import { tamperedToken } from './tampered-token.ts';

/** base64url of {"alg":"none","typ":"JWT"} (spec/unit/forged-tokens.test.ts decodes it). */
export const NONE_ALG_HEADER = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0';

/**
 * The same claims re-labelled `alg: none` with an empty signature (RFC 7519's "unsecured JWT"). A
 * verifier that trusts the token's header instead of pinning its algorithm accepts it.
 */
export function unsignedToken(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return `${NONE_ALG_HEADER}.${payload}.`;
}

/** One of the forgeries, chosen by `pick` in [0, 1): a broken signature or no signature at all. */
export function forgedToken(token: string, pick: number): string {
  return pick < 0.5 ? tamperedToken(token) : unsignedToken(token);
}
