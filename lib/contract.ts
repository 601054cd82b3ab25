// The service contract, the one module every caller reads it through: the k6 client (lib/k6/auth-client.ts),
// the Node-side client of the drill, soak and contract check (scripts/lib/stack/service-client.ts) and the specs.
// With no knob set, the contract is docs/contract.md's (POST /auth/login → access_token, Bearer calls, 401 for
// revoked tokens, revoked:<iss>:<jti>); every difference a real service has is a knob (parseContract).
// Pure TypeScript.
export {
  type Account,
  type AccountRow,
  type AccountSettings,
  accountFromRow,
  accountIndexFor,
  generatedAccount,
  parseAccountsCsv,
} from './contract/accounts.ts';
export {
  DEFAULT_LOGIN_BODY,
  DEFAULT_REVOCATION_KEY,
  type HttpCall,
  parseContract,
  type ServiceContract,
} from './contract/knobs.ts';
export { type LoginRequest, loginRequest } from './contract/login-request.ts';
export {
  isNameableRefusal,
  judgeTokenRefusal,
  judgeWrongPassword,
  RATE_LIMITED,
  type RefusalVerdict,
  revokedStatusSetting,
  WRONG_PASSWORD_REFUSALS,
} from './contract/refusals.ts';
export {
  describeTtlPolicy,
  judgeRevocationTtl,
  type RevocationTtl,
  revocationKeyFor,
  TTL_TOLERANCE_MS,
  type TtlVerdict,
} from './contract/revocation.ts';
export {
  atPath,
  claimsFromPayload,
  DEFAULT_TOKEN_LIFETIME_S,
  type ExpirySource,
  type IssuedToken,
  issuedToken,
} from './contract/token.ts';

import type { ServiceContract } from './contract/knobs.ts';

/** Whether `status` is the contract's refusal of a revoked or invalid token. */
export function isRefusal(contract: ServiceContract, status: number): boolean {
  return contract.refusedStatuses.includes(status);
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
