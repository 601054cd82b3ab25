// Reading the login answer: where the token is, and how long it lives. Pure TypeScript.

/** Looks up "data.token" in a parsed JSON value; undefined when any step is missing. */
export function atPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Where a session's lifetime came from; the run reports it, since a wrong guess skews long runs. */
export type ExpirySource = 'field' | 'claim' | 'default';

/** A token without a stated lifetime is assumed to live this long (and the run says so). */
export const DEFAULT_TOKEN_LIFETIME_S = 15 * 60;

export interface IssuedToken {
  token: string;
  lifetimeS: number;
  expirySource: ExpirySource;
}

/**
 * The token and its lifetime from a login answer's body. `claims` are the token's JWT claims when it is a
 * JWT (the caller decodes them: k6 and Node have different base64 tools). Lifetime: EXPIRES_FIELD (seconds)
 * when the answer has it, else the token's `exp`, else DEFAULT_TOKEN_LIFETIME_S.
 */
export function issuedToken(
  body: string | null | undefined,
  tokenField: string,
  expiresField: string | undefined,
  claimsOf: (token: string) => Record<string, unknown> | undefined,
  nowMs: number,
): IssuedToken | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return { problem: 'the login answer is not JSON' };
  }
  const token = atPath(parsed, tokenField);
  if (typeof token !== 'string' || token === '') {
    return { problem: `the login answer has no string at "${tokenField}" (TOKEN_FIELD)` };
  }
  const stated = expiresField === undefined ? undefined : Number(atPath(parsed, expiresField));
  if (stated !== undefined && Number.isFinite(stated) && stated > 0) {
    return { token, lifetimeS: stated, expirySource: 'field' };
  }
  const exp = claimsOf(token)?.exp;
  if (typeof exp === 'number' && exp * 1000 > nowMs) {
    return { token, lifetimeS: exp - nowMs / 1000, expirySource: 'claim' };
  }
  return { token, lifetimeS: DEFAULT_TOKEN_LIFETIME_S, expirySource: 'default' };
}

/** JWT claims from the decoded payload text; undefined when it is not a JSON object. */
export function claimsFromPayload(payloadText: string): Record<string, unknown> | undefined {
  try {
    const claims = JSON.parse(payloadText) as unknown;
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
