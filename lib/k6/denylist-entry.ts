// What the denylist should hold for a revoked token, as REVOCATION_KEY describes it: the key (or the claims
// the token lacks for it) and the token's expiry for REVOCATION_TTL. The probe and the contract check share it.
import crypto from 'k6/crypto';
import { revocationKeyFor } from '../contract.ts';
import { jwtClaims } from './jwt.ts';
import { config } from './run-config.ts';

export interface DenylistEntry {
  claims: Record<string, unknown> | undefined;
  /** The key, or the placeholders the token could not fill. */
  derived: { key: string } | { missing: string[] };
  /** The token's exp claim (epoch seconds), when it has one. */
  tokenExpS: number | undefined;
}

export function denylistEntryFor(token: string): DenylistEntry {
  const claims = jwtClaims(token);
  const derived = revocationKeyFor(config.contract.revocationKey, token, claims, (text) =>
    crypto.sha256(text, 'hex'),
  );
  return { claims, derived, tokenExpS: typeof claims?.exp === 'number' ? claims.exp : undefined };
}
