// What the Redis probe expects to find after a logout: the denylist key (REVOCATION_KEY) and its expiry
// (REVOCATION_TTL). Pure TypeScript. The reference service stores `revoked:<iss>:<jti>` with `EXAT exp`: keyed
// on (iss, jti) as the OWASP JWT cheat sheet recommends, and living exactly as long as the token would have.
import { fillTemplate } from './template.ts';

/** token: the entry expires with the token; any: some TTL is set; seconds: a fixed TTL. */
export type RevocationTtl = { kind: 'token' } | { kind: 'any' } | { kind: 'seconds'; seconds: number };

/** Redis keeps expiry in ms but the service may round to seconds, and the probe reads it a moment later. */
export const TTL_TOLERANCE_MS = 2000;

const CLAIM_PLACEHOLDERS = ['jti', 'iss', 'sub'] as const;

/**
 * The key for `token`, or the placeholders it could not fill (a token without `iss`, say), which the caller
 * reports naming REVOCATION_KEY. `sha256` is only called when the template uses {token_sha256}.
 */
export function revocationKeyFor(
  template: string,
  token: string,
  claims: Record<string, unknown> | undefined,
  sha256: (text: string) => string,
): { key: string } | { missing: string[] } {
  const values: Record<string, string | undefined> = { token };
  for (const name of CLAIM_PLACEHOLDERS) {
    const claim = claims?.[name];
    values[name] = typeof claim === 'string' || typeof claim === 'number' ? String(claim) : undefined;
  }
  if (template.includes('{token_sha256}')) values.token_sha256 = sha256(token);
  const filled = fillTemplate(template, values);
  return filled.text === undefined ? { missing: filled.missing } : { key: filled.text };
}

export interface TtlVerdict {
  ok: boolean;
  /** What was expected, in words, for a failed check's message. */
  expected: string;
}

/**
 * Judges a stored entry's PTTL (ms; -1 no expiry, -2 no key). No expiry would grow Redis forever and lets
 * nothing age out; an entry that expires before its token un-revokes the token for the rest of its life.
 */
export function judgeRevocationTtl(
  policy: RevocationTtl,
  pttlMs: number,
  tokenExpS: number | undefined,
  nowMs: number,
): TtlVerdict {
  switch (policy.kind) {
    case 'any':
      return { ok: pttlMs > 0, expected: 'some expiry' };
    case 'seconds': {
      const wantedMs = policy.seconds * 1000;
      return {
        ok: pttlMs > 0 && Math.abs(pttlMs - wantedMs) <= TTL_TOLERANCE_MS,
        expected: `an expiry of ${policy.seconds} s (within ${TTL_TOLERANCE_MS / 1000} s)`,
      };
    }
    case 'token': {
      if (tokenExpS === undefined) {
        return {
          ok: false,
          expected: "the token's expiry, but the token has no exp claim (set REVOCATION_TTL)",
        };
      }
      const remainingMs = tokenExpS * 1000 - nowMs;
      return {
        ok: pttlMs > 0 && Math.abs(pttlMs - remainingMs) <= TTL_TOLERANCE_MS,
        expected: `the token's remaining life, ${Math.round(remainingMs / 1000)} s (within ${TTL_TOLERANCE_MS / 1000} s)`,
      };
    }
  }
}

export function describeTtlPolicy(policy: RevocationTtl): string {
  if (policy.kind === 'seconds') return `${policy.seconds} s`;
  return policy.kind === 'token' ? "the token's remaining life" : 'any expiry';
}
