// Raised when shared state (Redis) cannot be read or written. Routes turn it into 503: the service
// fails closed rather than guess whether a token was revoked.
/** What could not be done; also the `operation` label of auth_fail_closed_total. */
export type StoreOperation = 'revocation lookup' | 'revocation write';

export class StoreUnavailableError extends Error {
  constructor(
    readonly operation: StoreOperation,
    cause: unknown,
  ) {
    super(`${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
