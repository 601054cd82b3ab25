// alg-none-accepted (see setting.ts): the classic JWT verifier bug, trusting the token's own header.
// A token whose header says {"alg":"none"} is taken at its word and its claims are used unsigned.
import type { TokenClaims, TokenService } from '../auth/tokens.ts';
import type { InjectedDefect } from './setting.ts';

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (part === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function unsignedClaims(token: string, issuer: string, nowS: number): TokenClaims | undefined {
  const [header, payload] = token.split('.');
  if (decodePart(header)?.alg !== 'none') return undefined;
  const claims = decodePart(payload);
  if (claims === undefined) return undefined;
  const { jti, iss, sub, iat, exp } = claims;
  if (typeof jti !== 'string' || typeof sub !== 'string' || iss !== issuer) return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= nowS) return undefined;
  return { jti, iss, sub, iat, exp };
}

export function injectTokenDefect(
  defect: InjectedDefect | undefined,
  tokens: TokenService,
  issuer: string,
): TokenService {
  if (defect?.name !== 'alg-none-accepted') return tokens;
  return {
    issue: (subject) => tokens.issue(subject),
    check(token) {
      const claims = unsignedClaims(token, issuer, Math.floor(Date.now() / 1000));
      return claims ? { ok: true, claims } : tokens.check(token);
    },
  };
}
