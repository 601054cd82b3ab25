// The answers the load tests accept where the service must refuse (a forged, tampered or revoked token, a
// wrong password), and, for an answer they would not accept, what fixes it: the REVOKED_STATUS setting
// when the service refuses with a status the knob can name, otherwise why no knob can. Pure TypeScript:
// the contract check (lib/k6/contract-check.ts) judges with it, so it must say what lib/k6/auth-client.ts's
// expected statuses say.

/** A wrong password may be refused with 400 (OAuth2's invalid_grant), 401 or 403, as in lib/k6/auth-client.ts. */
export const WRONG_PASSWORD_REFUSALS: readonly number[] = [400, 401, 403];
/** A login limiter's answer: accepted for a wrong-password login too. */
export const RATE_LIMITED = 429;

export type RefusalVerdict =
  | { ok: true }
  /** `fix` is the knob setting, or a sentence saying why no knob helps. */
  | { ok: false; configurable: boolean; fix: string };

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Whether REVOKED_STATUS may name `status`: a client-error refusal. A 429 says "slow down", a 5xx "broken",
 * neither says "this token is no good", so accepting them would hide what the tests look for.
 */
export function isNameableRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== RATE_LIMITED;
}

/**
 * The REVOKED_STATUS setting under which the suite accepts every one of `observed` that the knob can name:
 * the current list plus the missing ones, in that order. Undefined when nothing nameable is missing.
 */
export function revokedStatusSetting(
  current: readonly number[],
  observed: readonly number[],
): string | undefined {
  const missing = observed.filter((status) => isNameableRefusal(status) && !current.includes(status));
  if (missing.length === 0) return undefined;
  return `REVOKED_STATUS=${[...new Set([...current, ...missing])].join(',')}`;
}

/**
 * The answer to a token the service must refuse, judged as the load tests judge it (REVOKED_STATUS).
 * `setting` is revokedStatusSetting() over every token refusal the check saw, so each finding names the
 * one setting that fixes them all. `token` says what was sent, for the message when it was accepted.
 */
export function judgeTokenRefusal(
  current: readonly number[],
  status: number,
  setting: string | undefined,
  token = 'a token it must refuse',
): RefusalVerdict {
  if (current.includes(status)) return { ok: true };
  if (isSuccess(status)) {
    return {
      ok: false,
      configurable: false,
      fix: `none: the service accepted ${token}, a defect no setting can excuse`,
    };
  }
  if (isNameableRefusal(status) && setting !== undefined) {
    return {
      ok: false,
      configurable: true,
      fix: `${setting} (every status your service refuses invalid or revoked tokens with)`,
    };
  }
  return {
    ok: false,
    configurable: false,
    fix:
      `none: the suite needs a refusal here (REVOKED_STATUS, now ${current.join(',')}), and ` +
      `${status === 0 ? 'no answer' : `a ${status}`} is not one (REVOKED_STATUS takes 4xx statuses other than 429)`,
  };
}

/** The answer to a login with a wrong password, judged as the load tests judge it; no knob changes this. */
export function judgeWrongPassword(status: number): RefusalVerdict {
  if (WRONG_PASSWORD_REFUSALS.includes(status) || status === RATE_LIMITED) return { ok: true };
  const accepted = `${WRONG_PASSWORD_REFUSALS.join(', ')} (or ${RATE_LIMITED} from a login limiter)`;
  return {
    ok: false,
    configurable: false,
    fix: isSuccess(status)
      ? `none: the service logged in with a wrong password; the suite accepts ${accepted}, and this cannot be configured`
      : `none: the suite accepts ${accepted} for a wrong password, and this cannot be configured`,
  };
}
