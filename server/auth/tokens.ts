// Issues and checks the service's access tokens: HS256 JWTs carrying jti, iss, sub, iat and exp.
// The verifier is built once and pinned to HS256, so `none` and every other algorithm are refused,
// and it enforces exp and iss itself.
import { randomUUID } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

export interface TokenClaims {
  jti: string;
  iss: string;
  sub: string;
  iat: number;
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

export interface TokenService {
  /** A signed token for this subject, valid for the configured TTL. */
  issue(subject: string): string;
  check(token: string): TokenCheck;
}

export interface TokenOptions {
  secret: string;
  issuer: string;
  ttlS: number;
}

function looksLikeClaims(payload: unknown): payload is TokenClaims {
  const claims = payload as Partial<TokenClaims> | null;
  return (
    typeof claims === 'object' &&
    claims !== null &&
    typeof claims.jti === 'string' &&
    claims.jti.length > 0 &&
    typeof claims.sub === 'string' &&
    typeof claims.exp === 'number'
  );
}

export function createTokenService({ secret, issuer, ttlS }: TokenOptions): TokenService {
  const sign = createSigner({ key: secret, algorithm: 'HS256', iss: issuer, expiresIn: ttlS * 1000 });
  const verify = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: issuer,
    requiredClaims: ['jti', 'iss', 'sub', 'iat', 'exp'],
  });

  return {
    issue(subject) {
      // fast-jwt stamps iat and exp; a random jti makes each token individually revocable.
      return sign({ sub: subject, jti: randomUUID() });
    },
    check(token) {
      try {
        const payload: unknown = verify(token);
        if (!looksLikeClaims(payload)) return { ok: false, reason: 'invalid' };
        return { ok: true, claims: payload };
      } catch (error) {
        if (error instanceof TokenError && error.code === TokenError.codes.expired) {
          return { ok: false, reason: 'expired' };
        }
        return { ok: false, reason: 'invalid' };
      }
    },
  };
}
